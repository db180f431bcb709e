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


def show_help(cmd: c.Help, s: Scope) -> Reply:
    topic = (cmd.topic or "").removesuffix("s")
    if topic in ("date", "when"):
        return Reply(f"Dates are read in your time zone ({s.tz}): {DATE_EXAMPLES}.")
    if topic in TOPICS:
        lines = [USAGE[k] for k in TOPICS[topic]]
        if topic in ("owner", "role", "decision"):
            lines.append("Areas: " + ", ".join(area.key for area in AREAS) + ".")
        return Reply("\n".join(lines))
    lines = [INTRO, "", *USAGE.values(), "", f"Dates: {DATE_EXAMPLES} (your zone: {s.tz})."]
    if cmd.topic:
        lines.insert(0, f"No help on “{cmd.topic[:30]}”; here is everything.")
    return Reply("\n".join(lines))
