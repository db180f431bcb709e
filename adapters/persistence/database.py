"""Engines: SQLite (WAL, a busy timeout) by default, PostgreSQL through psycopg 3."""

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url


def normalise_url(url: str) -> str:
    """`postgres://` and `postgresql://` (Heroku style) become `postgresql+psycopg://`."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(connection, _record) -> None:
        connection.isolation_level = None  # SQLAlchemy's "begin" event below starts transactions
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL never corrupts; a power cut may lose the last commits, and
        # not fsyncing every commit is what keeps a command's reply in milliseconds.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        # Take the write lock up front: a deferred transaction that reads and then writes can
        # fail at once with "database is locked" when another process wrote in between.
        # Readers (see `reader`) need no lock: in WAL mode they never wait for a writer.
        read_only = connection.get_execution_options().get("rolecall_read_only")
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def reader(engine: Engine) -> Engine:
    """The same database for reads only: on SQLite its transactions take no write lock, so a
    lookup made while another transaction of this process writes does not wait for it."""
    return engine.execution_options(rolecall_read_only=True)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
