"""Shared fixtures. Database tests run on SQLite, and also on the database that
ROLECALL_TEST_DATABASE_URL names (CI sets a PostgreSQL one), so every CI run covers both."""

import os

import pytest
from sqlalchemy import make_url, text

from adapters.persistence.database import make_engine, normalise_url
from adapters.persistence.tables import metadata
from bot.bootstrap import bootstrap
from bot.config import Config
from domain.model.clock import FixedClock
from domain.service import RoleCall
from tests.fakes import FakeUnitOfWork
from tests.support import THURSDAY, ChatDriver


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(THURSDAY)


@pytest.fixture
def fake_uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def fake_chat(fake_uow, clock) -> ChatDriver:
    return ChatDriver(RoleCall(lambda: fake_uow, clock))


BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("ROLECALL_TEST_DATABASE_URL") else [])


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory) -> str:
    """SQLite always; also the ROLECALL_TEST_DATABASE_URL database when it is set."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'rolecall-test.db'}"
    url = _own_database(normalise_url(os.environ["ROLECALL_TEST_DATABASE_URL"]))
    engine = make_engine(url)
    with engine.begin() as connection:  # a clean schema, so migrations run from scratch
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return normalise_url(url)


def _own_database(url: str) -> str:
    """Under pytest-xdist each worker gets a database of its own, `<name>_<worker>`, created
    on first use beside the one named, so workers never drop each other's tables."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = make_engine(url).execution_options(isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                    {"name": name}).scalar()  # fmt: skip
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def app(database_url, clock):
    application = bootstrap(Config(database_url=database_url), clock=clock)
    yield application
    empty_database(application.engine)
    application.engine.dispose()


def empty_database(engine) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(t.name for t in metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def chat(app) -> ChatDriver:
    return ChatDriver(app.service)
