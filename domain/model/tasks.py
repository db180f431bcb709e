"""Tasks: units of project work with an assignee, a deadline and a status."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple


class Status(StrEnum):
    TODO = "todo"
    DOING = "doing"
    BLOCKED = "blocked"
    DONE = "done"
    DROPPED = "dropped"


OPEN_STATUSES = (Status.TODO, Status.DOING, Status.BLOCKED)
MAX_TITLE = 300


@dataclass(eq=False)
class Task:
    workspace_id: int
    number: int
    title: str
    created_by_id: int
    assignee_id: int
    project_id: int | None = None
    status: str = Status.TODO
    due_on: date | None = None
    due_at: datetime | None = None
    estimate: float | None = None
    blocked_reason: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    done_at: datetime | None = None
    remind_at: datetime | None = None
    snoozes: int = 0
    id: int | None = None

    @property
    def ref(self) -> str:
        return f"#{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < today

    def move_to(self, status: Status, now: datetime, reason: str | None = None) -> None:
        self.status = status
        self.updated_at = now
        self.blocked_reason = reason if status == Status.BLOCKED else None
        self.done_at = now if status == Status.DONE else None
        if status not in OPEN_STATUSES:
            self.remind_at = None

    def reschedule(self, due_on: date, due_at: datetime | None, now: datetime) -> None:
        self.due_on, self.due_at, self.updated_at = due_on, due_at, now


def next_actions(task: Task) -> tuple[str, ...]:
    """What a person can still do to an open task from a message: start it (unless it is
    under way), finish it, and snooze its reminder (when it has a due date)."""
    return tuple(verb for verb in ("start", "done", "snooze")
                 if not (verb == "start" and task.status == Status.DOING)
                 and not (verb == "snooze" and task.due_on is None))  # fmt: skip


class TaskFacts(NamedTuple):
    """What scope checks read of a task, loaded without building whole tasks: a project's
    drift and breaches look at every one of its tasks, and it may have thousands (a tuple:
    ten thousand of them are built in a few milliseconds)."""

    id: int
    number: int
    title: str
    status: str
    due_on: date | None
    estimate: float | None

    @property
    def ref(self) -> str:
        return f"#{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @classmethod
    def of(cls, task: "Task") -> "TaskFacts":
        return cls(task.id, task.number, task.title, task.status, task.due_on, task.estimate)
