"""Nothing lost, nothing sent twice: deliveries that fail half-way, through the real worker,
the real `rolecall serve` and the dispatcher, against the fake Slack Web API."""

import os
import subprocess
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from adapters.persistence.database import make_engine
from adapters.persistence.tables import outbox
from bot.bootstrap import bootstrap
from bot.config import Config
from domain.delivery.dispatch import LEASE, dispatch
from domain.delivery.scheduler import run_pass
from domain.model.clock import FixedClock
from domain.model.notifications import Notifier
from tests.e2e.conftest import ROLECALL
from tests.slack.conftest import BOT_TOKEN, SIGNING_SECRET
from tests.slack.signing import event_body
from tests.slack.test_slack_app import send, task_count
from tests.support import THURSDAY, ChatDriver

FRIDAY = THURSDAY + timedelta(days=1)  # 10:00, after the 09:30 standup
THREAD = "1700000000.000100"


def in_thread(params: dict) -> bool:
    return "thread_ts" in params


def slack_app(slack, db_url: str):
    """The application a worker builds, its clock at Thursday 10:00, Slack faked."""
    config = Config(database_url=db_url, slack_bot_token=BOT_TOKEN,
                    slack_signing_secret=SIGNING_SECRET, slack_api_url=slack.api_url)  # fmt: skip
    return bootstrap(config, clock=FixedClock(THURSDAY))


def say(app, text: str) -> None:
    ChatDriver(app.service).ok(text, workspace="T1", user="U1", channel="C1", platform="slack")


def a_standup_with_details(app) -> None:
    say(app, "standup at 09:30 tz UTC")
    say(app, "task add Something underway")
    say(app, "task start #1")  # "doing #1", in the digest's thread


def worker(slack, db_url: str, *at: str) -> None:
    """`rolecall worker --once`, at `at` or, without it, a minute after the test server's
    clock (THURSDAY), when what it queued is due."""
    env = {**os.environ, "DATABASE_URL": db_url, "SLACK_BOT_TOKEN": BOT_TOKEN,
           "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": slack.api_url}  # fmt: skip
    when = at[0] if at else (THURSDAY + timedelta(minutes=1)).isoformat()
    args = [ROLECALL, "worker", "--once", "--at", when]
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def posts(slack, method: str = "chat.postMessage") -> tuple[list, list]:
    """The calls Slack answered ok: (messages, thread replies)."""
    ok = [call for call in slack.calls_to(method) if call.response.get("ok")]
    return [c for c in ok if not in_thread(c.params)], [c for c in ok if in_thread(c.params)]


def outbox_rows(db_url: str) -> list[tuple]:
    engine = make_engine(db_url)
    with engine.connect() as connection:
        rows = connection.execute(select(outbox.c.kind, outbox.c.status)).all()
    engine.dispose()
    return [tuple(row) for row in rows]


def wait_for_rows(db_url: str, count: int, seconds: float = 10) -> list[tuple]:
    deadline = time.monotonic() + seconds
    while len(rows := outbox_rows(db_url)) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return rows


def test_a_digest_whose_thread_failed_is_retried_without_posting_the_digest_again(slack, db_url):
    app = slack_app(slack, db_url)
    a_standup_with_details(app)
    app.engine.dispose()
    slack.fail("chat.postMessage", when=in_thread)  # internal_error: worth retrying
    worker(slack, db_url, FRIDAY.isoformat())
    assert [len(p) for p in posts(slack)] == [1, 0]
    worker(slack, db_url, (FRIDAY + timedelta(minutes=5)).isoformat())
    worker(slack, db_url, (FRIDAY + timedelta(minutes=10)).isoformat())
    [digest], [details] = posts(slack)
    assert "Standup for #C1" in digest.params["text"]
    assert details.params["thread_ts"] == digest.response["ts"]
    assert details.params["channel"] == "C1" and details.params["text"] == "Details by person"
    assert outbox_rows(db_url) == [("digest", "sent")]


def test_a_digest_step_is_recorded_as_soon_as_done_so_a_worker_dying_next_repeats_nothing(
    slack, db_url
):
    app = slack_app(slack, db_url)
    a_standup_with_details(app)
    slack_notifier = app.notifiers["slack"]

    class DiesAfterTheFirstStep(Notifier):
        def send(self, notification, step_done):
            def then_die(row):
                step_done(row)
                raise KeyboardInterrupt  # the worker is killed before the thread is posted

            slack_notifier.send(notification, then_die)

    assert run_pass(app.uow_factory, FRIDAY) == 1
    with pytest.raises(KeyboardInterrupt):
        dispatch(app.uow_factory, {"slack": DiesAfterTheFirstStep()}, FRIDAY)
    sent = dispatch(app.uow_factory, app.notifiers, FRIDAY + LEASE)  # another worker, later
    app.engine.dispose()
    [digest], [details] = posts(slack)
    assert [n.kind for n in sent] == ["digest"]
    assert details.params["thread_ts"] == digest.response["ts"]


def test_a_retry_after_is_counted_from_the_failure_not_from_the_start_of_the_pass(slack, db_url):
    """The send takes 16 s (slack-sdk waits out two 429s itself, then gives up): the row
    must not come due again before Retry-After has passed since then."""
    app = slack_app(slack, db_url)
    say(app, f"task add Ship it <@U2> due {FRIDAY.date().isoformat()}")
    assert run_pass(app.uow_factory, THURSDAY) == 1
    wall, failed_at = [THURSDAY], []
    slack_notifier = app.notifiers["slack"]

    class TakesSixteenSeconds(Notifier):
        def send(self, notification, step_done):
            wall[0] += timedelta(seconds=16)
            try:
                slack_notifier.send(notification, step_done)
            finally:
                failed_at.append(wall[0])

    slack.fail("chat.postMessage", times=3, status=429, retry_after=1)
    dispatch(app.uow_factory, {"slack": TakesSixteenSeconds()}, THURSDAY, clock=lambda: wall[0])
    with app.uow_factory() as uow:
        [row] = uow.outbox.listing(("pending",), 10)
        attempts, error, next_attempt_at = row.attempts, row.error, row.next_attempt_at
    app.engine.dispose()
    assert attempts == 1 and error == "ratelimited"
    assert next_attempt_at >= failed_at[0] + timedelta(seconds=1)


@pytest.mark.parametrize(("where", "method"), [
    ({"type": "app_mention", "channel": "C1", "thread_ts": THREAD}, "chat.postEphemeral"),
    ({"type": "message", "channel": "DU1", "channel_type": "im"}, "chat.postMessage"),
])  # fmt: skip
def test_a_reply_slack_refused_after_the_command_committed_is_sent_later_once(
    server, slack, db_url, where, method
):
    event = {"user": "U1", "ts": "1700000000.000200", **where,
             "text": "<@UBOT> task add Answer me please"}  # fmt: skip
    body = event_body(event, event_id="EvRefused1")
    slack.fail(method)  # internal_error, after the task was added
    assert send(server, body)[0] == 200
    [refused] = slack.wait_for(method)
    assert wait_for_rows(db_url, 1) == [("reply", "pending")]
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"}
    assert send(server, body, retry)[0] == 200  # Slack's retry of the same event
    worker(slack, db_url)  # the reply was queued a minute ago
    worker(slack, db_url)
    [failed, delivered] = slack.calls_to(method)
    assert not failed.response["ok"] and delivered.response["ok"]
    for param in ("channel", "user", "thread_ts", "text", "blocks"):  # the same, in one place
        assert delivered.params.get(param) == refused.params.get(param), param
    assert "Added #1" in delivered.params["text"]
    assert where.get("thread_ts") == delivered.params.get("thread_ts")
    assert task_count(db_url) == 1 and outbox_rows(db_url) == [("reply", "sent")]
    assert "Traceback" not in server.log


def test_a_reply_posted_at_once_is_never_queued(server, slack, db_url):
    event = {"type": "app_mention", "user": "U1", "channel": "C1", "ts": "1700000000.000300",
             "text": "<@UBOT> who owns the budget"}  # fmt: skip
    assert send(server, event_body(event, event_id="EvFine1"))[0] == 200
    [answer] = slack.wait_for("chat.postMessage")
    assert answer.response["ok"] and "Owner" in answer.params["text"]
    time.sleep(0.5)  # the listener is done once it posted; nothing follows
    assert outbox_rows(db_url) == []


def test_a_digest_asked_for_by_mention_whose_thread_failed_posts_only_the_thread_later(
    server, slack, db_url
):
    mention = {"type": "app_mention", "user": "U1", "channel": "C1"}
    for n, text in enumerate(("task add Something underway", "task start #1")):
        event = {**mention, "ts": f"1700000000.00040{n}", "text": f"<@UBOT> {text}"}
        assert send(server, event_body(event, event_id=f"EvSetUp{n}"))[0] == 200
        slack.wait_for("chat.postEphemeral", n + 1)
    slack.fail("chat.postMessage", when=in_thread)
    event = {**mention, "ts": "1700000000.000500", "text": "<@UBOT> standup now"}
    assert send(server, event_body(event, event_id="EvDigest1"))[0] == 200
    slack.wait_for("chat.postMessage", 2)
    assert wait_for_rows(db_url, 1) == [("reply", "pending")]
    worker(slack, db_url)
    worker(slack, db_url)
    [digest], [details] = posts(slack)
    assert "Standup for #C1" in digest.params["text"]
    assert details.params["thread_ts"] == digest.response["ts"]
    assert "doing #1" in str(details.params["blocks"])
    assert outbox_rows(db_url) == [("reply", "sent")]
