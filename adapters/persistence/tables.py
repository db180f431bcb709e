"""The schema. Alembic migrations (adapters/persistence/migrations) must match it; a test
checks that they do."""

from datetime import UTC, datetime

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.types import DateTime, TypeDecorator

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime reached the database")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect):
        return value.replace(tzinfo=UTC) if value is not None else None


def _id() -> Column:
    return Column("id", Integer, primary_key=True, autoincrement=True)


def _workspace() -> Column:
    return Column("workspace_id", Integer, ForeignKey("workspaces.id"), nullable=False)


workspaces = Table(
    "workspaces", metadata, _id(),
    Column("key", String(200), nullable=False, unique=True),
    Column("platform", String(20), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("drift_amber", Float, nullable=False),
    Column("drift_red", Float, nullable=False),
    Column("next_task_number", Integer, nullable=False),
    Column("next_decision_number", Integer, nullable=False),
    Column("paused", Boolean, nullable=False, server_default=text("false")),
)  # fmt: skip

people = Table(
    "people", metadata, _id(), _workspace(),
    Column("handle", String(100), nullable=False),
    Column("display_name", String(200)),
    Column("timezone", String(64)),
    UniqueConstraint("workspace_id", "handle"),
)  # fmt: skip

products = Table(
    "products", metadata, _id(), _workspace(),
    Column("name", String(200), nullable=False),
    Column("key", String(200), nullable=False),
    Column("manager_id", Integer, ForeignKey("people.id")),
    Column("vision", Text),
    Column("metrics", JSON, nullable=False),
    Column("release_by", Date),
    Column("budget_cap", Float),
    Column("out_of_scope", JSON, nullable=False),
    UniqueConstraint("workspace_id", "key"),
)  # fmt: skip

projects = Table(
    "projects", metadata, _id(), _workspace(),
    Column("name", String(200), nullable=False),
    Column("key", String(200), nullable=False),
    Column("product_id", Integer, ForeignKey("products.id")),
    Column("manager_id", Integer, ForeignKey("people.id")),
    Column("ends_on", Date),
    Column("budget", Float),
    Column("scope_dirty", Boolean, nullable=False),
    Column("created_at", UTCDateTime),
    Column("channel", String(200)),
    Column("drift_told", String(10)),
    UniqueConstraint("workspace_id", "key"),
    Index("ix_projects_dirty", "scope_dirty"),
)  # fmt: skip

channels = Table(
    "channels", metadata, _id(), _workspace(),
    Column("name", String(200), nullable=False),
    Column("default_project_id", Integer, ForeignKey("projects.id")),
    UniqueConstraint("workspace_id", "name"),
)  # fmt: skip

tasks = Table(
    "tasks", metadata, _id(), _workspace(),
    Column("number", Integer, nullable=False),
    Column("title", String(400), nullable=False),
    Column("created_by_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("assignee_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("project_id", Integer, ForeignKey("projects.id")),
    Column("status", String(10), nullable=False),
    Column("due_on", Date),
    Column("due_at", UTCDateTime),
    Column("estimate", Float),
    Column("blocked_reason", String(600)),
    Column("created_at", UTCDateTime),
    Column("updated_at", UTCDateTime),
    Column("done_at", UTCDateTime),
    Column("remind_at", UTCDateTime),
    Column("snoozes", Integer, nullable=False, server_default="0"),
    UniqueConstraint("workspace_id", "number"),
    Index("ix_tasks_remind_at", "remind_at"),
    Index("ix_tasks_workspace_status_due", "workspace_id", "status", "due_on"),
    Index("ix_tasks_workspace_assignee", "workspace_id", "assignee_id"),
    Index("ix_tasks_project", "project_id"),
)  # fmt: skip

decisions = Table(
    "decisions", metadata, _id(), _workspace(),
    Column("number", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("area", String(40), nullable=False),
    Column("decided_by_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("status", String(12), nullable=False),
    Column("owner_role", String(20)),
    Column("owner_id", Integer, ForeignKey("people.id")),
    Column("project_id", Integer, ForeignKey("projects.id")),
    Column("product_id", Integer, ForeignKey("products.id")),
    Column("created_at", UTCDateTime),
    Column("reason", String(500)),
    UniqueConstraint("workspace_id", "number"),
    Index("ix_decisions_workspace_created", "workspace_id", "created_at"),
)  # fmt: skip

baselines = Table(
    "baselines", metadata, _id(), _workspace(),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("task_ids", JSON, nullable=False),
    Column("estimates", JSON, nullable=False),
    Column("ends_on", Date),
    Column("budget", Float),
    Column("created_at", UTCDateTime),
    Column("created_by_id", Integer, ForeignKey("people.id")),
    Index("ix_baselines_project", "project_id", "id"),
)  # fmt: skip

standups = Table(
    "standups", metadata, _id(), _workspace(),
    Column("channel", String(200), nullable=False),
    Column("at", String(5), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("days", String(20), nullable=False),
    Column("project_id", Integer, ForeignKey("projects.id")),
    Column("next_run_at", UTCDateTime),
    Column("last_run_at", UTCDateTime),
    UniqueConstraint("workspace_id", "channel"),
    Index("ix_standups_next_run_at", "next_run_at"),
)  # fmt: skip

checkins = Table(
    "checkins", metadata, _id(), _workspace(),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("day", Date, nullable=False),
    Column("yesterday", Text),
    Column("today", Text),
    Column("blockers", Text),
    Column("created_at", UTCDateTime),
    UniqueConstraint("workspace_id", "person_id", "day"),
)  # fmt: skip

area_owners = Table(
    "area_owners", metadata, _id(), _workspace(),
    Column("area", String(40), nullable=False),
    Column("role", String(20), nullable=False),
    UniqueConstraint("workspace_id", "area"),
)  # fmt: skip

outbox = Table(
    "outbox", metadata, _id(), _workspace(),
    Column("dedupe_key", String(300), nullable=False, unique=True),
    Column("platform", String(20), nullable=False),
    Column("to", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("payload", JSON, nullable=False),
    Column("status", String(10), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UTCDateTime),
    Column("created_at", UTCDateTime),
    Column("sent_at", UTCDateTime),
    Column("error", Text),
    Column("progress", JSON),  # the steps done of a delivery of several messages
    Index("ix_outbox_status_next_attempt", "status", "next_attempt_at"),
)  # fmt: skip

inbound = Table(
    "inbound", metadata, _id(),
    Column("key", String(300), nullable=False, unique=True),
    Column("received_at", UTCDateTime, nullable=False),
    Index("ix_inbound_received_at", "received_at"),
)  # fmt: skip

# Where the Teams bot can post: one row per conversation and person who spoke there, so a
# reminder reaches the assignee where they talked to the bot. Keyed by the workspace's key,
# since Teams may add the bot to a conversation before anyone in its tenant says a word.
teams_conversations = Table(
    "teams_conversations", metadata, _id(),
    Column("workspace", String(200), nullable=False),
    Column("conversation_id", String(400), nullable=False),
    Column("channel", String(200), nullable=False),
    Column("conversation_type", String(20), nullable=False),
    Column("user_handle", String(100), nullable=False),
    Column("user_id", String(200), nullable=False),
    Column("user_name", String(200)),
    Column("service_url", String(500), nullable=False),
    Column("channel_id", String(40), nullable=False),
    Column("bot_id", String(200), nullable=False),
    Column("bot_name", String(200)),
    Column("tenant_id", String(100)),
    Column("active", Boolean, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("workspace", "conversation_id", "user_handle"),
    Index("ix_teams_conversations_person", "workspace", "user_handle"),
    Index("ix_teams_conversations_channel", "workspace", "channel"),
)  # fmt: skip

# Slack's OAuth installations and states, in slack-sdk's own shapes (its SQLAlchemy stores
# read and write them); created by our migrations like every other table.
slack_installations = SQLAlchemyInstallationStore.build_installations_table(
    metadata, SQLAlchemyInstallationStore.default_installations_table_name
)
slack_bots = SQLAlchemyInstallationStore.build_bots_table(
    metadata, SQLAlchemyInstallationStore.default_bots_table_name
)
slack_oauth_states = SQLAlchemyOAuthStateStore.build_oauth_states_table(
    metadata, SQLAlchemyOAuthStateStore.default_table_name
)
