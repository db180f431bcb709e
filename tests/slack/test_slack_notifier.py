"""Scheduled notifications into Slack through `rolecall worker --once`, against the fake."""

import os
import subprocess

from bot.bootstrap import bootstrap
from bot.config import Config
from domain.model.clock import FixedClock
from tests.e2e.conftest import ROLECALL
from tests.slack.conftest import BOT_TOKEN, SIGNING_SECRET
from tests.support import THURSDAY, ChatDriver, iso, stamp


def slack_workspace_with_a_task_due(db_url: str) -> None:
    app = bootstrap(Config(database_url=db_url), clock=FixedClock(THURSDAY))
    ChatDriver(app.service).say(f"task add Ship it @U2 due {iso(1)}", workspace="T1",
                                user="U1", channel="C1", platform="slack")  # fmt: skip
    app.engine.dispose()


def worker(slack, db_url: str, at: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": db_url, "SLACK_BOT_TOKEN": BOT_TOKEN,
           "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": slack.api_url}  # fmt: skip
    return subprocess.run([ROLECALL, "worker", "--once", "--at", at], env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def test_a_reminder_is_a_direct_message_with_task_buttons(slack, db_url):
    slack_workspace_with_a_task_due(db_url)
    assert worker(slack, db_url, stamp(0)).returncode == 0
    [opened] = slack.calls_to("conversations.open")
    [posted] = slack.calls_to("chat.postMessage")
    assert opened.params["users"] == "U2" and posted.params["channel"] == "DU2"
    assert "is due tomorrow" in posted.params["blocks"][0]["text"]["text"]
    actions = [e["action_id"] for e in posted.params["blocks"][-1]["elements"]]
    assert actions == ["task_start", "task_done", "task_snooze"]


def test_a_rate_limited_post_is_retried_after_retry_after_and_sent_once(slack, db_url):
    slack_workspace_with_a_task_due(db_url)
    slack.fail("chat.postMessage", times=1, status=429, retry_after=2)
    done = worker(slack, db_url, stamp(0))
    assert done.returncode == 0, done.stderr
    attempts = slack.calls_to("chat.postMessage")
    assert [a.status for a in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 2
    assert worker(slack, db_url, stamp(0, "10:05")).returncode == 0
    assert len(slack.calls_to("chat.postMessage")) == 2  # nothing sent twice


def test_a_permanent_error_is_recorded_not_swallowed(slack, db_url):
    slack_workspace_with_a_task_due(db_url)
    slack.fail("chat.postMessage", times=5, error="channel_not_found")
    worker(slack, db_url, stamp(0))
    env = {**os.environ, "DATABASE_URL": db_url}
    listing = subprocess.run([ROLECALL, "outbox"], env=env, capture_output=True, text=True,
                             timeout=60).stdout  # fmt: skip
    assert "failed" in listing and "channel_not_found" in listing
