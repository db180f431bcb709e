"""What the use cases need from storage. Adapters implement these; tests use fakes."""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

from domain.model.baselines import Baseline
from domain.model.decisions import Decision
from domain.model.notifications import Notification, Outgoing
from domain.model.standups import Checkin, Standup
from domain.model.tasks import Task, TaskFacts
from domain.model.workspace import Channel, Person, Product, Project, Workspace


@dataclass(frozen=True)
class TaskQuery:
    workspace_id: int
    statuses: tuple[str, ...] = ()
    assignee_id: int | None = None
    project_ids: tuple[int, ...] | None = None
    due_before: date | None = None
    due_from: date | None = None  # due on or after
    title: str | None = None  # this title, in any case
    done_since: datetime | None = None
    limit: int = 200


T = TypeVar("T")


class Repository(ABC, Generic[T]):
    @abstractmethod
    def add(self, item: T) -> T: ...

    @abstractmethod
    def get(self, item_id: int) -> T | None: ...

    def preload(self, ids: set[int]) -> list[T]:
        """Load these at once, so that the `get`s that follow need no query each, as long as
        the caller holds on to what this returns."""
        return [item for item in map(self.get, ids) if item is not None]


class Named(Repository[T]):
    @abstractmethod
    def by_name(self, workspace_id: int, name: str) -> T | None: ...

    @abstractmethod
    def list(self, workspace_id: int) -> list[T]: ...


class Workspaces(Repository[Workspace]):
    @abstractmethod
    def by_key(self, key: str) -> Workspace | None: ...

    @abstractmethod
    def lock(self, workspace: Workspace) -> Workspace:
        """Reload for update: numbering tasks and decisions must not race."""


class People(Named[Person]):
    """`by_name` matches the handle, in any case."""


class Products(Named[Product]):
    pass


class Projects(Named[Project]):
    @abstractmethod
    def scope_dirty(self, limit: int) -> list[Project]: ...


class Channels(Named[Channel]):
    pass


class Tasks(Repository[Task]):
    @abstractmethod
    def by_number(self, workspace_id: int, number: int) -> Task | None: ...

    def open_among(self, refs: set[tuple[int, int]]) -> dict[tuple[int, int], date | None]:
        """Of these (workspace id, task number) pairs, those naming an open task, with its
        due date."""
        tasks = {ref: self.by_number(*ref) for ref in refs}
        return {ref: task.due_on for ref, task in tasks.items() if task and task.is_open}

    @abstractmethod
    def find(self, query: TaskQuery) -> list[Task]: ...

    @abstractmethod
    def count(self, query: TaskQuery) -> int: ...

    @abstractmethod
    def of_project(self, project_id: int) -> list[Task]: ...

    def save_reminders(self, tasks: list[Task]) -> None:
        """Write the new reminder times of many tasks at once (a scheduler batch)."""

    def tally(self, queries: dict[str, TaskQuery]) -> dict[str, int]:
        """Several counts at once (one query where the storage can)."""
        return {name: self.count(query) for name, query in queries.items()}

    def facts_of_project(self, project_id: int) -> list[TaskFacts]:
        return [TaskFacts.of(task) for task in self.of_project(project_id)]

    @abstractmethod
    def reminders_due(self, now: datetime, limit: int) -> list[Task]: ...


class Decisions(Repository[Decision]):
    @abstractmethod
    def by_number(self, workspace_id: int, number: int) -> Decision | None: ...

    @abstractmethod
    def recent(
        self,
        workspace_id: int,
        project_id: int | None,
        since: datetime | None,
        limit: int,
        product_id: int | None = None,
    ) -> list[Decision]: ...


class Baselines(Repository[Baseline]):
    @abstractmethod
    def latest(self, project_id: int) -> Baseline | None: ...


class Standups(Repository[Standup]):
    @abstractmethod
    def for_channel(self, workspace_id: int, channel: str) -> Standup | None: ...

    @abstractmethod
    def remove(self, standup: Standup) -> None: ...

    @abstractmethod
    def due(self, now: datetime, limit: int) -> list[Standup]: ...


class Checkins(Repository[Checkin]):
    @abstractmethod
    def of(self, workspace_id: int, person_id: int, day: date) -> Checkin | None: ...

    @abstractmethod
    def since(self, workspace_id: int, day: date) -> list[Checkin]: ...


class AreaOwners(ABC):
    @abstractmethod
    def of_workspace(self, workspace_id: int) -> dict[str, str]: ...

    @abstractmethod
    def set(self, workspace_id: int, area: str, role: str) -> None: ...


class Inbound(ABC):
    @abstractmethod
    def first(self, key: str, now: datetime) -> bool:
        """Record a platform delivery; False when it was recorded before (a retry)."""

    @abstractmethod
    def forget_before(self, moment: datetime) -> None:
        """Platforms retry for minutes, not days: older records can go."""


class Outbox(ABC):
    @abstractmethod
    def add(self, notification: Notification) -> bool:
        """Queue unless the dedupe key is taken; True when queued."""

    def add_all(self, notifications: list[Outgoing]) -> int:
        """Queue each whose dedupe key is free; returns how many were queued."""
        return sum(self.add(n.row()) for n in notifications)

    @abstractmethod
    def claim(self, now: datetime, limit: int, platforms: tuple[str, ...],
              until: datetime) -> list[Notification]:  # fmt: skip
        """Pending rows due for an attempt, leased (not due again) until `until`."""

    @abstractmethod
    def record(self, notifications: list[Notification]) -> None:
        """Write what became of claimed rows: status, attempts, next attempt, error."""

    @abstractmethod
    def listing(self, statuses: tuple[str, ...], limit: int) -> list[Notification]: ...

    @abstractmethod
    def count(self, statuses: tuple[str, ...]) -> int: ...


class AbstractUnitOfWork(ABC):
    workspaces: Workspaces
    people: People
    products: Products
    projects: Projects
    channels: Channels
    tasks: Tasks
    decisions: Decisions
    baselines: Baselines
    standups: Standups
    checkins: Checkins
    area_owners: AreaOwners
    outbox: Outbox
    inbound: Inbound

    def __enter__(self) -> "AbstractUnitOfWork":
        return self

    def __exit__(self, *exc) -> None:
        self.rollback()

    @abstractmethod
    def commit(self) -> None: ...

    def flush(self) -> None:  # noqa: B027  (a no-op is right for in-memory fakes)
        """Make pending changes visible to the next query of this unit of work."""

    @abstractmethod
    def rollback(self) -> None: ...

    @staticmethod
    def retryable(error: Exception) -> bool:
        """A conflict with a concurrent transaction (two first messages creating the same
        workspace, a deadlock): the whole unit of work may simply run again."""
        return False
