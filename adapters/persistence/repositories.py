"""SQLAlchemy repositories: every query is scoped by workspace, except the scheduler's scans,
which read only what is due through their indexes."""

from datetime import UTC, date, datetime

from sqlalchemy import and_, any_, bindparam, func, inspect, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from adapters.persistence import tables as t
from domain.model import ports
from domain.model.baselines import Baseline
from domain.model.decisions import AreaOwner, Decision
from domain.model.notifications import Delivery, Notification, Outgoing
from domain.model.standups import Checkin, Standup
from domain.model.tasks import OPEN_STATUSES, Task, TaskFacts
from domain.model.workspace import Channel, Person, Product, Project, Workspace, name_key


class _Repo:
    model: type

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, item):
        self.session.add(item)
        self.session.flush()  # ids are needed at once (numbers, dedupe keys, references)
        return item

    def get(self, item_id: int):
        return self.session.get(self.model, item_id)

    def preload(self, ids: set[int]) -> list:
        """One query; while the caller holds the result (the session only keeps weak
        references), its identity map answers the `get`s that follow."""
        wanted = [i for i in ids if i is not None]
        if not wanted:
            return []
        return list(self.session.scalars(select(self.model).where(
            _among(self.session, self.model.id, wanted))))  # fmt: skip

    def _first(self, statement):
        return self.session.scalars(statement.limit(1)).first()


class _Named(_Repo):
    column = "key"

    def by_name(self, workspace_id: int, name: str):
        value = name_key(name) if self.column == "key" else name
        return self._first(select(self.model).filter_by(workspace_id=workspace_id,
                                                        **{self.column: value}))  # fmt: skip

    def list(self, workspace_id: int):
        """A workspace's projects (or products…), read once per unit of work: one command
        asks several times (the default project, the subject of a question, the choices)."""
        lists = self.__dict__.setdefault("_lists", {})
        if workspace_id not in lists:
            query = select(self.model).filter_by(workspace_id=workspace_id)
            lists[workspace_id] = list(self.session.scalars(query.order_by(self.model.id)))
        return list(lists[workspace_id])

    def add(self, item):
        self.__dict__.pop("_lists", None)  # a new one joins the list
        return super().add(item)


class SqlWorkspaces(_Repo, ports.Workspaces):
    model = Workspace

    def by_key(self, key: str) -> Workspace | None:
        return self._first(select(Workspace).filter_by(key=key))

    def lock(self, workspace: Workspace) -> Workspace:
        """FOR NO KEY UPDATE: it still serialises numbering, but no longer conflicts with
        the KEY SHARE lock every insert referencing the workspace takes (two first messages
        would otherwise deadlock: each holds a share and waits for the other's)."""
        query = select(Workspace).filter_by(id=workspace.id).with_for_update(key_share=True)
        return self.session.scalars(query.execution_options(populate_existing=True)).one()


class SqlPeople(_Named, ports.People):
    """Handles match in any case: @Kwame is @kwame. The first spelling seen is kept."""

    model, column = Person, "handle"

    def by_name(self, workspace_id: int, name: str) -> Person | None:
        c = t.people.c
        query = select(Person).where(
            c.workspace_id == workspace_id, func.lower(c.handle) == name.lower()
        )
        return self._first(query.order_by(c.id))


class SqlProducts(_Named, ports.Products):
    model = Product


class SqlProjects(_Named, ports.Projects):
    model = Project

    def scope_dirty(self, limit: int) -> list[Project]:
        query = select(Project).where(t.projects.c.scope_dirty.is_(True)).limit(limit)
        return list(self.session.scalars(query.with_for_update(skip_locked=True)))


class SqlChannels(_Named, ports.Channels):
    model, column = Channel, "name"


class SqlTasks(_Repo, ports.Tasks):
    model = Task

    def by_number(self, workspace_id: int, number: int) -> Task | None:
        return self._first(select(Task).filter_by(workspace_id=workspace_id, number=number))

    def open_among(self, refs: set[tuple[int, int]]) -> dict[tuple[int, int], date | None]:
        """One query for a dispatcher batch (by workspace, then number in it)."""
        if not refs:
            return {}
        c = t.tasks.c
        query = select(c.workspace_id, c.number, c.due_on).where(
            _among(self.session, c.workspace_id, sorted({w for w, _ in refs})),
            _among(self.session, c.number, sorted({n for _, n in refs})),
            c.status.in_(OPEN_STATUSES))  # fmt: skip
        rows = self.session.execute(query)
        return {(w, n): _day(due) for w, n, due in rows if (w, n) in refs}

    def _where(self, q: ports.TaskQuery):
        return select(Task).where(*_conditions(q))

    def find(self, query: ports.TaskQuery) -> list[Task]:
        c = t.tasks.c
        order = (c.due_on.is_(None), c.due_on, c.number)
        return list(self.session.scalars(self._where(query).order_by(*order).limit(query.limit)))

    def count(self, query: ports.TaskQuery) -> int:
        inner = self._where(query).with_only_columns(t.tasks.c.id).subquery()
        return self.session.scalar(select(func.count()).select_from(inner))

    def save_reminders(self, tasks: list[Task]) -> None:
        """On PostgreSQL one `UPDATE … FROM unnest(ids, times)` instead of the thousand
        statements the flush would send (SQLite's executemany is already cheap)."""
        if self.session.get_bind().dialect.name != "postgresql":
            return
        changed = [task for task in tasks if inspect(task).attrs.remind_at.history.has_changes()]
        if not changed:
            return
        times = [_naive_utc(task.remind_at) for task in changed]
        with self.session.no_autoflush:  # else the flush would first write them one by one
            self.session.execute(_SAVE_REMINDERS, {"ids": [task.id for task in changed],
                                                   "times": times})  # fmt: skip
        for task in changed:  # written: the flush has nothing left to do for them
            set_committed_value(task, "remind_at", task.remind_at)

    def tally(self, queries: dict[str, ports.TaskQuery]) -> dict[str, int]:
        """Several counts in one pass over the table: `count(*) FILTER (WHERE …)` each."""
        if not queries:
            return {}
        columns = [func.count().filter(and_(*_conditions(q))).label(name)
                   for name, q in queries.items()]  # fmt: skip
        workspace = next(iter(queries.values())).workspace_id
        row = self.session.execute(select(*columns).where(t.tasks.c.workspace_id == workspace))
        return dict(row.one()._mapping)

    def of_project(self, project_id: int) -> list[Task]:
        query = select(Task).filter_by(project_id=project_id).order_by(t.tasks.c.number)
        return list(self.session.scalars(query))

    def facts_of_project(self, project_id: int) -> list[TaskFacts]:
        """Straight from the driver's cursor: for a project of 10 000 tasks, building ORM
        objects (or even SQLAlchemy rows) would cost more than everything else a digest
        does."""
        self.session.flush()  # what this unit of work changed counts too
        connection = self.session.connection()
        mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        cursor = connection.connection.cursor()
        try:
            cursor.execute("SELECT id, number, title, status, due_on, estimate FROM tasks "
                           f"WHERE project_id = {mark}", (project_id,))  # fmt: skip
            rows = cursor.fetchall()
        finally:
            cursor.close()
        if connection.dialect.name != "sqlite":  # PostgreSQL hands dates back as dates
            return list(map(TaskFacts._make, rows))
        return [TaskFacts(i, n, title, status, _day(due), estimate)
                for i, n, title, status, due, estimate in rows]  # fmt: skip

    def reminders_due(self, now: datetime, limit: int) -> list[Task]:
        c = t.tasks.c
        query = select(Task).where(c.remind_at <= now).order_by(c.remind_at).limit(limit)
        # Concurrent workers on PostgreSQL split the due rows instead of queuing on them.
        return list(self.session.scalars(query.with_for_update(skip_locked=True)))


class SqlDecisions(_Repo, ports.Decisions):
    model = Decision

    def by_number(self, workspace_id: int, number: int) -> Decision | None:
        return self._first(select(Decision).filter_by(workspace_id=workspace_id, number=number))

    def recent(self, workspace_id, project_id, since, limit, product_id=None) -> list[Decision]:
        c = t.decisions.c
        query = select(Decision).where(c.workspace_id == workspace_id)
        if project_id is not None:
            query = query.where(c.project_id == project_id)
        if product_id is not None:
            query = query.where(c.product_id == product_id)
        if since is not None:
            query = query.where(c.created_at >= since)
        return list(self.session.scalars(query.order_by(c.id.desc()).limit(limit)))


class SqlBaselines(_Repo, ports.Baselines):
    model = Baseline

    def latest(self, project_id: int) -> Baseline | None:
        query = select(Baseline).filter_by(project_id=project_id)
        return self._first(query.order_by(t.baselines.c.id.desc()))


class SqlStandups(_Repo, ports.Standups):
    model = Standup

    def for_channel(self, workspace_id: int, channel: str) -> Standup | None:
        return self._first(select(Standup).filter_by(workspace_id=workspace_id, channel=channel))

    def remove(self, standup: Standup) -> None:
        self.session.delete(standup)

    def due(self, now: datetime, limit: int) -> list[Standup]:
        c = t.standups.c
        query = select(Standup).where(c.next_run_at <= now).order_by(c.next_run_at)
        return list(self.session.scalars(query.limit(limit).with_for_update(skip_locked=True)))


class SqlCheckins(_Repo, ports.Checkins):
    model = Checkin

    def of(self, workspace_id: int, person_id: int, day: date) -> Checkin | None:
        return self._first(select(Checkin).filter_by(
            workspace_id=workspace_id, person_id=person_id, day=day))  # fmt: skip

    def since(self, workspace_id: int, day: date) -> list[Checkin]:
        c = t.checkins.c
        query = select(Checkin).where(c.workspace_id == workspace_id, c.day >= day)
        return list(self.session.scalars(query.order_by(c.day, c.id)))


class SqlAreaOwners(ports.AreaOwners):
    def __init__(self, session: Session) -> None:
        self.session = session

    def of_workspace(self, workspace_id: int) -> dict[str, str]:
        rows = self.session.scalars(select(AreaOwner).filter_by(workspace_id=workspace_id))
        return {row.area: row.role for row in rows}

    def set(self, workspace_id: int, area: str, role: str) -> None:
        row = self.session.scalars(
            select(AreaOwner).filter_by(workspace_id=workspace_id, area=area)
        ).first()
        if row is None:
            self.session.add(AreaOwner(workspace_id, area, role))
        else:
            row.role = role


def _insert_once(session: Session, table, values: dict, unique: str) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when the row was new. RETURNING tells, where a
    rowcount may not (psycopg reports -1 for an INSERT … RETURNING)."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(table).values(**values).on_conflict_do_nothing(index_elements=[unique])
    return session.execute(statement.returning(table.c.id)).first() is not None


class SqlInbound(ports.Inbound):
    def __init__(self, session: Session) -> None:
        self.session = session

    def first(self, key: str, now: datetime) -> bool:
        return _insert_once(self.session, t.inbound, {"key": key, "received_at": now}, "key")

    def forget_before(self, moment: datetime) -> None:
        self.session.execute(t.inbound.delete().where(t.inbound.c.received_at < moment))


_SAVE_REMINDERS = text(
    "UPDATE tasks SET remind_at = given.remind_at FROM unnest(CAST(:ids AS integer[]), "
    "CAST(:times AS timestamp[])) AS given(id, remind_at) WHERE tasks.id = given.id"
)


def _naive_utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment else None


def _conditions(q: ports.TaskQuery) -> list:
    c = t.tasks.c
    conditions = [c.workspace_id == q.workspace_id]
    if q.statuses:
        conditions.append(c.status.in_([str(s) for s in q.statuses]))
    if q.assignee_id is not None:
        conditions.append(c.assignee_id == q.assignee_id)
    if q.project_ids is not None:
        conditions.append(c.project_id.in_(q.project_ids))
    if q.due_before is not None:
        conditions.append(c.due_on < q.due_before)
    if q.due_from is not None:
        conditions.append(c.due_on >= q.due_from)
    if q.title is not None:
        conditions.append(func.lower(c.title) == q.title.lower())
    if q.done_since is not None:
        conditions.append(c.done_at >= q.done_since)
    return conditions


def _among(session: Session, column, values: list):
    """`column IN (…)`; on PostgreSQL `= ANY(array)`: one parameter, however many values."""
    if session.get_bind().dialect.name == "postgresql":
        kind = ARRAY(column.type) if not isinstance(column.type, ARRAY) else column.type
        return column == any_(bindparam(None, values, type_=kind))
    return column.in_(values)


def _day(value) -> date | None:
    """SQLite hands dates back as ISO text; PostgreSQL as dates."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _outbox_values(n: Notification | Outgoing) -> dict:
    if isinstance(n, Outgoing):
        return n._asdict()
    return {col.name: getattr(n, col.name) for col in t.outbox.columns if col.name != "id"}


class SqlOutbox(ports.Outbox):
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, n: Notification) -> bool:
        return _insert_once(self.session, t.outbox, _outbox_values(n), "dedupe_key")

    def add_all(self, notifications: list[Outgoing]) -> int:
        """INSERT … ON CONFLICT DO NOTHING for many rows, as one executemany; how many were
        new is told by the keys that were there before (RETURNING would make psycopg build
        and parse one huge statement, several times slower)."""
        rows = list({n.dedupe_key: _outbox_values(n) for n in reversed(notifications)}.values())
        if not rows:
            return 0
        key = t.outbox.c.dedupe_key
        keys = [row["dedupe_key"] for row in rows]
        there = self.session.scalar(select(func.count()).where(_among(self.session, key, keys)))
        dialect = self.session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = insert(t.outbox).on_conflict_do_nothing(index_elements=["dedupe_key"])
        self.session.execute(statement, rows)
        return len(rows) - there

    def claim(self, now: datetime, limit: int, platforms: tuple[str, ...],
              until: datetime) -> list[Notification]:  # fmt: skip
        c, w = t.outbox.c, t.workspaces.c
        query = (
            select(Notification)
            .join(t.workspaces, w.id == c.workspace_id)
            .where(c.status == Delivery.PENDING, c.next_attempt_at <= now)
            .where(c.platform.in_(platforms), w.paused.is_(False))  # uninstalled apps wait
            .order_by(c.next_attempt_at, c.id)
            .limit(limit)
            .with_for_update(skip_locked=True, of=t.outbox)
        )
        rows = list(self.session.scalars(query))
        for row in rows:
            row.next_attempt_at = until
        return rows

    def record(self, notifications: list[Notification]) -> None:
        """One UPDATE by primary key for the batch (the rows come from an earlier session)."""
        if notifications:
            self.session.execute(update(Notification), [
                {"id": n.id, "status": n.status, "attempts": n.attempts, "error": n.error,
                 "next_attempt_at": n.next_attempt_at, "sent_at": n.sent_at,
                 "progress": n.progress}
                for n in notifications
            ])  # fmt: skip

    def listing(self, statuses: tuple[str, ...], limit: int) -> list[Notification]:
        c = t.outbox.c
        query = select(Notification).where(c.status.in_(statuses)).order_by(c.id).limit(limit)
        return list(self.session.scalars(query))

    def count(self, statuses: tuple[str, ...]) -> int:
        query = select(func.count()).select_from(t.outbox).where(t.outbox.c.status.in_(statuses))
        return self.session.execute(query).scalar_one()
