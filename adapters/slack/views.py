"""Every Block Kit payload RoleCall sends, built with slack_sdk's typed models (which check
Slack's lengths and required fields). User text always goes through `to_mrkdwn`."""

import json

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    DatePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from adapters.slack.text import to_mrkdwn
from domain.handlers.home import Home
from domain.model.chat import Reply
from domain.model.tasks import Task, next_actions
from domain.ownership.answers import OwnerAnswer
from domain.standups.digest import Digest

SECTION_LIMIT = 2900  # Slack's is 3000 characters per text object
BLOCK_LIMIT = 45  # of Slack's 50 per message
TASK_BUTTONS = {"start": "Start", "done": "Done", "snooze": "Snooze 1 day", "drop": "Undo"}
REVIEW_BUTTONS = {"approve": "Approve into scope", "defer": "Defer"}
TASK_MODAL = "task_modal"


def sections(text: str, bold_first: bool = False) -> list[dict]:
    """Plain text as mrkdwn sections within Slack's limits: lines joined up to 2900
    characters, a longer line split at a space (never inside `&amp;` or `<@U1>`), and no
    empty section. `verbatim` stops Slack from turning words into links or mentions."""
    lines = [to_mrkdwn(line) for line in text.splitlines() if line.strip()] or ["…"]
    if bold_first and len(lines[0]) < SECTION_LIMIT - 2:
        lines[0] = f"*{lines[0]}*"
    chunks, current = [], ""
    for piece in (p for line in lines for p in _split(line)):
        if current and len(current) + 1 + len(piece) > SECTION_LIMIT:
            chunks.append(current)
            current = ""
        current = f"{current}\n{piece}" if current else piece
    chunks.append(current)
    blocks = [SectionBlock(text=MarkdownTextObject(text=c, verbatim=True)).to_dict()
              for c in chunks]  # fmt: skip
    if len(blocks) > BLOCK_LIMIT:
        more = f"…and {len(blocks) - BLOCK_LIMIT + 1} more parts"
        blocks = [*blocks[: BLOCK_LIMIT - 1], _context(more)]
    return blocks


def _split(line: str) -> list[str]:
    pieces = []
    while len(line) > SECTION_LIMIT:
        cut = line.rfind(" ", SECTION_LIMIT // 2, SECTION_LIMIT)
        cut = SECTION_LIMIT if cut < 0 else cut
        opened = max(line.rfind("&", cut - 12, cut), line.rfind("<", cut - 40, cut))
        if opened > 0 and not any(end in line[opened:cut] for end in ";>"):
            cut = opened  # do not cut an escape or a mention in two
        pieces.append(line[:cut])
        line = line[cut:].lstrip()
    return [*pieces, line] if line else pieces


def _context(text: str) -> dict:
    return ContextBlock(elements=[MarkdownTextObject(text=to_mrkdwn(text))]).to_dict()


def buttons(kind: str, number: int, labels: dict[str, str]) -> dict:
    return ActionsBlock(
        block_id=f"{kind}:{number}",
        elements=[
            ButtonElement(
                text=label,
                action_id=f"task_{verb}",
                value=str(number),
                style="primary" if verb in ("done", "approve") else None,
            )
            for verb, label in labels.items()
        ],
    ).to_dict()


def fallback(text: str) -> str:
    """The notification preview: the first line, cut, then escaped (never cut mid-escape)."""
    first = text.splitlines()[0] if text.strip() else "RoleCall"
    return to_mrkdwn(first[:300])


def reply_message(reply: Reply) -> dict:
    """A command's reply as `text` + `blocks`."""
    data = reply.data
    if isinstance(data, OwnerAnswer):
        blocks = who_owns_blocks(reply.text)
    elif isinstance(data, Digest):
        blocks = sections(data.summary) + [b for s in data.sections for b in _digest_section(*s)]
    else:
        blocks = sections(reply.text)
    if isinstance(data, Task) and data.is_open and reply.ok:
        verbs = (*next_actions(data), *(("drop",) if reply.undo else ()))
        blocks.append(buttons("task", data.number, {v: TASK_BUTTONS[v] for v in verbs}))
    return {"text": fallback(reply.text), "blocks": blocks}


def who_owns_blocks(text: str) -> list[dict]:
    """The owner, in bold, first; the area, reason and who to consult below."""
    return sections(text, bold_first=True)


def _digest_section(heading: str, items: list[str]) -> list[dict]:
    return sections(f"{heading}:\n" + "\n".join(f"• {item}" for item in items))


def digest_details(details: list) -> list[dict]:
    """The per-person detail that goes in the digest's thread."""
    text = "\n".join(f"{who}: " + "; ".join(items) for who, items in details) or "No details."
    return sections(text)


def notification_message(kind: str, text: str, payload: dict) -> dict:
    """A scheduled notification; reminders carry task buttons, unplanned notices a review."""
    if kind == "digest":
        blocks = sections(payload.get("summary") or text)
        blocks += [b for s in payload.get("sections") or [] for b in _digest_section(*s)]
        return {"text": fallback(text), "blocks": blocks[:BLOCK_LIMIT]}
    blocks = sections(text)
    actions = payload.get("actions") or []
    number = payload.get("task")
    if number and actions:
        table = REVIEW_BUTTONS if "approve" in actions else TASK_BUTTONS
        blocks.append(buttons("review" if table is REVIEW_BUTTONS else "task", number,
                              {k: v for k, v in table.items() if k in actions}))  # fmt: skip
    return {"text": fallback(text), "blocks": blocks}


def home_view(home: Home) -> dict:
    blocks = [HeaderBlock(text="Your RoleCall").to_dict()]
    for title, tasks in (("Open tasks", home.open_tasks), ("Due soon", home.due_soon),
                         ("Blocked", home.blocked)):  # fmt: skip
        rows = [home.lines[t.id] for t in tasks] or ["Nothing here."]
        blocks += [DividerBlock().to_dict(), *sections(f"*{title}*"), *sections("\n".join(rows))]
    waiting = [f"{d.ref} “{d.text}” — proposed, waiting for you" for d in home.waiting]
    blocks += [DividerBlock().to_dict(), *sections("*Decisions waiting for you*")]
    blocks += sections("\n".join(waiting) or "None.")
    blocks += [DividerBlock().to_dict(), *sections("*Your roles*")]
    blocks += sections(", ".join(home.roles) or "None yet.")
    return View(type="home", blocks=blocks[:100]).to_dict()


def task_modal(projects: list[str], metadata: dict, title: str = "") -> dict:
    """`/task` with no text, and the "Log as task" shortcut (prefilled)."""
    options = [Option(text=name[:75], value=name[:150]) for name in projects[:100]]
    blocks = [
        InputBlock(block_id="title", label="Title", element=PlainTextInputElement(
            action_id="value", initial_value=title[:300] or None, max_length=300)),
        InputBlock(block_id="assignee", label="Assignee", optional=True,
                   hint="Leave empty to take it yourself.",
                   element=UserSelectElement(action_id="value")),
        InputBlock(block_id="due", label="Due", optional=True,
                   element=DatePickerElement(action_id="value")),
    ]  # fmt: skip
    if options:
        select = StaticSelectElement(action_id="value", options=options)
        blocks.append(InputBlock(block_id="project", label="Project", optional=True,
                                 element=select))  # fmt: skip
    return View(
        type="modal", callback_id=TASK_MODAL, title=PlainTextObject(text="New task"),
        submit=PlainTextObject(text="Add task"), close=PlainTextObject(text="Cancel"),
        blocks=blocks, private_metadata=json.dumps(metadata)[:3000],
    ).to_dict()  # fmt: skip
