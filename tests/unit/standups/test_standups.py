"""Standup schedules: the next digest on a configured weekday, at the exact local time,
across DST changes."""

from datetime import timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from domain.model.standups import Standup
from tests.support import (
    BERLIN,
    CLOCK_OFFSETS,
    THURSDAY,
    at,
    clock_change,
    day,
    local_at,
    on_wall,
)

WEEKDAYS = "0,1,2,3,4"
EVERY_DAY = "0,1,2,3,4,5,6"
AUCKLAND = "Pacific/Auckland"


def standup(at: str = "09:30", tz: str = BERLIN, days: str = WEEKDAYS) -> Standup:
    return Standup(workspace_id=1, channel="general", at=at, timezone=tz, days=days)


def berlin(offset: int, clock: str):
    return local_at(offset, clock, BERLIN)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (berlin(-1, "09:29"), berlin(-1, "09:30")),  # Wednesday, before 09:30
        (berlin(-1, "09:30"), berlin(0, "09:30")),  # at the time: strictly after
        (at(-1, "12:00"), berlin(0, "09:30")),
        (at(1, "12:00"), berlin(4, "09:30")),  # Friday afternoon → Monday
        (at(2, "07:00"), berlin(4, "09:30")),  # Saturday → Monday
        (at(3, "23:00"), berlin(4, "09:30")),  # Sunday night UTC, Monday in Berlin
    ],
)
def test_a_weekday_standup_skips_the_weekend(moment, expected):
    assert standup().next_after(moment) == expected


# (said: days from the Sunday of the change and UTC time, past 09:30 in both zones;
#  next: days from that Sunday and the wall time)
WEEKEND_CHANGES = [
    ((-2, "15:00"), (1, "09:30")),  # Friday after the standup → Monday, at the new offset
    ((-3, "15:00"), (-2, "09:30")),  # Thursday → Friday, still at the old one
]


@pytest.mark.parametrize(("tz", "forward"), list(CLOCK_OFFSETS))
@pytest.mark.parametrize(("said", "meant"), WEEKEND_CHANGES)
def test_the_local_time_is_exact_across_a_weekend_dst_change(tz, forward, said, meant):
    change, (before, after) = clock_change(tz, forward), CLOCK_OFFSETS[tz, forward]
    moment = at(change + timedelta(days=said[0]), said[1])
    hours = after if meant[0] > 0 else before
    assert standup(tz=tz).next_after(moment) == on_wall(
        change + timedelta(days=meant[0]), meant[1], hours
    )


@pytest.mark.parametrize(("tz", "forward"), list(CLOCK_OFFSETS))
def test_a_sunday_standup_on_the_day_of_the_change_runs_at_the_new_offset(tz, forward):
    change, (_, after) = clock_change(tz, forward), CLOCK_OFFSETS[tz, forward]
    moment = at(change - timedelta(days=1), "12:00")
    assert standup(tz=tz, days="6").next_after(moment) == on_wall(change, "09:30", after)


@pytest.mark.parametrize("tz", [BERLIN, "America/New_York"])
def test_a_daily_standup_is_at_the_same_wall_clock_time_every_day_of_the_year(tz):
    schedule, moment = standup(at="09:30", tz=tz, days=EVERY_DAY), THURSDAY
    local_days = []
    for _ in range(365):  # both of the zone's clock changes
        moment = schedule.next_after(moment)
        local = moment.astimezone(ZoneInfo(tz))
        assert (local.hour, local.minute) == (9, 30)
        local_days.append(local.date())
    assert all(b - a == timedelta(days=1) for a, b in pairwise(local_days))


def test_a_wall_time_skipped_by_the_spring_change_runs_an_hour_later_on_the_wall():
    schedule, change = standup(at="02:30", days=EVERY_DAY), clock_change(BERLIN, True)
    moment = at(change - timedelta(days=1), "02:00")
    assert schedule.next_after(moment) == on_wall(change, "03:30", 2)  # CEST


def test_a_wall_time_repeated_by_the_autumn_change_runs_once_at_its_first_occurrence():
    schedule, change = standup(at="02:30", days=EVERY_DAY), clock_change(BERLIN, False)
    first = schedule.next_after(at(change - timedelta(days=1), "02:00"))
    assert first == on_wall(change, "02:30", 2)  # CEST
    assert schedule.next_after(first) == on_wall(change + timedelta(days=1), "02:30", 1)  # CET


@pytest.mark.parametrize(
    ("days", "moment", "expected"),
    [
        ("0,2,4", berlin(-3, "10:00"), berlin(-1, "09:30")),  # Monday after → Wednesday
        ("0,2,4", berlin(1, "10:00"), berlin(4, "09:30")),  # Friday after → Monday
        ("5", berlin(2, "09:29"), berlin(2, "09:30")),  # Saturday only
        ("5", berlin(2, "09:30"), berlin(9, "09:30")),  # a full week later
    ],
)
def test_only_the_configured_weekdays_are_used(days, moment, expected):
    assert standup(days=days).next_after(moment) == expected


def test_the_weekday_is_the_local_one_not_the_utc_one():
    # Friday 21:00 UTC is already Saturday morning in Auckland: next is Monday 08:00 there.
    assert day(4).weekday() == 0
    schedule = standup(at="08:00", tz=AUCKLAND)
    assert schedule.next_after(at(1, "21:00")) == local_at(4, "08:00", AUCKLAND)


def test_a_standup_without_weekdays_is_refused():
    with pytest.raises(ValueError, match="at least one weekday"):
        standup(days="").next_after(THURSDAY)


def test_a_standup_describes_its_schedule():
    assert standup(days="0,2,4").describe() == "09:30 Europe/Berlin on Mon, Wed, Fri"
    assert standup().weekdays == (0, 1, 2, 3, 4)
