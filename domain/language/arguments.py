"""Small value readers shared by the command parsers: numbers, amounts, times, days."""

import re

from domain.language.usage import USAGE
from domain.model.errors import RoleCallError

_AMOUNT = re.compile(r"^[$€£]?\s*(\d[\d,_]*(?:\.\d+)?)\s*([km]?)\s*(?:[$€£]|usd|eur|gbp)?$")
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$")
_DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_DAY_SETS = {
    "weekdays": (0, 1, 2, 3, 4),
    "workdays": (0, 1, 2, 3, 4),
    "daily": (0, 1, 2, 3, 4, 5, 6),
    "everyday": (0, 1, 2, 3, 4, 5, 6),
    "weekends": (5, 6),
}
_CONTEXT = re.compile(r"\s+in\s+", re.IGNORECASE)


def bounded(text: str, limit: int, what: str, form: str) -> str:
    """Text within its limit, or an error: nothing is cut short without a word."""
    if len(text) > limit:
        raise RoleCallError(
            f"The {what} is {len(text):,} characters; the limit is {limit:,}.", USAGE[form]
        )
    return text


def parse_task_number(text: str) -> int:
    digits = text.strip().lstrip("#").rstrip(".,;:!?")
    if not re.fullmatch(r"[0-9]{1,9}", digits) or int(digits) == 0:
        raise RoleCallError(f"“{text[:40]}” is not a task number.", "a number like #12")
    return int(digits)


def parse_amount(text: str, form: str) -> float:
    match = _AMOUNT.match(text.strip().lower())
    if not match:
        raise RoleCallError(f"“{text[:40]}” is not an amount.", USAGE[form])
    value = float(match.group(1).replace(",", "").replace("_", ""))
    return value * {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2)]


def parse_estimate(text: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*[a-z]{0,6}", text.strip().lower())
    if not match or float(match.group(1)) > 100_000:
        raise RoleCallError(f"“{text[:40]}” is not an estimate.", USAGE["task add"])
    return float(match.group(1))


def parse_time_of_day(text: str) -> str:
    """ "9:30", "09:30", "9am", "5:15pm" → "HH:MM"."""
    match = _TIME.match(text.strip().lower())
    hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 99)
    if match and match.group(3):
        hour = hour % 12 + (12 if match.group(3) == "pm" else 0) if hour <= 12 else 99
    if hour > 23 or minute > 59:
        raise RoleCallError(f"“{text[:40]}” is not a time of day.", USAGE["standup"])
    return f"{hour:02d}:{minute:02d}"


def parse_days(text: str) -> tuple[int, ...]:
    """ "mon-fri", "mon,wed,fri", "weekdays", "daily", "every day" → weekday numbers (Mon = 0)."""
    spec = " ".join(text.lower().replace("every day", "daily").split())
    if spec in _DAY_SETS:
        return _DAY_SETS[spec]
    days: set[int] = set()
    for part in re.split(r"[,\s]+", spec):
        first, _, last = part.partition("-")
        start, end = _day(first), _day(last or first)
        span = (end - start) % 7
        days.update((start + k) % 7 for k in range(span + 1))
    return tuple(sorted(days))


def _day(word: str) -> int:
    key = word[:3]
    if len(word) < 2 or key not in _DAY_NAMES or not _DAY_FULL[key].startswith(word):
        raise RoleCallError(f"“{word[:20]}” is not a weekday.", "days mon-fri, days mon,wed,fri")
    return _DAY_NAMES.index(key)


_DAY_FULL = dict(zip(_DAY_NAMES, ["monday", "tuesday", "wednesday", "thursday", "friday",
                                  "saturday", "sunday"], strict=True))  # fmt: skip


def trailing_contexts(text: str) -> tuple[str, ...]:
    """What follows each " in " of free text, nearest the end first: the candidates for a
    trailing `in <project or product>`. Only the handler knows whether one names something."""
    candidates = []
    text = " " + text  # "in <name>" alone is a context too
    for match in reversed(list(_CONTEXT.finditer(text))):
        candidate = text[match.end() :].strip().rstrip("?!.").strip().strip('"“”').strip()
        if candidate:
            candidates.append(candidate)
    return tuple(candidates[:5])
