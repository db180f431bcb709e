"""The command language (DESIGN §2): chat text in, one command dataclass out.

Every failure is a RoleCallError with a short message and the right form; nothing else is
ever raised, whatever the text (see tests/unit/language/test_parser_properties.py).
"""

import re

from domain.language import commands as c
from domain.language.catalog import SETUP_VERBS
from domain.language.talk import parse_checkin, parse_decision, parse_who_owns
from domain.language.tasks import parse_task
from domain.language.tokens import clean, tokenize
from domain.language.usage import USAGE, closest
from domain.model.errors import RoleCallError

_LEADING_MENTION = re.compile(r"^\s*(<@[^>]+>|@rolecall\b)[\s,:]*", re.IGNORECASE)
_WHO = {"who", "who's", "who’s", "whos", "whose", "who've", "whom"}
_VERBS = (
    "task, who owns, decision, product, project, role, roles, owners, standup, checkin, me, "
    "timezone, help"
)
# Questions that ask whose call something is without starting with "who": "is the release
# date marco's call or priya's?", "should priya or marco decide the price?", "which manager
# owns pricing?", "is this a product or a project decision?".
_WHOSE_CALL = re.compile(
    r"^(?:(?:is|isn'?t|are|was|would\s+(?:it|this|that)\s+be)\b.*\b(?:call|decision|choice|"
    r"job|responsibilit(?:y|ies)|remit|area|say|domain)s?\b"
    r"|(?:should|does|do|did|can|could|would|will|shall)\b.*\b(?:decide|decides|own|owns|"
    r"make\s+the\s+call|have\s+the\s+final\s+say|sign\s+off|approve|call\s+it)\b"
    r"|(?:which|what)\s+(?:manager|pm|role|one\s+of\s+(?:us|you|them)|person)\b)",
    re.IGNORECASE,
)
# The form an unknown command's nearest verb takes, to show instead of "help".
_FORM_OF = {"task": USAGE["task add"], "who": USAGE["who owns"], "decision": USAGE["decision log"],
            "checkin": USAGE["checkin"], "product": USAGE["product add"],
            "project": USAGE["project add"], "standup": USAGE["standup"],
            "timezone": USAGE["timezone"], "role": USAGE["role"]}  # fmt: skip
_TEXT_VERBS = {
    "checkin": parse_checkin,
    "check-in": parse_checkin,
    "decision": parse_decision,
    "decisions": parse_decision,
    "who-owns": parse_who_owns,
    "whoowns": parse_who_owns,
}


def parse(text: str, implicit_task_add: bool = False) -> c.Command:
    """Parse one message. `implicit_task_add` is for `/task <title>`: no known verb means add."""
    text = _LEADING_MENTION.sub("", clean(text), count=1).strip()
    implicit_task_add = implicit_task_add or text.lower().startswith("/task ")
    text = text.lstrip("/")
    head, _, rest = text.partition(" ")
    verb, rest = head.lower(), rest.strip()
    if verb == "rolecall":  # `/rolecall task list`, or a mention typed as plain text
        return parse(rest or "help", implicit_task_add)
    if verb in _WHO:  # "who owns …", "who decides …", "who's responsible for …", "whose call…"
        second, _, after = rest.partition(" ")
        question = after if second.lower() in ("owns", "decides", "owns:", "own") else rest
        return parse_who_owns(question.strip())
    if verb in _TEXT_VERBS:
        return _TEXT_VERBS[verb](rest)
    tokens = tokenize(rest)
    if verb in ("task", "tasks"):
        return parse_task(tokens, implicit_task_add, verb == "tasks")
    if verb in SETUP_VERBS:
        return SETUP_VERBS[verb](tokens)
    if not verb:
        raise RoleCallError("Type a command.", "help")
    if _WHOSE_CALL.search(text):
        return parse_who_owns(text)
    near = closest(verb, [*_TEXT_VERBS, *SETUP_VERBS, "task", "who"])
    hint = f" Did you mean “{near}”?" if near else ""
    raise RoleCallError(f"Unknown command “{head[:40]}”.{hint} Commands: {_VERBS}.",
                        _FORM_OF.get(near or "", "help"))  # fmt: skip
