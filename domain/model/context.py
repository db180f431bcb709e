"""What every handler works with: the unit of work, the workspace, the speaker, the channel
and the time, plus lookups that turn names into things or into a clear "not found"."""

from dataclasses import dataclass, field
from datetime import date, datetime

from domain.model.calendar import local_today
from domain.model.chat import Profile
from domain.model.errors import NotFound, RoleCallError
from domain.model.ports import AbstractUnitOfWork
from domain.model.tasks import Task
from domain.model.workspace import Channel, Person, Product, Project, Workspace, name_key

_HANDLE_LIMIT = 80


@dataclass
class Scope:
    uow: AbstractUnitOfWork
    workspace: Workspace
    speaker: Person
    channel: str
    now: datetime
    profiles: dict[str, Profile] = field(default_factory=dict)  # by lower-case handle
    _people: dict[int, Person] = field(default_factory=dict)

    @property
    def tz(self) -> str:
        return self.timezone_of(self.speaker)

    @property
    def today(self) -> date:
        return local_today(self.tz, self.now)

    def timezone_of(self, person: Person | None) -> str:
        return (person.timezone if person else None) or self.workspace.timezone

    def person(self, handle: str) -> Person:
        """A person by handle, created on first mention."""
        handle = handle.lstrip("@")
        if not handle or len(handle) > _HANDLE_LIMIT:
            raise RoleCallError(f"“@{handle[:40]}” is not a valid handle.")
        person = self.uow.people.by_name(self.workspace.id, handle)
        if person is None:
            person = self.uow.people.add(Person(self.workspace.id, handle))
        if profile := self.profiles.get(handle.lower()):  # the platform's profile is the truth
            if not (profile.name_as_typed and person.display_name):
                person.display_name = profile.name or person.display_name
            person.timezone = profile.timezone or person.timezone
        return person

    def person_by_id(self, person_id: int | None) -> Person | None:
        if person_id is None:
            return None
        if person_id not in self._people:
            self._people[person_id] = self.uow.people.get(person_id)
        return self._people[person_id]

    def mention(self, person_id: int | None) -> str:
        person = self.person_by_id(person_id)
        return person.mention if person else "nobody"

    def holding(self, role: str, person_id: int | None) -> str:
        """ "product manager @nadia", or "no product manager yet"."""
        return f"{role} {self.mention(person_id)}" if person_id else f"no {role} yet"

    def task(self, number: int) -> Task:
        task = self.uow.tasks.by_number(self.workspace.id, number)
        if task is None:
            raise NotFound(f"There is no task #{number} in this workspace.", "task list")
        return task

    def project(self, name: str, usage: str = "project add <name>") -> Project:
        project = self.uow.projects.by_name(self.workspace.id, name)
        if project is None:
            raise NotFound(f"There is no project “{name[:60]}”. {self._known('project')}", usage)
        return project

    def product(self, name: str) -> Product:
        product = self.uow.products.by_name(self.workspace.id, name)
        if product is None:
            raise NotFound(
                f"There is no product “{name[:60]}”. {self._known('product')}",
                "product add <name>",
            )
        return product

    def project_or_default(self, name: str | None, form: str) -> Project:
        """The named project, else the channel's default, else the workspace's only one."""
        if name:
            return self.project(name)
        project = self.default_project()
        if project is None:
            raise RoleCallError(f"Which project? {self._known('project')}", form)
        return project

    def default_project(self) -> Project | None:
        channel = self.uow.channels.by_name(self.workspace.id, self.channel)
        if channel and channel.default_project_id:
            return self.uow.projects.get(channel.default_project_id)
        projects = self.uow.projects.list(self.workspace.id)
        return projects[0] if len(projects) == 1 else None

    def channel_settings(self) -> Channel:
        channel = self.uow.channels.by_name(self.workspace.id, self.channel)
        return channel or self.uow.channels.add(Channel(self.workspace.id, self.channel))

    def _known(self, kind: str) -> str:
        repo = self.uow.projects if kind == "project" else self.uow.products
        names = [item.name for item in repo.list(self.workspace.id)]
        if not names:
            return f"No {kind}s yet."
        listed = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
        return f"{kind.capitalize()}s: {listed}."


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)
