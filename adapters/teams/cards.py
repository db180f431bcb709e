"""Every Adaptive Card RoleCall sends to Teams (schema 1.5: what Teams renders on desktop, web
and mobile), with a plain-text fallback.

User text goes into `TextRun`s, which Adaptive Cards never read as markdown, so a title like
`[click](https://evil)` shows as typed; `${…}` is broken up so no templating engine can ever
expand it. Long content is cut to fit Teams' message size with "…and N more".
"""

import json
from collections.abc import Callable

from domain.model.chat import Reply
from domain.model.tasks import Task, next_actions
from domain.ownership.answers import OwnerAnswer
from domain.standups.digest import Digest

CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
BUDGET = 20_000  # bytes of card JSON; Teams refuses messages over about 28 KB
LINE_LIMIT = 2_000  # characters: the longest line is at most 8 KB of UTF-8
TASK_BUTTONS = {"start": "Start", "done": "Done", "snooze": "Snooze 1 day", "drop": "Undo"}
REVIEW_BUTTONS = {"approve": "Approve into scope", "defer": "Defer"}
Show = Callable[[str], str]  # the core's text as people should read it (names, not handles)


def plain(text: str) -> str:
    return text.replace("${", "$\u200b{")


def line(text: str, bold: bool = False, subtle: bool = False) -> dict:
    run = {"type": "TextRun", "text": plain(text)}
    if bold:
        run["weight"] = "Bolder"
    if subtle:
        run["isSubtle"] = True
    return {"type": "RichTextBlock", "inlines": [run], "spacing": "Small"}


def lines(texts: list[str], budget: int = BUDGET, bold_first: bool = False) -> list[dict]:
    """One block per line, until the budget (bytes of JSON) is spent; then how many lines
    were left out. A line longer than LINE_LIMIT characters is cut, visibly."""
    blocks, used = [], 0
    texts = [_cut(t) for t in texts if t.strip()] or ["…"]
    for i, text in enumerate(texts):
        block = line(text, bold=bold_first and i == 0)
        used += len(json.dumps(block, ensure_ascii=False).encode())
        if used > budget:
            blocks.append(line(f"…and {len(texts) - i} more", subtle=True))
            break
        blocks.append(block)
    return blocks


def _cut(text: str) -> str:
    return text if len(text) <= LINE_LIMIT else text[: LINE_LIMIT - 1] + "…"


def card(body: list[dict], fallback: str, actions: list[dict] | None = None) -> dict:
    content = {
        "type": "AdaptiveCard", "$schema": SCHEMA, "version": "1.5", "body": body,
        "fallbackText": plain(_cut(fallback)), "msteams": {"width": "Full"},
    }  # fmt: skip
    if actions:
        content["actions"] = actions
    return {"contentType": CONTENT_TYPE, "content": content}


def summary(text: str) -> str:
    """The notification preview: the first line, cut."""
    first = text.strip().splitlines()[0] if text.strip() else "RoleCall"
    return first[:200]


def buttons(number: int, labels: dict[str, str]) -> list[dict]:
    return [
        {"type": "Action.Submit", "title": label, "data": {"rolecall": verb, "task": number},
         **({"style": "positive"} if verb in ("done", "approve") else {})}
        for verb, label in labels.items()
    ]  # fmt: skip


def reply_card(reply: Reply, show: Show) -> dict:
    """A command's reply: the owner first and in bold for `who owns`, the digest with its
    per-person detail collapsed, a task with the buttons that still apply."""
    text = show(reply.text)
    data = reply.data
    if isinstance(data, Digest):
        return digest_card(data.summary, [(h, i) for h, i in data.sections],
                           [(w, i) for w, i in data.details], show)  # fmt: skip
    actions = None
    if isinstance(data, Task) and data.is_open and reply.ok:
        verbs = (*next_actions(data), *(("drop",) if reply.undo else ()))
        actions = buttons(data.number, {v: TASK_BUTTONS[v] for v in verbs})
    bold = isinstance(data, OwnerAnswer)
    return card(lines(text.splitlines(), bold_first=bold), text, actions)


def digest_card(summary_text: str, sections: list, details: list, show: Show) -> dict:
    body = lines(show(summary_text).splitlines(), BUDGET // 4, bold_first=True)
    for heading, items in sections:
        body.append(line(show(heading), bold=True))
        body += lines([f"• {show(item)}" for item in items], BUDGET // (2 * len(sections)))
    actions = None
    if details:
        rows = [f"{show(who)}: " + "; ".join(show(i) for i in items) for who, items in details]
        hidden = [line("Details by person", bold=True), *lines(rows, BUDGET // 4)]
        body.append({"type": "Container", "id": "details", "isVisible": False, "items": hidden})
        actions = [{"type": "Action.ToggleVisibility", "title": "Details by person",
                    "targetElements": ["details"]}]  # fmt: skip
    fallback = "\n".join(
        [show(summary_text)]
        + [f"{show(h)}: " + "; ".join(show(i) for i in items) for h, items in sections]
    )
    return card(body, fallback, actions)


def notification_card(kind: str, text: str, payload: dict, show: Show) -> dict:
    """A scheduled notification; reminders carry task buttons, unplanned notices a review."""
    if kind == "digest" and "summary" in payload:
        return digest_card(payload["summary"], payload.get("sections") or [],
                           payload.get("details") or [], show)  # fmt: skip
    shown = show(text)
    actions = None
    number, wanted = payload.get("task"), payload.get("actions") or []
    if number and wanted:
        table = REVIEW_BUTTONS if "approve" in wanted else TASK_BUTTONS
        actions = buttons(number, {k: v for k, v in table.items() if k in wanted})
    return card(lines(shown.splitlines()), shown, actions)


def welcome_card() -> dict:
    text = (
        "Hi, I'm RoleCall: I keep product and project manager responsibilities straight.\n"
        "Log work with “task add Fix login due friday”, ask “who owns the budget?”, "
        "and get a daily digest with “standup at 09:30”.\n"
        "Type “help” to see everything."
    )
    return card(lines(text.splitlines(), bold_first=True), text)
