"""A fake Slack Web API and the real `rolecall serve` pointed at it."""

import pytest

from tests.e2e.conftest import db_url as db_url  # the database fixture, shared
from tests.server import running_server
from tests.slack.fake_slack import FakeSlack

SIGNING_SECRET = "test-signing-secret-0123456789"
BOT_TOKEN = "xoxb-test-bot-token-secret"


@pytest.fixture
def slack():
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def server(slack, db_url, tmp_path):
    with serve(slack, db_url, tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN) as running:
        yield running


def serve(slack, db_url: str, tmp_path, **slack_env: str):
    """`rolecall serve` with Slack configured by `slack_env`, its Web API faked."""
    return running_server(db_url, tmp_path, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                          SLACK_API_URL=slack.api_url, **slack_env)  # fmt: skip
