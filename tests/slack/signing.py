"""Build requests the way Slack sends them to /slack/events, signed with a signing secret.

body = slash_command_body("/task", "add Write notes @bob", response_url=slack.response_url("r"))
status, text, headers = post(f"{server}/slack/events", body, signed_headers(body, SECRET))
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

# Port 9 (discard) on localhost refuses at once: a test that forgets to pass its fake's
# response URL fails fast instead of reaching hooks.slack.com.
NO_RESPONSE_URL = "http://127.0.0.1:9/response/unset"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # ignore *_proxy env


def signed_headers(body: str, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """Slack's request-signing headers for ``body`` (Content-Type guessed from the body)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)
    return {
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": signature or "",
        "Content-Type": JSON if body.lstrip().startswith("{") else FORM,
    }


def slash_command_body(
    command: str,
    text: str,
    team_id: str = "T1",
    user_id: str = "U1",
    channel_id: str = "C1",
    response_url: str = NO_RESPONSE_URL,
    trigger_id: str = "1337.4242.abcdef",
) -> str:
    """A slash command as Slack posts it: form-encoded."""
    return urlencode(
        {
            "token": "verification-token",
            "team_id": team_id,
            "team_domain": team_id.lower(),
            "channel_id": channel_id,
            "channel_name": "general",
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": "A1",
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
    )


def event_body(
    event: dict[str, Any], team_id: str = "T1", event_id: str = "Ev1", api_app_id: str = "A1"
) -> str:
    """An Events API ``event_callback`` envelope around ``event``, as JSON."""
    return json.dumps(
        {
            "token": "verification-token",
            "team_id": team_id,
            "api_app_id": api_app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": team_id,
                    "user_id": "UBOT",
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": f"4-{event_id}",
        }
    )


def interaction_body(payload: dict[str, Any]) -> str:
    """A block action, view submission or shortcut as Slack posts it: ``payload=<json>``."""
    return urlencode({"payload": json.dumps(payload)})


def post(
    url: str, body: str, headers: dict[str, str], timeout: float = 10
) -> tuple[int, str, dict[str, str]]:
    """POST ``body`` and return (status, text, headers), for error statuses too."""
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    try:
        with _DIRECT.open(request, timeout=timeout) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def answer_of(reply: str, slack, key: str) -> dict:
    """A slash command's answer as Slack shows it: the acknowledgement's own body when RoleCall
    answered in time, else what it posted to the command's response URL (`key`)."""
    if reply.strip().startswith("{"):
        return json.loads(reply)
    return slack.wait_for_responses(key)[0]
