"""Natural dates ("friday", "in 3 days", "next friday 5pm", "2026-12-01") in the speaker's zone."""

import re
from calendar import monthrange
from datetime import UTC, date, datetime, timedelta
from functools import cache

from domain.model.calendar import show_day, zone
from domain.model.errors import RoleCallError

_HAS_TIME = re.compile(r"\d:\d\d|\b\d{1,2}\s*(am|pm)\b|\bnoon\b|\bmidnight\b", re.IGNORECASE)
_NO_TIME = re.compile(  # 13pm, 25:00, 9:75
    r"(?<![:\d])(?:1[3-9]|[2-9]\d)\s*(?:am|pm)\b|\b(?:2[4-9]|[3-9]\d):\d\d|\b\d{1,2}:[6-9]\d",
    re.IGNORECASE,
)
_TIME_ONLY = re.compile(r"(?:\d{1,2}(?::\d\d)?\s*(?:am|pm)|\d{1,2}:\d\d|noon|midnight)",
                        re.IGNORECASE)  # fmt: skip
_ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
DATE_EXAMPLES = "friday, tomorrow, in 3 days, next friday 5pm, end of month, 2026-12-01"
FURTHEST = 10  # years ahead a date may be: further is a typo (and past what dates can hold)
OLDEST = timedelta(days=366)  # how long ago a date may be: a late entry, not a typo

# dateparser knows "wed" only after "next" for some days, and no period ends at all.
_DAY_NAMES = {"mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday",
              "weds": "wednesday", "thu": "thursday", "thur": "thursday", "thurs": "thursday",
              "fri": "friday", "sat": "saturday", "sun": "sunday"}  # fmt: skip
_SHORT_DAY = re.compile(rf"\b({'|'.join(_DAY_NAMES)})\b\.?", re.IGNORECASE)
_PERIOD_END = re.compile(
    r"(?:by\s+)?(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(day|week|month|quarter|year)|eo(d|w|m|q|y))\b",
    re.IGNORECASE,
)
_SLANG = re.compile(r"\b(tmrw|tmr|tmw|tomoz|2moro|asap)\b", re.IGNORECASE)
_SLANG_MEANS = {"asap": "today"}  # as soon as possible: due today; the rest say tomorrow
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NEXT_OR_THIS = re.compile(rf"(next|this|coming)\s+({'|'.join(_WEEKDAYS)})", re.IGNORECASE)
_DAY_OF_MONTH = re.compile(r"(?:on\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)


@cache
def _parser_class():
    # Imported lazily: loading dateparser's data costs ~80 ms, paid once (see warm_up).
    from dateparser.date import DateDataParser

    return DateDataParser


def _parse(phrase: str, relative_base: datetime) -> datetime | None:
    # languages=["en"] avoids a per-call language detection that costs up to a second on
    # unparseable text; a parser is ~1 ms to build, so each call gets its own relative base.
    settings = {"PREFER_DATES_FROM": "future", "RELATIVE_BASE": relative_base}
    parser = _parser_class()(languages=["en"], settings=settings)
    try:
        return parser.get_date_data(phrase).date_obj
    except (ValueError, OverflowError):
        return None  # dateparser rejects some odd inputs by raising; treat as unreadable


def warm_up() -> None:
    _parse("tomorrow", datetime(2026, 1, 1))


def reads_as_date(text: str) -> bool:
    """Whether `text` says a date at all, whenever it is said (near or far)."""
    try:
        parse_when(text, "UTC", datetime(2000, 1, 1, tzinfo=UTC), reach=False)
    except RoleCallError:
        return False
    return True


def parse_when(
    text: str, tz: str, now: datetime, reach: bool = True
) -> tuple[date, datetime | None]:
    """The calendar day meant, and the exact instant (UTC) when a time of day was given.
    `reach`: refuse a day too far ahead or too long ago as a likely typo."""
    check = _within_reach if reach else lambda day, said, today: day
    phrase = " ".join(text.split())
    if not phrase:
        raise RoleCallError("The date is missing.", f"due <when>, e.g. {DATE_EXAMPLES}")
    local_now = now.astimezone(zone(tz)).replace(tzinfo=None)
    if _ISO_DAY.fullmatch(phrase):  # 2026-13-01 is a mistake, not 13 January
        try:
            day = date.fromisoformat("-".join(f"{int(p):02d}" for p in phrase.split("-")))
        except ValueError:
            raise RoleCallError(
                f"I can't read “{phrase}” as a date.", f"one of: {DATE_EXAMPLES}"
            ) from None
        return check(day, phrase, local_now.date()), None
    if bad := _NO_TIME.search(phrase):
        raise RoleCallError(f"“{bad.group()}” is not a time of day.", "e.g. 5pm or 17:00")
    said, phrase = phrase, _plain(phrase, local_now)
    if _ISO_DAY.fullmatch(phrase):
        return check(date.fromisoformat(phrase), said, local_now.date()), None
    parsed = _parse(phrase[:100], local_now)
    if parsed is None:
        raise RoleCallError(f"I can't read “{said[:60]}” as a date.", f"one of: {DATE_EXAMPLES}")
    day = check(parsed.date(), said, local_now.date())
    if not _HAS_TIME.search(phrase):
        return day, None
    if parsed.tzinfo is not None:  # "5pm EST": the phrase names its own zone
        return day, parsed.astimezone(UTC)
    return day, parsed.replace(tzinfo=zone(tz)).astimezone(UTC)


def _plain(phrase: str, local_now: datetime) -> str:
    """What dateparser reads: day names spelled out; "end of month", "the 15th" (the next
    one to come) and a bare time ("5pm": today, or tomorrow once it has passed) made dates."""
    today = local_now.date()
    phrase = _SHORT_DAY.sub(lambda m: _DAY_NAMES[m.group(1).lower()], phrase)
    phrase = _SLANG.sub(lambda m: _SLANG_MEANS.get(m.group(1).lower(), "tomorrow"), phrase)
    clock = _HAS_TIME.search(phrase)
    if not (clock and _TIME_ONLY.fullmatch(phrase[clock.start() :].strip())):
        clock = None  # "5pm friday", "5pm EST": dateparser reads those whole
    day_part = phrase[: clock.start()] if clock else phrase
    time_part = phrase[len(day_part) :]
    day_part = re.sub(r"(?:^|\s)at$", "", day_part.strip(), flags=re.IGNORECASE).strip()
    day = None
    if week := _NEXT_OR_THIS.fullmatch(day_part):
        day = _in_week(week.group(1).lower(), _WEEKDAYS.index(week.group(2).lower()), today)
    elif end := _PERIOD_END.fullmatch(day_part):
        day = _end_of((end.group(1) or end.group(2)).lower()[0], today)
    elif nth := _DAY_OF_MONTH.fullmatch(day_part):
        day = _next_day_of_month(int(nth.group(1)), today)
        if day is None:
            raise RoleCallError(f"No month has a day “{day_part}”.", f"one of: {DATE_EXAMPLES}")
    elif not day_part and clock:  # "5pm", "at 17:00"
        later = _parse(f"today {time_part}", local_now)
        day = today + timedelta(days=1) if later and later <= local_now else today
    return f"{day.isoformat()} {time_part}".strip() if day else phrase


def _in_week(which: str, weekday: int, today: date) -> date:
    """ "next wed" is the Wednesday of next week (said on Monday: in nine days, not two);
    "this wed" (or "coming wed") is this week's, or the coming one once it has passed."""
    monday = today - timedelta(days=today.weekday())
    if which == "next":
        return monday + timedelta(days=7 + weekday)
    day = monday + timedelta(days=weekday)
    return day if day >= today else day + timedelta(days=7)


def _next_day_of_month(number: int, today: date) -> date | None:
    year, month = today.year, today.month
    for _ in range(13):  # the next month that has that day
        if 1 <= number <= monthrange(year, month)[1] and date(year, month, number) >= today:
            return date(year, month, number)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None  # "the 0th", "the 45th"


def _end_of(period: str, today: date) -> date:
    """The last day of the day (d), working week (w), month, quarter or year that holds today."""
    if period == "d":
        return today
    if period == "w":  # Friday; at the weekend, the coming one
        return today + timedelta(days=(4 - today.weekday()) % 7)
    if period == "y":
        return date(today.year, 12, 31)
    month = today.month if period == "m" else (today.month - 1) // 3 * 3 + 3
    return date(today.year, month, monthrange(today.year, month)[1])


def _within_reach(day: date, said: str, today: date) -> date:
    leap_day = today.month == 2 and today.day == 29
    furthest = today.replace(year=today.year + FURTHEST, day=28 if leap_day else today.day)
    if day > furthest:
        raise RoleCallError(f"“{said[:60]}” is more than {FURTHEST} years away.",
                            f"a date up to {show_day(furthest)}")  # fmt: skip
    if day < today - OLDEST:
        raise RoleCallError(f"“{said[:60]}” is more than a year ago.", "a recent date")
    return day


def parse_day(text: str, tz: str, now: datetime) -> date:
    return parse_when(text, tz, now)[0]
