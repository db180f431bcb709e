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
        assert MigrationContext.configure(connection).get_current_revision() == "0007"


def test_the_head_constant_names_the_newest_migration():
    from alembic.script import ScriptDirectory

    from adapters.persistence.migrate import HEAD, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_upgrading_a_database_that_holds_data_keeps_it(tmp_path):
    from sqlalchemy import text

    from adapters.persistence.database import make_engine
    from adapters.persistence.migrate import migrate_to, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate_to(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO workspaces (id, key, platform, timezone, drift_amber, drift_red, "
            "next_task_number, next_decision_number) VALUES (1, 'console:w', 'console', 'UTC', "
            "0.1, 0.25, 2, 1)"))  # fmt: skip
        connection.execute(text("INSERT INTO people (id, workspace_id, handle) VALUES (1, 1, 'a')"))
        connection.execute(text(
            "INSERT INTO tasks (id, workspace_id, number, title, created_by_id, assignee_id, "
            "status) VALUES (1, 1, 1, 'Survive the upgrade', 1, 1, 'todo')"))  # fmt: skip
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT title, snoozes FROM tasks")).one() == (
            "Survive the upgrade", 0)  # fmt: skip
        assert connection.execute(text("SELECT paused FROM workspaces")).scalar_one() in (0, False)
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    engine.dispose()


def a_workspace_at(tmp_path, revision: str):
    """A SQLite database migrated to `revision`, holding workspace 7."""
    from sqlalchemy import text

    from adapters.persistence.database import make_engine
    from adapters.persistence.migrate import migrate_to

    engine = make_engine(f"sqlite:///{tmp_path / f'at-{revision}.db'}")
    migrate_to(engine, revision)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO workspaces (id, key, platform, timezone, drift_amber, drift_red, "
            "next_task_number, next_decision_number, paused) VALUES (7, 'console:w', 'console', "
            "'UTC', 0.1, 0.25, 1, 1, false)"))  # fmt: skip
    return engine


def test_0005_remembers_which_drift_levels_managers_were_already_told(tmp_path):
    from sqlalchemy import text

    from adapters.persistence.migrate import upgrade

    engine = a_workspace_at(tmp_path, "0004")
    with engine.begin() as connection:
        for project in (1, 2, 3):
            connection.execute(text(
                "INSERT INTO projects (id, workspace_id, name, key, scope_dirty) "
                f"VALUES ({project}, 7, 'P{project}', 'p{project}', false)"))  # fmt: skip
        for baseline, project in ((4, 1), (5, 2), (6, 3), (8, 3)):  # project 3 baselined again
            connection.execute(text(
                "INSERT INTO baselines (id, workspace_id, project_id, task_ids, estimates) "
                f"VALUES ({baseline}, 7, {project}, '[]', '{{}}')"))  # fmt: skip
        for key in ("7:drift:1:4:amber", "7:drift:2:5:amber", "7:drift:2:5:red",
                    "7:drift:3:6:red"):  # fmt: skip
            connection.execute(text(
                "INSERT INTO outbox (workspace_id, dedupe_key, platform, \"to\", kind, text, "
                f"payload, status, attempts) VALUES (7, '{key}', 'console', '@a', 'drift', 'x', "
                "'{}', 'sent', 1)"))  # fmt: skip
    upgrade(engine)
    with engine.connect() as connection:
        told = connection.execute(text("SELECT id, drift_told FROM projects ORDER BY id")).all()
    assert told == [(1, "amber"), (2, "red"), (3, None)]
    engine.dispose()


def test_0006_keeps_queued_notifications_with_no_step_done_yet(tmp_path):
    from sqlalchemy import text

    from adapters.persistence.migrate import upgrade

    engine = a_workspace_at(tmp_path, "0005")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO outbox (workspace_id, dedupe_key, platform, \"to\", kind, text, "
            "payload, status, attempts) VALUES (7, '7:digest:1:x', 'console', '#C1', 'digest', "
            "'Standup', '{\"details\": []}', 'pending', 2)"))  # fmt: skip
    upgrade(engine)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT kind, attempts, progress FROM outbox")).one()
    assert tuple(row) == ("digest", 2, None)
    engine.dispose()
