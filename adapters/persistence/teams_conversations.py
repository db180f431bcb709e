"""Teams conversation references in the database: where the bot may post proactively.

Notifiers look things up while the dispatcher holds its transaction, so reads go through
`reader(engine)` (no write lock on SQLite); the one write a notifier makes, retiring a
conversation the bot was removed from, happens later on a thread of its own.
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from datetime import datetime, timedelta

from sqlalchemy import Engine, case, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from adapters.persistence.database import reader
from adapters.persistence.tables import people, teams_conversations, workspaces
from adapters.teams.conversations import TeamsConversation

log = logging.getLogger(__name__)
CANDIDATES = 3  # conversations tried for one person before giving up
STILL_FRESH = timedelta(hours=1)  # "where they last talked" is kept to the hour


class TeamsConversations:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.read = reader(engine)
        self._later = ThreadPoolExecutor(max_workers=1, thread_name_prefix="teams-refs")

    def remember(self, conversation: TeamsConversation, now: datetime) -> None:
        """Insert or refresh the row for this conversation and speaker; the service URL and
        the active flag are refreshed for everyone in the conversation. Most messages change
        nothing, and find that out with a read, which takes no lock."""
        c = teams_conversations.c
        stored = (
            select(c.service_url, c.user_name, c.active, c.updated_at)
            .where(c.workspace == conversation.workspace)
            .where(c.conversation_id == conversation.conversation_id)
            .where(c.user_handle == conversation.user_handle)
        )
        with self.read.connect() as connection:
            row = connection.execute(stored).first()
        fresh = row and now - row.updated_at < STILL_FRESH
        if fresh and row.active and (row.service_url, row.user_name) == (
            conversation.service_url, conversation.user_name
        ):  # fmt: skip
            return
        values = {**asdict(conversation), "active": True, "updated_at": now}
        insert = pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        upsert = insert(teams_conversations).values(**values)
        upsert = upsert.on_conflict_do_update(
            index_elements=["workspace", "conversation_id", "user_handle"],
            set_={k: upsert.excluded[k] for k in values if k not in ("workspace", "user_handle")},
        )
        refresh = (
            update(teams_conversations)
            .where(c.workspace == conversation.workspace)
            .where(c.conversation_id == conversation.conversation_id)
            .where((c.service_url != conversation.service_url) | c.active.is_(False))
            .values(service_url=conversation.service_url, active=True)
        )
        with self.engine.begin() as connection:
            connection.execute(upsert)
            connection.execute(refresh)

    def for_person(self, workspace_id: int, handle: str) -> list[TeamsConversation]:
        """Where this person talked to the bot: their personal chat first, then the newest."""
        c = teams_conversations.c
        personal = case((c.conversation_type == "personal", 0), else_=1)
        query = self._active(workspace_id).where(c.user_handle == handle)
        return self._rows(query.order_by(personal, c.updated_at.desc()).limit(CANDIDATES))

    def for_channel(self, workspace_id: int, channel: str) -> list[TeamsConversation]:
        c = teams_conversations.c
        query = self._active(workspace_id).where(c.channel == channel)
        return self._rows(query.order_by(c.updated_at.desc()).limit(1))

    def retire(self, conversation: TeamsConversation) -> None:
        """The bot was removed or blocked: stop posting there until someone talks to it again.
        Written on a thread of its own, after the caller's transaction lets go."""
        later = self._later.submit(self._retire, conversation.workspace,
                                   conversation.conversation_id)  # fmt: skip
        later.add_done_callback(_log_failure)

    def names(self, workspace: str, handles: list[str]) -> dict[str, str]:
        """Display names of people by handle, for rendering `@handle` in Teams."""
        if not handles:
            return {}
        p, w = people.c, workspaces.c
        query = (
            select(p.handle, p.display_name)
            .join(workspaces, w.id == p.workspace_id)
            .where(w.key == workspace, p.handle.in_(handles), p.display_name.is_not(None))
        )
        with self.read.connect() as connection:
            return {handle: name for handle, name in connection.execute(query)}

    def _retire(self, workspace: str, conversation_id: str) -> None:
        c = teams_conversations.c
        with self.engine.begin() as connection:
            connection.execute(
                update(teams_conversations)
                .where(c.workspace == workspace, c.conversation_id == conversation_id)
                .values(active=False)
            )

    def _active(self, workspace_id: int):
        c, w = teams_conversations.c, workspaces.c
        fields = [c[name] for name in TeamsConversation.__dataclass_fields__]
        return (
            select(*fields)
            .join(workspaces, w.key == c.workspace)
            .where(w.id == workspace_id, c.active.is_(True))
        )

    def _rows(self, query) -> list[TeamsConversation]:
        with self.read.connect() as connection:
            return [TeamsConversation(**row._mapping) for row in connection.execute(query)]


def _log_failure(done) -> None:
    if error := done.exception():
        log.error("could not retire a Teams conversation", exc_info=error)
