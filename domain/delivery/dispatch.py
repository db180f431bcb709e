"""Sends queued notifications through each platform's notifier and records the outcome.

A batch is claimed in one short transaction, which leases its rows for a while; they are sent
outside any transaction, so a slow platform holds no lock that commands wait for (on SQLite,
the whole database's); the outcomes are recorded in another. A worker that dies in between
leaves its rows pending, to be sent once the lease runs out: later, never lost.
Retryable failures back off (honouring Retry-After) from the moment they failed, not from
the start of the pass; permanent ones are marked failed with the reason, never dropped. Each
step of a delivery of several messages is recorded as soon as it is done, so a retry never
posts that step again.
"""

import logging
import random
from collections.abc import Callable
from datetime import datetime, timedelta

from domain.model.decisions import DecisionStatus
from domain.model.notifications import (
    Delivery,
    DeliveryError,
    Kind,
    Notification,
    Notifier,
    StepDone,
)
from domain.model.ports import AbstractUnitOfWork

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 16  # with the backoff below, a platform down for about six hours
MAX_BACKOFF = 3600.0  # seconds
# How long a claimed batch is not due for anyone else. A batch stops sending halfway through
# its lease (a post times out within seconds) and leaves the rest to a fresh claim, so no
# other worker ever takes a row that is still being sent.
LEASE = timedelta(minutes=15)
SENDING_TIME = LEASE / 2
_ABOUT_A_TASK = (Kind.DEADLINE, Kind.OVERDUE, Kind.UNPLANNED)


def dispatch(
    uow_factory: Callable[[], AbstractUnitOfWork],
    notifiers: dict[str, Notifier],
    now: datetime,
    batch: int = 50,
    clock: Callable[[], datetime] | None = None,
) -> list[Notification]:
    """Send what was due at `now`; returns the notifications sent. `clock` tells the time
    while sending, for the leases (a pass at a fixed `now` may take a while)."""
    told = clock or (lambda: now)

    def moment() -> datetime:  # never before `now`, or this pass would claim a retry again
        return max(now, told())

    step_done = _step_recorder(uow_factory)
    sent: list[Notification] = []
    while True:
        claimed_at = moment()
        with uow_factory() as uow:
            claimed = uow.outbox.claim(now, batch, tuple(notifiers), until=claimed_at + LEASE)
            rows = _still_true(claimed, uow)
            uow.commit()
        released = False
        for row in rows:
            if moment() - claimed_at > SENDING_TIME:  # its lease runs short: claim it afresh
                row.next_attempt_at, released = now, True
            elif _deliver(row, notifiers[row.platform], moment, step_done):
                sent.append(row)
        with uow_factory() as uow:
            uow.outbox.record(rows)
            uow.commit()
        if len(claimed) < batch and not released:
            return sent


def _still_true(rows: list[Notification], uow: AbstractUnitOfWork) -> list[Notification]:
    """A reminder, review request or decision to confirm that waited for someone's working
    hours is dropped if it stopped being true meanwhile: its task was closed, its due date
    moved, the task was approved, the decision confirmed. "#7 is overdue" about a task done
    an hour ago is noise."""
    about = {row.id: (row.workspace_id, row.payload["task"]) for row in rows
             if row.kind in _ABOUT_A_TASK and "task" in row.payload}  # fmt: skip
    still_open = uow.tasks.open_among(set(about.values()))
    kept = []
    for row in rows:
        ref = about.get(row.id)
        if row.kind == Kind.DECISION and _decided(row, uow):
            row.status, row.error = Delivery.OUTDATED, "its decision was confirmed meanwhile"
        elif ref is None:
            kept.append(row)
        elif ref not in still_open:
            row.status, row.error = Delivery.OUTDATED, "its task was closed before it was sent"
        elif row.payload.get("due", str(still_open[ref])) != str(still_open[ref]):
            row.status, row.error = Delivery.OUTDATED, "its task's due date moved meanwhile"
        elif row.kind == Kind.UNPLANNED and _reviewed(ref, uow):
            row.status, row.error = Delivery.OUTDATED, "its task was approved before it was sent"
        else:
            kept.append(row)
    return kept


def _decided(row: Notification, uow: AbstractUnitOfWork) -> bool:
    decision = uow.decisions.by_number(row.workspace_id, row.payload.get("decision", 0))
    return decision is None or decision.status != DecisionStatus.PROPOSED


def _reviewed(ref: tuple[int, int], uow: AbstractUnitOfWork) -> bool:
    """An unplanned task approved into its project's baseline needs no review request."""
    task = uow.tasks.by_number(*ref)
    baseline = uow.baselines.latest(task.project_id) if task and task.project_id else None
    return baseline is not None and task.id in baseline.task_ids


def _step_recorder(uow_factory: Callable[[], AbstractUnitOfWork]) -> StepDone:
    """Writes a row's progress (with the rest of it, still leased) in a transaction of its
    own, while the delivery goes on."""

    def step_done(row: Notification) -> None:
        with uow_factory() as uow:
            uow.outbox.record([row])
            uow.commit()

    return step_done


def _deliver(row: Notification, notifier: Notifier, clock: Callable[[], datetime],
             step_done: StepDone) -> bool:  # fmt: skip
    """Send one row. A retry is timed from the failure, not from the pass's start: a send
    that took a while (slack-sdk waits out a 429 twice itself) must still wait its full
    Retry-After."""
    row.attempts += 1
    try:
        notifier.send(row, step_done)
    except DeliveryError as error:
        row.error = str(error)[:500]
        if error.retry_after is None or row.attempts >= MAX_ATTEMPTS:
            row.status = Delivery.FAILED
        else:
            backoff = min(max(error.retry_after, 2**row.attempts), MAX_BACKOFF)
            backoff *= random.uniform(1.0, 1.25)
            row.next_attempt_at = clock() + timedelta(seconds=backoff)
        log.warning("delivery of %s failed: %s", row.dedupe_key, row.error)
        return False
    except Exception as error:  # a notifier bug: keep the row, retry later, say why
        log.exception("notifier crashed on %s", row.dedupe_key)
        row.error = f"{type(error).__name__}: {error}"[:500]
        row.next_attempt_at = clock() + timedelta(seconds=60 * row.attempts)
        return False
    row.status, row.sent_at, row.error = Delivery.SENT, clock(), None
    return True
