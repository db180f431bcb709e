"""Sends queued notifications through each platform's notifier and records the outcome.

A row is claimed, sent, and marked in one transaction: a worker that dies before the commit
leaves the row pending, so it is sent later, never lost. Retryable failures back off
(honouring Retry-After); permanent ones are marked failed with the reason, never dropped.
"""

import logging
import random
from collections.abc import Callable
from datetime import datetime, timedelta

from domain.notifications import Delivery, DeliveryError, Notification, Notifier
from domain.ports import AbstractUnitOfWork

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 16  # with the backoff below, a platform down for about six hours
MAX_BACKOFF = 3600.0  # seconds


def dispatch(
    uow_factory: Callable[[], AbstractUnitOfWork],
    notifiers: dict[str, Notifier],
    now: datetime,
    batch: int = 50,
) -> list[Notification]:
    """Send what is due; returns the notifications sent."""
    sent: list[Notification] = []
    while True:
        with uow_factory() as uow:
            rows = uow.outbox.claim(now, batch, tuple(notifiers))
            for row in rows:
                if _deliver(row, notifiers[row.platform], now):
                    sent.append(row)
            uow.commit()
        if len(rows) < batch:
            return sent


def _deliver(row: Notification, notifier: Notifier, now: datetime) -> bool:
    row.attempts += 1
    try:
        notifier.send(row)
    except DeliveryError as error:
        row.error = str(error)[:500]
        if error.retry_after is None or row.attempts >= MAX_ATTEMPTS:
            row.status = Delivery.FAILED
        else:
            backoff = min(max(error.retry_after, 2**row.attempts), MAX_BACKOFF)
            backoff *= random.uniform(1.0, 1.25)
            row.next_attempt_at = now + timedelta(seconds=backoff)
        log.warning("delivery of %s failed: %s", row.dedupe_key, row.error)
        return False
    except Exception as error:  # a notifier bug: keep the row, retry later, say why
        log.exception("notifier crashed on %s", row.dedupe_key)
        row.error = f"{type(error).__name__}: {error}"[:500]
        row.next_attempt_at = now + timedelta(seconds=60 * row.attempts)
        return False
    row.status, row.sent_at, row.error = Delivery.SENT, now, None
    return True
