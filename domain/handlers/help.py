"""`help [topic]`."""

from domain.language import commands as c
from domain.language.dates import DATE_EXAMPLES
from domain.language.usage import TOPICS, USAGE
from domain.model.chat import Reply
from domain.model.context import Scope
from domain.ownership.areas import AREAS

INTRO = (
    "RoleCall keeps product and project manager responsibilities straight.\n"
    "The product manager owns vision, client needs, metrics, competitors, the lifecycle and "
    "cross-team alignment; the project manager owns scope, timeline, budget, process, tasks "
    "and stakeholder communication."
)


# What people use most, by example: `help` fits a screen; `help <topic>` and `help all` the rest.
FIRST_STEPS = (
    ("task add Write the release notes @sam by friday", "a task for sam, due Friday"),
    ("task list mine", "your open tasks (also today, this week, overdue, @name)"),
    ("task done #12", "close it (start, block, unblock and drop work alike)"),
    ("task due #12 next tue", "move its due date"),
    ("task assign #12 @lee", "hand it to someone"),
    ("who owns can we push the launch to March?", "who decides, why, and who to consult"),
    ("decision log We ship in March", "record a decision; its owner confirms or rejects it"),
    ("project add Checkout pm @dave", "a project and its manager"),
    ("standup at 09:30 tz Europe/Berlin", "a daily digest in this channel"),
    ("me", "what is yours: tasks, decisions waiting for you, roles"),
)
MORE = "More: help task | who | decision | product | project | role | standup | dates | all"


def show_help(cmd: c.Help, s: Scope) -> Reply:
    topic = (cmd.topic or "").removesuffix("s")
    if not topic:
        lines = [f"{example} — {what}" for example, what in FIRST_STEPS]
        return Reply("\n".join([INTRO, "", *lines, "", MORE]))
    if topic in ("date", "when"):
        return Reply(f"Dates are read in your time zone ({s.tz}): {DATE_EXAMPLES}.")
    if topic in TOPICS:
        lines = [USAGE[k] for k in TOPICS[topic]]
        if topic in ("owner", "role", "decision"):
            lines.append("Areas: " + ", ".join(area.key for area in AREAS) + ".")
        return Reply("\n".join(lines))
    lines = [INTRO, "", *USAGE.values(), "", f"Dates: {DATE_EXAMPLES} (your zone: {s.tz})."]
    if topic not in ("all", "everything", "command"):
        lines.insert(0, f"No help on “{cmd.topic[:30]}”; here is everything.")
    return Reply("\n".join(lines))
