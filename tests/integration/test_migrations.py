"""The Alembic migrations build exactly the schema the code maps."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from adapters.persistence.tables import metadata


def test_migrations_match_the_tables_the_code_uses(app):
    with app.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_upgrading_twice_changes_nothing(app):
    from adapters.persistence.migrate import upgrade

    upgrade(app.engine)
    upgrade(app.engine)
    with app.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == "0003"
