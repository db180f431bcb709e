"""`rolecall db upgrade`: Alembic migrations to head, on the configured database."""

from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, inspect, text

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD = "0007"  # the newest revision; tests/integration/test_migrations.py keeps it true


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine) -> None:
    """Migrate to head. Every process start calls this: when the database is already at
    head, one query answers and Alembic is never loaded."""
    if current_revision(engine) == HEAD:
        return
    migrate_to(engine, "head")


def migrate_to(engine: Engine, revision: str) -> None:
    from alembic import command

    with engine.connect() as connection, _foreign_keys_off(connection), connection.begin():
        command.upgrade(alembic_config(connection), revision)


@contextmanager
def _foreign_keys_off(connection):
    """SQLite alters a table by copying it; with foreign keys enforced, dropping the old copy
    of a referenced table fails once it has rows. The pragma only works outside a
    transaction, so it goes to the driver's connection directly."""
    raw = connection.connection.dbapi_connection if connection.dialect.name == "sqlite" else None
    if raw is not None:
        raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=ON")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def revision(engine: Engine, message: str) -> None:
    """For developers: autogenerate a migration from the difference with tables.py."""
    from alembic import command

    with engine.begin() as connection:
        command.revision(alembic_config(connection), message=message, autogenerate=True)
