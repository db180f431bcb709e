"""One scheduler pass in progress, as the scans see it: they read from it and queue into it.
It lives below the scans and the scheduler, so neither imports the other's caller."""

from datetime import datetime

from domain.delivery.missing import missing_manager
from domain.delivery.quiet import next_working_moment
from domain.model.notifications import Kind, Outgoing
from domain.model.ports import AbstractUnitOfWork
from domain.model.roles import Role
from domain.model.workspace import Person, Project, Workspace


class PassContext:
    """What a scan works with during one pass: the unit of work, the instant, and where to
    queue what it finds (sent together, once per key)."""

    def __init__(self, uow: AbstractUnitOfWork, now: datetime) -> None:
        self.uow, self.now, self.queued = uow, now, 0
        self._workspaces: dict[int, Workspace] = {}
        self._outgoing: list[Outgoing] = []
        self._held: list = []  # what a batch preloaded, kept alive until the next batch

    def workspace(self, workspace_id: int) -> Workspace:
        if workspace_id not in self._workspaces:
            self._workspaces[workspace_id] = self.uow.workspaces.get(workspace_id)
        return self._workspaces[workspace_id]

    def person(self, person_id: int | None) -> Person | None:
        return self.uow.people.get(person_id) if person_id else None

    def timezone_of(self, person: Person, ws: Workspace) -> str:
        return person.timezone or ws.timezone

    def queue(self, ws: Workspace, key: str, to: Person | str, kind: Kind, text: str,
              **payload) -> None:  # fmt: skip
        """Queue once per key; a person gets it in their working hours, a channel at once."""
        if isinstance(to, Person):
            address, at = to.mention, next_working_moment(self.now, self.timezone_of(to, ws))
        else:
            address, at = to, self.now
        self._outgoing.append(Outgoing(
            workspace_id=ws.id, dedupe_key=f"{ws.id}:{key}", platform=ws.platform, to=address,
            kind=kind, text=text, payload=payload, created_at=self.now, next_attempt_at=at,
        ))  # fmt: skip

    def missing(self, ws: Workspace, project: Project, role: Role, what: str, target: str) -> None:
        if notice := missing_manager(ws, project, role, what, target, self.now):
            self.queued += self.uow.outbox.add(notice)
