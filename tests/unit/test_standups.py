"""Standup schedules: the next digest on a configured weekday, at the exact local time,
across DST changes."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from domain.standups import Standup

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
WEEKDAYS = "0,1,2,3,4"
EVERY_DAY = "0,1,2,3,4,5,6"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def standup(at: str = "09:30", tz: str = BERLIN, days: str = WEEKDAYS) -> Standup:
    return Standup(workspace_id=1, channel="general", at=at, timezone=tz, days=days)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (utc(2027, 6, 16, 7, 29), utc(2027, 6, 16, 7, 30)),  # Wed, before 09:30 CEST
        (utc(2027, 6, 16, 7, 30), utc(2027, 6, 17, 7, 30)),  # at the time: strictly after
        (utc(2027, 6, 16, 12), utc(2027, 6, 17, 7, 30)),
        (utc(2027, 6, 18, 12), utc(2027, 6, 21, 7, 30)),  # Fri afternoon → Mon
        (utc(2027, 6, 19, 7), utc(2027, 6, 21, 7, 30)),  # Saturday → Mon
        (utc(2027, 6, 20, 23), utc(2027, 6, 21, 7, 30)),  # Sunday night UTC, Monday in Berlin
    ],
)
def test_a_weekday_standup_skips_the_weekend(moment, expected):
    assert standup().next_after(moment) == expected


@pytest.mark.parametrize(
    ("tz", "moment", "expected"),
    [
        # Berlin: CET (UTC+1) until Sunday 28 March 2027, CEST (UTC+2) after
        (BERLIN, utc(2027, 3, 26, 9), utc(2027, 3, 29, 7, 30)),
        (BERLIN, utc(2027, 3, 25, 9), utc(2027, 3, 26, 8, 30)),
        # Berlin: back to CET on Sunday 31 October 2027
        (BERLIN, utc(2027, 10, 29, 9), utc(2027, 11, 1, 8, 30)),
        (BERLIN, utc(2027, 10, 28, 9), utc(2027, 10, 29, 7, 30)),
        # New York: EST (UTC-5) until Sunday 14 March 2027, EDT (UTC-4) after
        (NEW_YORK, utc(2027, 3, 12, 15), utc(2027, 3, 15, 13, 30)),
        (NEW_YORK, utc(2027, 3, 11, 15), utc(2027, 3, 12, 14, 30)),
        # New York: back to EST on Sunday 7 November 2027
        (NEW_YORK, utc(2027, 11, 5, 15), utc(2027, 11, 8, 14, 30)),
        (NEW_YORK, utc(2027, 11, 4, 15), utc(2027, 11, 5, 13, 30)),
    ],
)
def test_the_local_time_is_exact_across_a_weekend_dst_change(tz, moment, expected):
    assert standup(tz=tz).next_after(moment) == expected


@pytest.mark.parametrize(
    ("tz", "moment", "expected"),
    [
        (BERLIN, utc(2027, 3, 27, 9), utc(2027, 3, 28, 7, 30)),
        (BERLIN, utc(2027, 10, 30, 9), utc(2027, 10, 31, 8, 30)),
        (NEW_YORK, utc(2027, 3, 13, 15), utc(2027, 3, 14, 13, 30)),
        (NEW_YORK, utc(2027, 11, 6, 15), utc(2027, 11, 7, 14, 30)),
    ],
)
def test_a_sunday_standup_on_the_day_of_the_change_runs_at_the_new_offset(tz, moment, expected):
    assert standup(tz=tz, days="6").next_after(moment) == expected


@pytest.mark.parametrize("tz", [BERLIN, NEW_YORK])
def test_a_daily_standup_is_at_the_same_wall_clock_time_every_day_of_the_year(tz):
    schedule, moment = standup(at="09:30", tz=tz, days=EVERY_DAY), utc(2027, 1, 1)
    local_days = []
    for _ in range(365):
        moment = schedule.next_after(moment)
        local = moment.astimezone(ZoneInfo(tz))
        assert (local.hour, local.minute) == (9, 30)
        local_days.append(local.date())
    assert all(b - a == timedelta(days=1) for a, b in pairwise(local_days))


def test_a_wall_time_skipped_by_the_spring_change_runs_an_hour_later_on_the_wall():
    schedule = standup(at="02:30", days=EVERY_DAY)
    assert schedule.next_after(utc(2027, 3, 27, 2)) == utc(2027, 3, 28, 1, 30)  # 03:30 CEST


def test_a_wall_time_repeated_by_the_autumn_change_runs_once_at_its_first_occurrence():
    schedule = standup(at="02:30", days=EVERY_DAY)
    first = schedule.next_after(utc(2027, 10, 30, 2))
    assert first == utc(2027, 10, 31, 0, 30)  # 02:30 CEST
    assert schedule.next_after(first) == utc(2027, 11, 1, 1, 30)  # next day, 02:30 CET


@pytest.mark.parametrize(
    ("days", "moment", "expected"),
    [
        ("0,2,4", utc(2027, 6, 14, 8), utc(2027, 6, 16, 7, 30)),  # Mon after → Wed
        ("0,2,4", utc(2027, 6, 18, 8), utc(2027, 6, 21, 7, 30)),  # Fri after → Mon
        ("5", utc(2027, 6, 19, 7, 29), utc(2027, 6, 19, 7, 30)),  # Saturday only
        ("5", utc(2027, 6, 19, 7, 30), utc(2027, 6, 26, 7, 30)),  # a full week later
    ],
)
def test_only_the_configured_weekdays_are_used(days, moment, expected):
    assert standup(days=days).next_after(moment) == expected


def test_the_weekday_is_the_local_one_not_the_utc_one():
    # Friday 21:00 UTC is already Saturday 09:00 in Auckland: next is Monday 08:00 there.
    schedule = standup(at="08:00", tz="Pacific/Auckland")
    assert schedule.next_after(utc(2027, 6, 18, 21)) == utc(2027, 6, 20, 20)


def test_a_standup_without_weekdays_is_refused():
    with pytest.raises(ValueError, match="at least one weekday"):
        standup(days="").next_after(utc(2027, 6, 16))


def test_a_standup_describes_its_schedule():
    assert standup(days="0,2,4").describe() == "09:30 Europe/Berlin on Mon, Wed, Fri"
    assert standup().weekdays == (0, 1, 2, 3, 4)
