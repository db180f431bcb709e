"""`rolecall db upgrade`: Alembic migrations to head, on the configured database."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine) -> None:
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def revision(engine: Engine, message: str) -> None:
    """For developers: autogenerate a migration from the difference with tables.py."""
    with engine.begin() as connection:
        command.revision(alembic_config(connection), message=message, autogenerate=True)
