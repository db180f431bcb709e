"""A single workspace's bot token is checked with auth.test as `rolecall serve` starts, not
in the first user's request: a token Slack refuses stops the start with a clear message,
Slack out of reach is a warning and the first request checks again."""

import json
import os
import socket
import subprocess

from tests.e2e.conftest import ROLECALL
from tests.slack.conftest import BOT_TOKEN, SIGNING_SECRET, serve
from tests.slack.test_slack_app import command


def test_the_bot_token_is_checked_at_start_not_in_the_first_request(server, slack):
    [checked] = slack.calls_to("auth.test")  # healthy before any request was sent
    assert checked.token == BOT_TOKEN
    assert "Added #1" in json.dumps(command(server, slack, "/task", "First"))
    assert len(slack.calls_to("auth.test")) == 1
    assert "Slack: the bot token is for team T1" in server.log


def test_a_token_slack_refuses_stops_the_start_with_a_clear_message(slack, db_url):
    slack.fail("auth.test", error="invalid_auth")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": db_url, "PORT": str(port), "HOST": "127.0.0.1",
           "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_BOT_TOKEN": BOT_TOKEN,
           "SLACK_API_URL": slack.api_url}  # fmt: skip
    done = subprocess.run([ROLECALL, "serve", "--no-scheduler"], env=env, capture_output=True,
                          text=True, timeout=90)  # fmt: skip
    assert done.returncode == 2
    assert "Slack refused SLACK_BOT_TOKEN (invalid_auth)" in done.stderr
    assert "Traceback" not in done.stderr and BOT_TOKEN not in done.stderr


def test_slack_out_of_reach_at_start_is_a_warning_and_the_first_request_checks_again(
    slack, db_url, tmp_path
):
    slack.fail("auth.test", status=429)
    with serve(slack, db_url, tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN) as running:
        assert "could not check the bot token at start (ratelimited)" in running.log
        assert "Added #1" in json.dumps(command(running, slack, "/task", "First"))
    assert len(slack.calls_to("auth.test")) == 2
