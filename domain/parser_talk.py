"""Free-text commands: `who owns …`, `decision …`, `checkin …`."""

import re

from domain import commands as c
from domain.errors import RoleCallError
from domain.parser_args import parse_task_number, trailing_contexts
from domain.tokens import join, tokenize
from domain.usage import USAGE


def parse_who_owns(question: str) -> c.AskWhoOwns:
    question = question.strip()
    if not question.strip(" ?!.,"):
        raise RoleCallError(
            "Ask a question after “who owns”.", "who owns can we push the launch to March?"
        )
    return c.AskWhoOwns(question, trailing_contexts(question))


_AREA_OPTION = re.compile(r"\s+area\s+([\w-]+)(?=\s+in\s|\s*$)", re.IGNORECASE)


def parse_decision(rest: str) -> c.Command:
    sub, _, text = rest.partition(" ")
    sub, text = sub.lower(), text.strip()
    if sub in ("log", "add", "record"):
        area = None
        if match := _AREA_OPTION.search(" " + text):
            area = match.group(1).lower()
            text = (" " + text)[: match.start()] + (" " + text)[match.end() :]
            text = text.strip()
        if not text:
            raise RoleCallError("Say what was decided.", USAGE["decision log"])
        if len(text) > 2000:
            raise RoleCallError("A decision is limited to 2,000 characters.", USAGE["decision log"])
        return c.LogDecision(text, area, trailing_contexts(text))
    if sub in ("list", "ls", ""):
        tokens = tokenize(text)
        if tokens and tokens[0].word in ("in", "for"):
            tokens = tokens[1:]
        return c.ListDecisions(join(tokens) or None)
    if sub == "confirm":
        return c.ConfirmDecision(parse_task_number(text.upper().removeprefix("D")))
    raise RoleCallError(f"Unknown decision command “{sub[:40]}”.", USAGE["decision log"])


def parse_checkin(rest: str) -> c.CheckIn:
    parts = re.split(r"\b(yesterday|today|blockers?|blocked)\s*:", rest, flags=re.IGNORECASE)
    sections = {"today": parts[0].strip() or None}
    for label, body in zip(parts[1::2], parts[2::2], strict=True):
        key = "blockers" if label.lower().startswith("block") else label.lower()
        sections[key] = " ".join(body.split())[:1000] or None
    if not any(sections.values()):
        raise RoleCallError("Say what you did and will do.", USAGE["checkin"])
    return c.CheckIn(sections.get("yesterday"), sections.get("today"), sections.get("blockers"))
