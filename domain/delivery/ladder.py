"""The deadline ladder as pure functions of a due date, a time zone and a clock.

Stages start at local midnight in the assignee's zone: the day before, the due day, and the
day after (overdue). A pass sends only the latest stage reached, so a worker that was down
for days does not send stale "due tomorrow" reminders on top of the overdue one.
"""

from datetime import date, datetime, timedelta
from enum import StrEnum

from domain.model.calendar import start_of_day


class Stage(StrEnum):
    BEFORE = "before"
    DAY = "day"
    OVERDUE = "overdue"


_OFFSETS = ((Stage.BEFORE, -1), (Stage.DAY, 0), (Stage.OVERDUE, 1))


def stage_starts(due_on: date, tz: str) -> list[tuple[Stage, datetime]]:
    return [(stage, start_of_day(due_on + timedelta(days=d), tz)) for stage, d in _OFFSETS]


def current_stage(due_on: date, tz: str, now: datetime) -> Stage | None:
    reached = [stage for stage, start in stage_starts(due_on, tz) if start <= now]
    return reached[-1] if reached else None


def next_check(due_on: date, tz: str, now: datetime) -> datetime | None:
    """When the scheduler should next look at this task; None once the ladder is done."""
    return next((start for _, start in stage_starts(due_on, tz) if start > now), None)


def first_check(due_on: date, tz: str) -> datetime:
    return stage_starts(due_on, tz)[0][1]
