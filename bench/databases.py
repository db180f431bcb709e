"""Databases of the bench's own, so a run never touches anyone's data."""

import os

from sqlalchemy import make_url, text

from adapters.persistence.database import make_engine, normalise_url

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def postgres_url() -> str | None:
    """The server the bench may use: LOAD_DATABASE_URL, else the test suite's."""
    url = os.environ.get("LOAD_DATABASE_URL") or os.environ.get("ROLECALL_TEST_DATABASE_URL")
    return normalise_url(url) if url else None


def fresh_postgres(server_url: str, name: str) -> str:
    """A database called `name` on that server, created if missing and emptied."""
    base = make_url(normalise_url(server_url))
    admin = make_engine(server_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                    {"name": name}).scalar()  # fmt: skip
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = base.set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url
