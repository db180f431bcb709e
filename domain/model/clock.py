"""Time comes from a clock, so the scheduler can be run at any instant (`--at`) and tested."""

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    at: datetime

    def now(self) -> datetime:
        return self.at


@dataclass
class StartedClock:
    """Starts at a chosen instant and runs on at the real pace: a demo, a replay, or a test
    server that lives through a midnight it chose."""

    start: datetime
    _origin: float = field(default_factory=time.monotonic, repr=False)

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self._origin)
