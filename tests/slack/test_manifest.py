"""`rolecall slack-manifest`: every command, shortcut, event and scope the app uses."""

import subprocess

from adapters.slack.app import SCOPES
from adapters.slack.commands import VERBS
from adapters.slack.manifest import BOT_EVENTS
from tests.e2e.conftest import ROLECALL


def test_the_manifest_declares_everything_the_app_listens_to():
    text = subprocess.run([ROLECALL, "slack-manifest", "--url", "https://rc.example.com/"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    for name in VERBS:
        assert f'- command: "{name}"' in text
    for callback in ("log_as_task", "who_owns_this"):
        assert f'callback_id: "{callback}"' in text
    for item in (*BOT_EVENTS, *SCOPES):
        assert f'- "{item}"' in text
    assert 'request_url: "https://rc.example.com/slack/events"' in text
    assert '- "https://rc.example.com/slack/oauth_redirect"' in text
    assert "socket_mode_enabled: false" in text and "\t" not in text


def test_a_socket_mode_manifest_needs_no_public_url():
    text = subprocess.run([ROLECALL, "slack-manifest", "--socket-mode"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "socket_mode_enabled: true" in text and "url:" not in text
