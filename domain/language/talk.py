"""Free-text commands: `who owns …`, `decision …`, `checkin …`."""

import re
from difflib import get_close_matches

from domain.language import commands as c
from domain.language.arguments import bounded, trailing_contexts
from domain.language.tokens import join, tokenize
from domain.language.usage import USAGE
from domain.model.errors import RoleCallError
from domain.model.errors import RoleCallError as _Unknown
from domain.ownership.areas import AREAS, find_area


def parse_who_owns(question: str) -> c.AskWhoOwns:
    question = question.strip()
    if not question.strip(" ?!.,"):
        raise RoleCallError(
            "Ask a question after “who owns”.", "who owns can we push the launch to March?"
        )
    return c.AskWhoOwns(question, trailing_contexts(question))


_AREA_OPTION = re.compile(r"\s+area\s+([\w-]+)(?=\s+in\s|\s*$)", re.IGNORECASE)


def _is_area(word: str) -> bool:
    try:
        find_area(word)
    except _Unknown:
        return False
    return True


def _near_area(word: str) -> str | None:
    """The area a near miss means ("timline"): an ordinary word ("north") stays text."""
    close = get_close_matches(word.lower(), [a.key for a in AREAS], n=1, cutoff=0.85)
    return close[0] if close else None


def parse_decision(rest: str) -> c.Command:
    sub, _, text = rest.partition(" ")
    sub, text = sub.lower(), text.strip()
    if sub in ("log", "add", "record"):
        area = None
        match = _AREA_OPTION.search(" " + text)
        if match and not _is_area(match.group(1)) and (near := _near_area(match.group(1))):
            raise RoleCallError(f"Unknown decision area “{match.group(1)}”. Did you mean "
                                f"“{near}”? The areas are: {', '.join(a.key for a in AREAS)}.",
                                USAGE["decision log"])  # fmt: skip
        if match and _is_area(match.group(1)):  # "…the delivery area north" stays text
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
    if sub in ("confirm", "reject", "decline"):
        form = "decision confirm" if sub == "confirm" else "decision reject"
        said, _, reason = text.partition(" ")
        if not said:
            raise RoleCallError("Say which decision.", USAGE[form])
        number = said.upper().removeprefix("D").lstrip("#")
        if not re.fullmatch(r"[0-9]{1,9}", number) or (reason and sub == "confirm"):
            raise RoleCallError(f"“{text[:40]}” is not a decision number.", USAGE[form])
        reason = bounded(" ".join(reason.split()), 500, "reason", form) or None
        return c.ConfirmDecision(int(number), sub != "confirm", reason)
    raise RoleCallError(f"Unknown decision command “{sub[:40]}”: log, list, confirm or reject.",
                        USAGE["decision log"])  # fmt: skip


_NO_BLOCKERS = {"", "none", "no", "nope", "n/a", "na", "-", "nothing", "no blockers", "nil"}


def _brief(text: str) -> str | None:
    return bounded(" ".join(text.split()), 1000, "check-in section", "checkin") or None


def parse_checkin(rest: str) -> c.CheckIn:
    parts = re.split(r"\b(yesterday|today|blockers?|blocked)\s*:", rest, flags=re.IGNORECASE)
    sections: dict[str, str | None] = {"today": _brief(parts[0])}
    for label, body in zip(parts[1::2], parts[2::2], strict=True):
        key = "blockers" if label.lower().startswith("block") else label.lower()
        sections[key] = " ".join(filter(None, [sections.get(key), _brief(body)])) or None
    if (sections.get("blockers") or "").lower().strip(" .!") in _NO_BLOCKERS:
        sections["blockers"] = None
    if not any(sections.values()):
        raise RoleCallError("Say what you did and will do.", USAGE["checkin"])
    return c.CheckIn(sections.get("yesterday"), sections.get("today"), sections.get("blockers"))
