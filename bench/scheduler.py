"""Scheduler pass time as the task table grows and the due work stays the same.

Seeds 1 000 workspaces (an assignee and a project manager each, one project) with 10⁴, then
10⁵, then 10⁶ tasks, of which the same `DUE` are due at the instant of the pass (their
reminder time has come: "due tomorrow"); the rest are due weeks later. Each size measures
the pass (the scan that finds what is due and queues its notifications in the outbox) and,
apart, the dispatch that sends them (to a notifier that only counts). Between runs the due
tasks are made due again and the outbox is emptied, so every run does the same work.
"""

import gc
import statistics
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, delete, insert, select, text, update

from adapters.persistence.tables import outbox, people, projects, tasks, workspaces
from bot.bootstrap import bootstrap
from bot.config import Config
from domain.delivery.dispatch import dispatch
from domain.delivery.scheduler import run_pass
from domain.model.clock import FixedClock
from domain.model.notifications import Notification, Notifier

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)  # a Thursday, in working hours (UTC)
WORKSPACES = 1_000
DUE = 1_000
SIZES = (10_000, 100_000, 1_000_000)
CHUNK = 20_000


class Counting(Notifier):
    def __init__(self) -> None:
        self.sent = 0

    def send(self, notification: Notification, step_done=None) -> None:
        self.sent += 1


def measure(database_url: str, sizes=SIZES, runs: int = 5) -> list[dict]:
    """Pass times per size, on a database emptied first."""
    app = bootstrap(Config(database_url=database_url), clock=FixedClock(NOW))
    gc.freeze()  # as `rolecall serve` and `rolecall worker` do after starting
    _empty(app.engine)
    spaces = _seed_workspaces(app.engine)
    results, seeded = [], 0
    for size in sizes:
        _seed_tasks(app.engine, spaces, seeded, size)
        seeded = size
        _analyze(app.engine)
        scans, sends, queued, sent = [], [], 0, 0
        for run in range(runs + 1):  # the first, with cold caches, is not counted
            _make_due_again(app.engine)
            started = time.perf_counter()
            queued = run_pass(app.uow_factory, NOW)
            middle = time.perf_counter()
            sent = len(dispatch(app.uow_factory, {"console": Counting()}, NOW))
            if run:
                scans.append(middle - started)
                sends.append(time.perf_counter() - middle)
        results.append({"tasks": size, "due": DUE, "queued": queued, "sent": sent,
                        "seconds": statistics.median(scans),
                        "send_seconds": statistics.median(sends)})  # fmt: skip
    _empty(app.engine)
    app.engine.dispose()
    return results


def _seed_workspaces(engine: Engine) -> list[tuple[int, int, int]]:
    """A workspace each with an assignee and a project manager, and one project; returns
    (workspace, assignee, project) ids."""
    with engine.begin() as connection:
        connection.execute(insert(workspaces), [
            {"key": f"console:bench-{i}", "platform": "console", "timezone": "UTC",
             "drift_amber": 0.1, "drift_red": 0.25, "next_task_number": 1,
             "next_decision_number": 1, "paused": False}
            for i in range(WORKSPACES)
        ])  # fmt: skip
        ids = sorted(connection.execute(select(workspaces.c.id)).scalars())
        connection.execute(insert(people), [
            {"workspace_id": w, "handle": handle, "timezone": "UTC"}
            for w in ids for handle in ("assignee", "manager")
        ])  # fmt: skip
        person = {(w, h): i for i, w, h in connection.execute(
            select(people.c.id, people.c.workspace_id, people.c.handle))}  # fmt: skip
        connection.execute(insert(projects), [
            {"workspace_id": w, "name": "Launch", "key": "launch",
             "manager_id": person[(w, "manager")], "scope_dirty": False, "created_at": NOW}
            for w in ids
        ])  # fmt: skip
        project = dict(connection.execute(select(projects.c.workspace_id, projects.c.id)).all())
    return [(w, person[(w, "assignee")], project[w]) for w in ids]


def _seed_tasks(engine: Engine, spaces: list, start: int, stop: int) -> None:
    """Tasks `start`…`stop`: the first DUE of all are due tomorrow, the rest in 30+ days."""
    tomorrow, later = NOW.date() + timedelta(days=1), NOW.date() + timedelta(days=30)
    for begin in range(start, stop, CHUNK):
        rows = [_task(n, spaces, tomorrow if n < DUE else later + timedelta(n % 300))
                for n in range(begin, min(stop, begin + CHUNK))]  # fmt: skip
        with engine.begin() as connection:
            connection.execute(insert(tasks), rows)


def _task(n: int, spaces: list, due_on: date) -> dict:
    workspace, assignee, project = spaces[n % WORKSPACES]
    remind = datetime.combine(due_on - timedelta(days=1), datetime.min.time(), UTC)
    return {
        "workspace_id": workspace, "number": n // WORKSPACES + 1, "title": f"Bench task {n}",
        "created_by_id": assignee, "assignee_id": assignee, "project_id": project,
        "status": "todo", "due_on": due_on, "created_at": NOW, "updated_at": NOW,
        "remind_at": remind, "snoozes": 0,
    }  # fmt: skip


def _analyze(engine: Engine) -> None:
    """Statistics for the grown table, as autovacuum would soon gather (and not during the
    measurement, stealing a core)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE tasks"))
    else:
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))


def _make_due_again(engine: Engine) -> None:
    due_at = datetime.combine(NOW.date(), datetime.min.time(), UTC)
    tomorrow = NOW.date() + timedelta(days=1)
    with engine.begin() as connection:
        connection.execute(delete(outbox))
        connection.execute(update(tasks).where(tasks.c.due_on == tomorrow)
                           .values(remind_at=due_at))  # fmt: skip


def _empty(engine: Engine) -> None:
    with engine.begin() as connection:
        for table in (outbox, tasks, projects, people, workspaces):
            connection.execute(delete(table))
