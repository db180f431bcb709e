"""Notifications: rows of the outbox, written by the scheduler and handlers, sent by a notifier.

Each has a dedupe key unique across the outbox, so a scan that runs twice, or two workers
that scan at once, queue it once.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple


class Kind(StrEnum):
    DEADLINE = "deadline"
    OVERDUE = "overdue"
    DRIFT = "drift"
    BREACH = "breach"
    UNPLANNED = "unplanned"
    DIGEST = "digest"
    MISSING = "missing-manager"
    DECISION = "decision"  # a proposed decision, to the manager who owns its area
    REPLY = "reply"  # a command's answer the platform refused at first (payload: the adapter's)


class Delivery(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    OUTDATED = "outdated"  # no longer true when its turn came: its task was closed


@dataclass(eq=False)
class Notification:
    workspace_id: int
    dedupe_key: str
    platform: str
    to: str  # "@handle" for a person, "#channel" for a channel
    kind: str
    text: str
    payload: dict = field(default_factory=dict)
    status: str = Delivery.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    created_at: datetime | None = None
    sent_at: datetime | None = None
    error: str | None = None
    # What of a delivery of several messages is done (the digest's post, before its thread):
    # a retry does the rest, never the done part again.
    progress: dict | None = None
    id: int | None = None


class Outgoing(NamedTuple):
    """A notification on its way into the outbox: what a scheduler pass queues by the
    thousand, lighter to build than the outbox row it becomes."""

    workspace_id: int
    dedupe_key: str
    platform: str
    to: str
    kind: str
    text: str
    payload: dict
    created_at: datetime | None = None
    next_attempt_at: datetime | None = None
    status: str = Delivery.PENDING
    attempts: int = 0
    sent_at: datetime | None = None
    error: str | None = None

    def row(self) -> Notification:
        return Notification(**self._asdict())


class DeliveryError(Exception):
    """A notifier could not send. `retry_after` seconds when worth retrying, else permanent."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


StepDone = Callable[[Notification], None]


class Notifier(ABC):
    @abstractmethod
    def send(self, notification: Notification, step_done: StepDone) -> None:
        """Deliver or raise DeliveryError. A delivery of several messages notes each one
        posted in `notification.progress` and calls `step_done(notification)`, which records
        it at once: a retry, even after the worker died, resumes after it."""
