"""One scheduler per SQLite database: a second worker would race the first on a database that
has no row locks. PostgreSQL needs no lock (its scans and claims skip locked rows)."""

import fcntl
import os
from pathlib import Path

from sqlalchemy import Engine


class WorkerLockHeld(Exception):
    pass


class WorkerLock:
    """Held for the life of the process (the OS releases it if the process dies)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._fd: int | None = None

    @classmethod
    def for_engine(cls, engine: Engine) -> "WorkerLock":
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        if not database or database == ":memory:":
            return cls(None)
        return cls(Path(f"{database}.worker.lock"))

    def acquire(self) -> None:
        if self.path is None or self._fd is not None:
            return
        fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise WorkerLockHeld(
                f"Another rolecall worker is already running on this SQLite database "
                f"(lock: {self.path}): `make run` and `rolecall serve` embed one. Stop it "
                "first, or run this server with `rolecall serve --no-scheduler`. SQLite takes "
                "one worker; use PostgreSQL (DATABASE_URL) to run several."
            ) from None
        self._fd = fd
