"""The calendar the model counts in: time zones by name, local days and midnights, working
days, and how a day is shown."""

from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from domain.model.errors import RoleCallError


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
