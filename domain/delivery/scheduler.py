"""One scheduler pass at an instant: scan what is due and queue notifications in the outbox.

Each scan reads only what is due — tasks whose `remind_at` has come, projects whose scope
changed, standups whose `next_run_at` has come — so a pass costs what is due, not what exists.
Dedupe keys make a repeated or concurrent pass queue nothing twice. Personal notifications
wait for the recipient's working hours (domain/quiet.py).
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from domain.delivery.deadlines import remind
from domain.delivery.passes import PassContext
from domain.delivery.scope_checks import check_scope
from domain.model.calendar import local_today
from domain.model.notifications import Kind
from domain.model.ports import AbstractUnitOfWork
from domain.model.standups import Standup
from domain.standups.query import gather_digest

BATCH = 1000  # due items per batch: one round of queries and writes for each
LEDGER_DAYS = timedelta(days=7)  # how long a platform delivery id is remembered


class Pass(PassContext):
    """A whole pass: each scan over what is due, a batch at a time."""

    def run(self) -> int:
        self._each(lambda limit: self.uow.tasks.reminders_due(self.now, limit), remind,
                   self._load_for_reminders)  # fmt: skip
        self._each(self.uow.projects.scope_dirty, check_scope)
        self._each(lambda limit: self.uow.standups.due(self.now, limit), post_digest)
        self.uow.inbound.forget_before(self.now - LEDGER_DAYS)
        return self.queued

    def _each(self, scan: Callable, act: Callable, load: Callable | None = None) -> None:
        """Act on what is due, a batch at a time; the batch's notifications are queued
        together, and its tasks' next reminder times written together."""
        while True:
            items = scan(BATCH)
            if load:
                load(items)
            for item in items:
                act(self, item)
            if load:
                self.uow.tasks.save_reminders(items)
            self.queued += self.uow.outbox.add_all(self._outgoing)
            self._outgoing.clear()
            self.uow.flush()
            if len(items) < BATCH:
                return

    def _load_for_reminders(self, tasks: list) -> None:
        """Everything the reminders of a batch name, in a few queries rather than a few per
        task: workspaces, assignees, projects and their managers (held for the batch)."""
        workspaces = self.uow.workspaces.preload({t.workspace_id for t in tasks})
        projects = self.uow.projects.preload({t.project_id for t in tasks if t.project_id})
        managers = {p.manager_id for p in projects if p.manager_id}
        people = self.uow.people.preload({t.assignee_id for t in tasks} | managers)
        self._held = [*workspaces, *projects, *people]


def post_digest(p: PassContext, standup: Standup) -> None:
    """Post the digest that came due, dated today and built as of now. One missed on an
    earlier day (the worker was down) is skipped, never posted late on a day it does not
    run; the next one covers everything since the last digest posted."""
    latest = standup.next_run_at
    while (following := standup.next_after(latest)) <= p.now:
        latest = following  # after an outage, the latest occurrence that came due
    today = local_today(standup.timezone, p.now)
    if local_today(standup.timezone, latest) == today and not standup.posted_on(today):
        _queue_digest(p, standup, today)
        standup.last_run_at = p.now  # only a digest posted moves the "since" mark
    standup.next_run_at = standup.next_digest_after(p.now)


def _queue_digest(p: PassContext, standup: Standup, today) -> None:
    ws = p.workspace(standup.workspace_id)
    since = standup.last_run_at or p.now - timedelta(days=1)
    digest = gather_digest(p.uow, ws, standup.channel, standup.project_id, since, p.now,
                           standup.timezone)  # fmt: skip
    sections = [[heading, items] for heading, items in digest.sections]
    details = [[who, items] for who, items in digest.details]
    p.queue(ws, f"digest:{standup.id}:{today}", f"#{standup.channel}", Kind.DIGEST, digest.text,
            summary=digest.summary, sections=sections, details=details)  # fmt: skip


def run_pass(uow_factory: Callable[[], AbstractUnitOfWork], now: datetime) -> int:
    """Queue everything due at `now`; returns how many notifications were newly queued."""
    with uow_factory() as uow:
        queued = Pass(uow, now).run()
        uow.commit()
    return queued
