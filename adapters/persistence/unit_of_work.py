"""The SQLAlchemy unit of work: one session, one transaction, committed explicitly."""

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import sessionmaker

from adapters.persistence import repositories as r
from domain.model.ports import AbstractUnitOfWork


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    def __init__(self, session_factory: sessionmaker) -> None:
        self.session_factory = session_factory

    def __enter__(self) -> "SqlAlchemyUnitOfWork":
        self.session = self.session_factory()
        s = self.session
        self.workspaces, self.people = r.SqlWorkspaces(s), r.SqlPeople(s)
        self.products, self.projects = r.SqlProducts(s), r.SqlProjects(s)
        self.channels, self.tasks = r.SqlChannels(s), r.SqlTasks(s)
        self.decisions, self.baselines = r.SqlDecisions(s), r.SqlBaselines(s)
        self.standups, self.checkins = r.SqlStandups(s), r.SqlCheckins(s)
        self.area_owners, self.outbox = r.SqlAreaOwners(s), r.SqlOutbox(s)
        self.inbound = r.SqlInbound(s)
        return self

    def __exit__(self, *exc) -> None:
        super().__exit__(*exc)
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    def flush(self) -> None:
        self.session.flush()

    @staticmethod
    def retryable(error: Exception) -> bool:
        """Unique violations (PostgreSQL 23505, SQLite's UNIQUE), serialization failures and
        deadlocks: what a concurrent first insert or lock order causes."""
        if not isinstance(error, IntegrityError | OperationalError):
            return False
        code = getattr(error.orig, "sqlstate", None)
        return code in ("23505", "40001", "40P01") or "UNIQUE constraint failed" in str(error.orig)


def session_factory(engine: Engine) -> sessionmaker:
    # expire_on_commit=False: replies are rendered from objects after the commit.
    return sessionmaker(bind=engine, expire_on_commit=False)
