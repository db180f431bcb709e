"""The deadline ladder: the day before, the due day and overdue, at local midnight in the
assignee's zone."""

from datetime import timedelta

import pytest

from domain.delivery.ladder import Stage, current_stage, first_check, next_check, stage_starts
from tests.support import BERLIN, CLOCK_OFFSETS, NEW_YORK, NOW, at, clock_change, on_wall

SECOND, ONE_DAY = timedelta(seconds=1), timedelta(days=1)
TOKYO = "Asia/Tokyo"  # UTC+9 all year
SUMMER = clock_change(BERLIN, True) + timedelta(days=80)  # a Wednesday in CEST and EDT


def test_the_ladder_starts_at_local_midnight_of_the_day_before_the_day_and_the_day_after():
    due = NOW.date()  # the reference day itself: a 29 February or a 31 December when it is one
    assert stage_starts(due, TOKYO) == [
        (Stage.BEFORE, on_wall(due - ONE_DAY, "00:00", 9)),
        (Stage.DAY, on_wall(due, "00:00", 9)),
        (Stage.OVERDUE, on_wall(due + ONE_DAY, "00:00", 9)),
    ]


@pytest.mark.parametrize(("tz", "forward"), list(CLOCK_OFFSETS))
def test_the_ladder_follows_the_assignees_offset_across_dst(tz, forward):
    change, (before, after) = clock_change(tz, forward), CLOCK_OFFSETS[tz, forward]
    due = change + ONE_DAY  # the Monday after: the ladder starts on Sunday's midnight
    assert [start for _, start in stage_starts(due, tz)] == [
        on_wall(change, "00:00", before),
        on_wall(due, "00:00", after),
        on_wall(due + ONE_DAY, "00:00", after),
    ]


def test_the_same_due_date_reaches_each_stage_at_a_different_instant_per_zone():
    tokyo = [start for _, start in stage_starts(SUMMER, TOKYO)]
    new_york = [start for _, start in stage_starts(SUMMER, NEW_YORK)]
    assert [n - t for t, n in zip(tokyo, new_york, strict=True)] == [timedelta(hours=13)] * 3


DUE = clock_change(BERLIN, True) + ONE_DAY  # the Monday after Berlin's spring change


def due_plus(days: int, clock: str = "00:00"):
    """`clock` (UTC) on the day `days` after DUE."""
    return at(DUE + timedelta(days=days), clock)


@pytest.mark.parametrize(
    ("now", "stage"),
    [
        (due_plus(-9), None),
        (due_plus(-2, "23:00") - SECOND, None),
        (due_plus(-2, "23:00"), Stage.BEFORE),  # Sunday 00:00 CET
        (due_plus(-1, "12:00"), Stage.BEFORE),
        (due_plus(-1, "22:00") - SECOND, Stage.BEFORE),
        (due_plus(-1, "22:00"), Stage.DAY),  # Monday 00:00 CEST
        (due_plus(0, "21:59"), Stage.DAY),
        (due_plus(0, "22:00"), Stage.OVERDUE),
        (due_plus(32), Stage.OVERDUE),
    ],
)
def test_the_current_stage_is_the_latest_one_reached(now, stage):
    assert current_stage(DUE, BERLIN, now) == stage


@pytest.mark.parametrize(
    ("now", "check"),
    [
        (due_plus(-9), due_plus(-2, "23:00")),
        (due_plus(-2, "23:00"), due_plus(-1, "22:00")),
        (due_plus(-1, "22:00"), due_plus(0, "22:00")),
        (due_plus(0, "22:00"), None),
        (due_plus(33), None),
    ],
)
def test_the_next_check_is_the_next_stage_start_and_none_when_the_ladder_is_done(now, check):
    assert next_check(DUE, BERLIN, now) == check


def test_following_next_check_walks_every_stage_once_and_ends():
    seen, now = [], due_plus(-28)
    while (check := next_check(DUE, BERLIN, now)) is not None:
        assert check > now
        seen.append(current_stage(DUE, BERLIN, check))
        now = check
    assert seen == [Stage.BEFORE, Stage.DAY, Stage.OVERDUE]


def test_the_first_check_is_midnight_before_the_due_day_in_the_assignees_zone():
    assert first_check(DUE, BERLIN) == due_plus(-2, "23:00")
    new_york_due = clock_change(NEW_YORK, True) + ONE_DAY
    assert first_check(new_york_due, NEW_YORK) == on_wall(new_york_due - ONE_DAY, "00:00", -5)
