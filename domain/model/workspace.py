"""Workspaces, people, products, projects and channels: the things tasks and decisions hang on.

Plain dataclasses. Persistence maps them from outside (adapters/persistence/orm.py), so they
carry ids, not object references.
"""

from dataclasses import dataclass, field
from datetime import date, datetime


def name_key(name: str) -> str:
    """Names match case- and space-insensitively: "Mobile  App" is "mobile app"."""
    return " ".join(name.split()).casefold()


NO_CONSTRAINT = frozenset({"none", "off", "clear"})  # `release-by none` lifts the constraint


@dataclass(eq=False)
class Workspace:
    """One team on one platform (a Slack team, a Teams tenant, a console workspace)."""

    key: str
    platform: str
    timezone: str = "UTC"
    drift_amber: float = 0.10
    drift_red: float = 0.25
    next_task_number: int = 1
    next_decision_number: int = 1
    paused: bool = False  # the app was uninstalled: nothing is sent until it is back
    id: int | None = None

    def take_task_number(self) -> int:
        number, self.next_task_number = self.next_task_number, self.next_task_number + 1
        return number

    def take_decision_number(self) -> int:
        number, self.next_decision_number = self.next_decision_number, self.next_decision_number + 1
        return number


@dataclass(eq=False)
class Person:
    workspace_id: int
    handle: str
    display_name: str | None = None
    timezone: str | None = None
    id: int | None = None

    @property
    def mention(self) -> str:
        return f"@{self.handle}"


@dataclass(eq=False)
class Product:
    """Something delivered to a client. Its manager sets vision, metrics and constraints."""

    workspace_id: int
    name: str
    manager_id: int | None = None
    vision: str | None = None
    metrics: list[dict] = field(default_factory=list)
    release_by: date | None = None
    budget_cap: float | None = None
    out_of_scope: list[str] = field(default_factory=list)
    key: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        self.key = name_key(self.name)

    def set_metric(self, name: str, target: str) -> None:
        others = [m for m in self.metrics if name_key(m["name"]) != name_key(name)]
        self.metrics = [*others, {"name": name, "target": target}]

    def add_out_of_scope(self, area: str) -> None:
        if name_key(area) not in {name_key(a) for a in self.out_of_scope}:
            self.out_of_scope = [*self.out_of_scope, area]

    def remove_out_of_scope(self, area: str) -> bool:
        kept = [a for a in self.out_of_scope if name_key(a) != name_key(area)]
        removed, self.out_of_scope = len(kept) < len(self.out_of_scope), kept
        return removed

    @property
    def has_constraints(self) -> bool:
        return bool(self.release_by or self.budget_cap is not None or self.out_of_scope)


@dataclass(eq=False)
class Project:
    """A collection of tasks toward a goal, contributing to one product."""

    workspace_id: int
    name: str
    product_id: int | None = None
    manager_id: int | None = None
    ends_on: date | None = None
    budget: float | None = None
    scope_dirty: bool = False
    created_at: datetime | None = None
    channel: str | None = None  # where it was created: missing-manager notices go there
    drift_told: str | None = None  # the drift level its manager was last told of
    key: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        self.key = name_key(self.name)


@dataclass(eq=False)
class Channel:
    """A chat channel's settings: the project its commands default to."""

    workspace_id: int
    name: str
    default_project_id: int | None = None
    id: int | None = None
