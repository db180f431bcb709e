"""In-memory implementations of the domain's ports, for unit tests of the use cases."""

from itertools import count

from domain.model import ports
from domain.model.notifications import Delivery
from domain.model.workspace import name_key


class FakeRepository:
    def __init__(self, key: str = "key") -> None:
        self.items: list = []
        self._ids = count(1)
        self._key = key

    def add(self, item):
        item.id = next(self._ids)
        self.items.append(item)
        return item

    def get(self, item_id):
        return next((i for i in self.items if i.id == item_id), None)

    def by_name(self, workspace_id, name):
        wanted = name_key(name) if self._key == "key" else name
        if self._key == "handle":
            return next((i for i in self.list(workspace_id) if i.handle.lower() == name.lower()),
                        None)  # fmt: skip
        return next((i for i in self.list(workspace_id) if getattr(i, self._key) == wanted), None)

    def list(self, workspace_id):
        return [i for i in self.items if i.workspace_id == workspace_id]


class FakeWorkspaces(FakeRepository, ports.Workspaces):
    def by_key(self, key):
        return next((w for w in self.items if w.key == key), None)

    def lock(self, workspace):
        return workspace


class FakePeople(FakeRepository, ports.People):
    def __init__(self) -> None:
        super().__init__("handle")


class FakeProducts(FakeRepository, ports.Products):
    pass


class FakeProjects(FakeRepository, ports.Projects):
    def scope_dirty(self, limit):
        return [p for p in self.items if p.scope_dirty][:limit]


class FakeChannels(FakeRepository, ports.Channels):
    def __init__(self) -> None:
        super().__init__("name")


class FakeTasks(FakeRepository, ports.Tasks):
    def by_number(self, workspace_id, number):
        return next((t for t in self.list(workspace_id) if t.number == number), None)

    def _match(self, q: ports.TaskQuery):
        for t in self.list(q.workspace_id):
            if q.statuses and t.status not in q.statuses:
                continue
            if q.assignee_id is not None and t.assignee_id != q.assignee_id:
                continue
            if q.project_ids is not None and t.project_id not in q.project_ids:
                continue
            if q.due_before is not None and not (t.due_on and t.due_on < q.due_before):
                continue
            if q.due_from is not None and not (t.due_on and t.due_on >= q.due_from):
                continue
            if q.title is not None and t.title.lower() != q.title.lower():
                continue
            if q.done_since is not None and not (t.done_at and t.done_at >= q.done_since):
                continue
            yield t

    def find(self, query):
        found = sorted(self._match(query), key=lambda t: (t.due_on is None, t.due_on, t.number))
        return found[: query.limit]

    def count(self, query):
        return sum(1 for _ in self._match(query))

    def of_project(self, project_id):
        return [t for t in self.items if t.project_id == project_id]

    def reminders_due(self, now, limit):
        due = [t for t in self.items if t.remind_at and t.remind_at <= now]
        return sorted(due, key=lambda t: t.remind_at)[:limit]


class FakeDecisions(FakeRepository, ports.Decisions):
    def by_number(self, workspace_id, number):
        return next((d for d in self.list(workspace_id) if d.number == number), None)

    def recent(self, workspace_id, project_id, since, limit, product_id=None):
        found = [d for d in self.list(workspace_id)
                 if (project_id is None or d.project_id == project_id)
                 and (product_id is None or d.product_id == product_id)
                 and (since is None or d.created_at >= since)]  # fmt: skip
        return list(reversed(found))[:limit]


class FakeBaselines(FakeRepository, ports.Baselines):
    def latest(self, project_id):
        return next((b for b in reversed(self.items) if b.project_id == project_id), None)


class FakeStandups(FakeRepository, ports.Standups):
    def for_channel(self, workspace_id, channel):
        return next((s for s in self.list(workspace_id) if s.channel == channel), None)

    def remove(self, standup):
        self.items.remove(standup)

    def due(self, now, limit):
        return [s for s in self.items if s.next_run_at and s.next_run_at <= now][:limit]


class FakeCheckins(FakeRepository, ports.Checkins):
    def of(self, workspace_id, person_id, day):
        return next((c for c in self.list(workspace_id)
                     if c.person_id == person_id and c.day == day), None)  # fmt: skip

    def since(self, workspace_id, day):
        return [c for c in self.list(workspace_id) if c.day >= day]


class FakeAreaOwners(ports.AreaOwners):
    def __init__(self) -> None:
        self.owners: dict[tuple[int, str], str] = {}

    def of_workspace(self, workspace_id):
        return {area: role for (ws, area), role in self.owners.items() if ws == workspace_id}

    def set(self, workspace_id, area, role):
        self.owners[(workspace_id, area)] = role


class FakeOutbox(FakeRepository, ports.Outbox):
    def add(self, notification):
        if any(n.dedupe_key == notification.dedupe_key for n in self.items):
            return False
        super().add(notification)
        return True

    def claim(self, now, limit, platforms, until):
        due = [n for n in self.items if n.status == Delivery.PENDING
               and n.next_attempt_at <= now and n.platform in platforms][:limit]  # fmt: skip
        for n in due:
            n.next_attempt_at = until
        return due

    def record(self, notifications):
        pass  # the rows are the stored objects themselves

    def listing(self, statuses, limit):
        return [n for n in self.items if n.status in statuses][:limit]

    def count(self, statuses):
        return sum(n.status in statuses for n in self.items)


class FakeInbound(ports.Inbound):
    def __init__(self) -> None:
        self.keys: dict[str, object] = {}

    def first(self, key, now):
        fresh = key not in self.keys
        self.keys.setdefault(key, now)
        return fresh

    def forget_before(self, moment):
        self.keys = {k: at for k, at in self.keys.items() if at >= moment}


class FakeUnitOfWork(ports.AbstractUnitOfWork):
    """One shared in-memory store; `commit` is recorded, `rollback` is not simulated, so
    tests that need all-or-nothing behaviour run on a real database (tests/integration)."""

    def __init__(self) -> None:
        self.workspaces, self.people = FakeWorkspaces(), FakePeople()
        self.products, self.projects = FakeProducts(), FakeProjects()
        self.channels, self.tasks = FakeChannels(), FakeTasks()
        self.decisions, self.baselines = FakeDecisions(), FakeBaselines()
        self.standups, self.checkins = FakeStandups(), FakeCheckins()
        self.area_owners, self.outbox = FakeAreaOwners(), FakeOutbox()
        self.inbound = FakeInbound()
        self.commits = 0

    def commit(self):
        self.commits += 1

    def rollback(self):
        pass
