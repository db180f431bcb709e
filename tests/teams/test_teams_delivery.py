"""Which Teams failures are retried: the real worker and notifier against the local connector."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from adapters.persistence.database import make_engine
from adapters.persistence.orm import start_mappers
from adapters.persistence.tables import outbox, people
from adapters.teams.app import TeamsSettings
from bot.teams import teams_notifier
from domain.model.notifications import DeliveryError, Notification
from tests.support import THURSDAY
from tests.teams.test_teams_http import ERIN, say, worker

ERINS_CHAT = f"a:tenant-a-{ERIN['id']}"
TOMORROW = (THURSDAY + timedelta(days=1)).date().isoformat()


def outbox_rows(db_url: str) -> list[tuple]:
    engine = make_engine(db_url)
    with engine.connect() as connection:
        rows = connection.execute(select(outbox.c.status, outbox.c.attempts,
                                         outbox.c.next_attempt_at)).all()  # fmt: skip
    engine.dispose()
    return [tuple(row) for row in rows]


def test_a_412_is_retried_later_with_backoff_and_sent_once(server, connector, db_url):
    say(server, connector, f"task add Precondition task due {TOMORROW}")
    connector.fail(ERINS_CHAT, 412)
    worker(db_url, THURSDAY.isoformat())
    assert len(connector.posts) == 1  # only the reply so far
    [(status, attempts, next_attempt_at)] = outbox_rows(db_url)
    assert status == "pending" and attempts == 1
    assert next_attempt_at.replace(tzinfo=THURSDAY.tzinfo) > THURSDAY
    worker(db_url, (THURSDAY + timedelta(minutes=30)).isoformat())
    [reminder] = connector.wait_for(2)[1:]
    assert "Precondition task" in reminder.text
    worker(db_url, (THURSDAY + timedelta(hours=1)).isoformat())
    assert len(connector.posts) == 2 and outbox_rows(db_url)[0][0] == "sent"


@pytest.mark.parametrize(("status", "retried"), [
    (412, True), (429, True), (502, True), (504, True), (403, False), (404, False),
])  # fmt: skip
def test_teams_failures_microsoft_lists_as_retryable_are_retried_and_the_rest_are_not(
    server, connector, db_url, status, retried
):
    say(server, connector, "help")  # so RoleCall has a conversation with erin
    start_mappers()
    engine = make_engine(db_url)
    with engine.connect() as connection:
        [(workspace, erin)] = connection.execute(select(people.c.workspace_id, people.c.handle))
    notifier = teams_notifier(TeamsSettings(), engine)
    connector.fail(ERINS_CHAT, status, times=2, **{"Retry-After": "7"})  # msrest retries once
    reminder = Notification(workspace, "k", "teams", f"@{erin}", "deadline", "Due tomorrow")
    with pytest.raises(DeliveryError) as failure:
        notifier.send(reminder, lambda n: None)
    engine.dispose()
    assert (failure.value.retry_after is not None) is retried, failure.value
    if retried:
        assert failure.value.retry_after == 7
