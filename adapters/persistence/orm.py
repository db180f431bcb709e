"""Maps the domain's dataclasses onto the tables from outside the domain (imperative
mapping), once per process."""

from sqlalchemy.orm import registry

from adapters.persistence import tables as t
from domain.model.baselines import Baseline
from domain.model.decisions import AreaOwner, Decision
from domain.model.notifications import Notification
from domain.model.standups import Checkin, Standup
from domain.model.tasks import Task
from domain.model.workspace import Channel, Person, Product, Project, Workspace

mapper_registry = registry(metadata=t.metadata)
_MAPPINGS = (
    (Workspace, t.workspaces), (Person, t.people), (Product, t.products),
    (Project, t.projects), (Channel, t.channels), (Task, t.tasks), (Decision, t.decisions),
    (Baseline, t.baselines), (Standup, t.standups), (Checkin, t.checkins),
    (AreaOwner, t.area_owners), (Notification, t.outbox),
)  # fmt: skip


def start_mappers() -> None:
    if mapper_registry.mappers:
        return
    for cls, table in _MAPPINGS:
        mapper_registry.map_imperatively(cls, table)
