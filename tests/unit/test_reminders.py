"""The deadline ladder: the day before, the due day and overdue, at local midnight in the
assignee's zone."""

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.reminders import Stage, current_stage, first_check, next_check, stage_starts

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
SECOND = timedelta(seconds=1)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_the_ladder_starts_at_local_midnight_of_the_day_before_the_day_and_the_day_after():
    assert stage_starts(date(2027, 6, 16), BERLIN) == [
        (Stage.BEFORE, utc(2027, 6, 14, 22)),
        (Stage.DAY, utc(2027, 6, 15, 22)),
        (Stage.OVERDUE, utc(2027, 6, 16, 22)),
    ]


@pytest.mark.parametrize(
    ("due", "tz", "starts"),
    [
        # Berlin springs forward on Sunday 28 March 2027
        (
            date(2027, 3, 29),
            BERLIN,
            [utc(2027, 3, 27, 23), utc(2027, 3, 28, 22), utc(2027, 3, 29, 22)],
        ),
        # and falls back on Sunday 31 October 2027
        (
            date(2027, 11, 1),
            BERLIN,
            [utc(2027, 10, 30, 22), utc(2027, 10, 31, 23), utc(2027, 11, 1, 23)],
        ),
        (
            date(2027, 3, 15),
            NEW_YORK,
            [utc(2027, 3, 14, 5), utc(2027, 3, 15, 4), utc(2027, 3, 16, 4)],
        ),
        (
            date(2027, 11, 8),
            NEW_YORK,
            [utc(2027, 11, 7, 4), utc(2027, 11, 8, 5), utc(2027, 11, 9, 5)],
        ),
    ],
)
def test_the_ladder_follows_the_assignees_offset_across_dst(due, tz, starts):
    assert [start for _, start in stage_starts(due, tz)] == starts


def test_the_same_due_date_reaches_each_stage_at_a_different_instant_per_zone():
    due = date(2027, 6, 16)
    tokyo = [start for _, start in stage_starts(due, "Asia/Tokyo")]
    new_york = [start for _, start in stage_starts(due, NEW_YORK)]
    assert [n - t for t, n in zip(tokyo, new_york, strict=True)] == [timedelta(hours=13)] * 3


DUE = date(2027, 3, 29)  # Monday after Berlin's spring change


@pytest.mark.parametrize(
    ("now", "stage"),
    [
        (utc(2027, 3, 20), None),
        (utc(2027, 3, 27, 23) - SECOND, None),
        (utc(2027, 3, 27, 23), Stage.BEFORE),
        (utc(2027, 3, 28, 12), Stage.BEFORE),
        (utc(2027, 3, 28, 22) - SECOND, Stage.BEFORE),
        (utc(2027, 3, 28, 22), Stage.DAY),
        (utc(2027, 3, 29, 21, 59), Stage.DAY),
        (utc(2027, 3, 29, 22), Stage.OVERDUE),
        (utc(2027, 4, 30), Stage.OVERDUE),
    ],
)
def test_the_current_stage_is_the_latest_one_reached(now, stage):
    assert current_stage(DUE, BERLIN, now) == stage


@pytest.mark.parametrize(
    ("now", "check"),
    [
        (utc(2027, 3, 20), utc(2027, 3, 27, 23)),
        (utc(2027, 3, 27, 23), utc(2027, 3, 28, 22)),
        (utc(2027, 3, 28, 22), utc(2027, 3, 29, 22)),
        (utc(2027, 3, 29, 22), None),
        (utc(2027, 5, 1), None),
    ],
)
def test_the_next_check_is_the_next_stage_start_and_none_when_the_ladder_is_done(now, check):
    assert next_check(DUE, BERLIN, now) == check


def test_following_next_check_walks_every_stage_once_and_ends():
    seen, now = [], utc(2027, 3, 1)
    while (check := next_check(DUE, BERLIN, now)) is not None:
        assert check > now
        seen.append(current_stage(DUE, BERLIN, check))
        now = check
    assert seen == [Stage.BEFORE, Stage.DAY, Stage.OVERDUE]


def test_the_first_check_is_midnight_before_the_due_day_in_the_assignees_zone():
    assert first_check(DUE, BERLIN) == utc(2027, 3, 27, 23)
    assert first_check(date(2027, 3, 15), NEW_YORK) == utc(2027, 3, 14, 5)
