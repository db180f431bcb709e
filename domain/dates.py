"""Natural dates ("friday", "in 3 days", "next friday 5pm", "2026-12-01") in the speaker's zone."""

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from domain.errors import RoleCallError

_HAS_TIME = re.compile(r"\d:\d\d|\b\d{1,2}\s*(am|pm)\b|\bnoon\b|\bmidnight\b", re.IGNORECASE)
_ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
DATE_EXAMPLES = "friday, tomorrow, in 3 days, next friday 5pm, 2026-12-01"


@cache
def _zone_names() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones()}


def zone(name: str) -> ZoneInfo:
    """A time zone by its IANA name (any case), or a user error naming it."""
    try:
        return ZoneInfo(_zone_names().get(name.strip().casefold(), name))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise RoleCallError(
            f"Unknown time zone “{name[:60]}”.",
            "an IANA name such as Europe/Berlin or America/New_York",
        ) from None


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


def parse_when(text: str, tz: str, now: datetime) -> tuple[date, datetime | None]:
    """The calendar day meant, and the exact instant (UTC) when a time of day was given."""
    phrase = " ".join(text.split())
    if not phrase:
        raise RoleCallError("The date is missing.", f"due <when>, e.g. {DATE_EXAMPLES}")
    if _ISO_DAY.fullmatch(phrase):  # 2026-13-01 is a mistake, not 13 January
        try:
            return date.fromisoformat("-".join(f"{int(p):02d}" for p in phrase.split("-"))), None
        except ValueError:
            raise RoleCallError(
                f"I can't read “{phrase}” as a date.", f"one of: {DATE_EXAMPLES}"
            ) from None
    local_now = now.astimezone(zone(tz)).replace(tzinfo=None)
    parsed = _parse(phrase[:100], local_now)
    if parsed is None:
        raise RoleCallError(f"I can't read “{phrase[:60]}” as a date.", f"one of: {DATE_EXAMPLES}")
    day = parsed.date()
    if not _HAS_TIME.search(phrase):
        return day, None
    if parsed.tzinfo is not None:  # "5pm EST": the phrase names its own zone
        return day, parsed.astimezone(UTC)
    return day, parsed.replace(tzinfo=zone(tz)).astimezone(UTC)


def parse_day(text: str, tz: str, now: datetime) -> date:
    return parse_when(text, tz, now)[0]


def local_today(tz: str, now: datetime) -> date:
    return now.astimezone(zone(tz)).date()


@lru_cache(maxsize=4096)  # a scheduler pass asks for the same few days and zones each task
def start_of_day(day: date, tz: str) -> datetime:
    """Local midnight of `day`, in UTC (zoneinfo handles the DST gaps)."""
    return datetime.combine(day, time(), zone(tz)).astimezone(UTC)


def add_working_days(day: date, count: int) -> date:
    while count > 0:
        day += timedelta(days=1)
        count -= day.weekday() < 5
    return day


def show_day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"
