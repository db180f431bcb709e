"""The fake Slack answers the real slack_sdk clients, and the signing helpers sign like Slack."""

import asyncio
import json
import threading
import time

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook import WebhookClient

from tests.slack.signing import (
    event_body,
    interaction_body,
    post,
    signed_headers,
    slash_command_body,
)

SECRET = "test-signing-secret"
BLOCKS = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Hello*"}}]


@pytest.fixture
def client(slack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=slack.api_url)


def test_the_fake_listens_on_localhost_at_the_api_path(slack):
    assert slack.api_url == f"http://127.0.0.1:{slack.port}/api/"


def test_post_message_records_json_blocks_and_the_bearer_token(slack, client):
    response = client.chat_postMessage(channel="C1", text="Hello", blocks=BLOCKS)

    assert response["ok"] and response["channel"] == "C1"
    assert response["message"]["blocks"] == BLOCKS
    [call] = slack.calls_to("chat.postMessage")
    assert call.params == {"channel": "C1", "text": "Hello", "blocks": BLOCKS}
    assert call.token == "xoxb-test"


def test_message_timestamps_increase_like_slacks(client):
    first = client.chat_postMessage(channel="C1", text="one")["ts"]
    second = client.chat_postMessage(channel="C1", text="two")["ts"]

    assert first == "1700000000.000100"
    assert float(second) > float(first)


def test_users_info_has_the_configured_profile_and_time_zone(slack, client):
    slack.users["U123"] = {"name": "erin", "real_name": "Erin Diaz", "tz": "Europe/Berlin"}

    user = client.users_info(user="U123")["user"]

    assert user["name"] == "erin" and user["profile"]["display_name"] == "erin"
    assert user["tz"] == "Europe/Berlin" and user["tz_offset"] in (3600, 7200)


def test_an_unconfigured_user_is_in_utc(client):
    user = client.users_info(user="U9")["user"]

    assert (user["id"], user["tz"], user["tz_offset"]) == ("U9", "UTC", 0)


def test_conversations_open_gives_a_dm_channel_for_the_user(slack, client):
    channel = client.conversations_open(users="U123")["channel"]

    assert channel["id"] == "DU123"
    assert slack.calls_to("conversations.open")[0].params == {"users": "U123"}


def test_a_form_encoded_json_param_is_decoded(slack, client):
    client.api_call("chat.postMessage", data={"channel": "C1", "blocks": json.dumps(BLOCKS)})

    assert slack.calls_to("chat.postMessage")[0].params["blocks"] == BLOCKS


def test_a_token_param_is_recorded_as_the_token(slack):
    WebClient(base_url=slack.api_url).api_call("auth.test", params={"token": "xoxb-param"})

    [call] = slack.calls_to("auth.test")
    assert call.token == "xoxb-param" and "token" not in call.params


def test_views_open_returns_the_view_with_an_id(slack, client):
    title = {"type": "plain_text", "text": "Add a task"}
    view = {"type": "modal", "callback_id": "add_task", "title": title}

    opened = client.views_open(trigger_id="1337.1", view=view)["view"]

    assert opened["id"].startswith("V") and opened["callback_id"] == "add_task"
    assert slack.calls_to("views.open")[0].params["view"] == view


def test_oauth_install_returns_a_bot_token_for_the_configured_team(slack):
    slack.team_id, slack.team_name = "T42", "Globex"

    install = WebClient(base_url=slack.api_url).oauth_v2_access(
        client_id="111.222", client_secret="shh", code="the-code"
    )

    assert install["access_token"].startswith("xoxb-") and install["team"]["id"] == "T42"
    assert install["enterprise"] is None and install["is_enterprise_install"] is False
    assert slack.calls_to("oauth.v2.access")[0].params["client_id"] == "111.222"


def test_an_unknown_method_is_an_api_error(client):
    with pytest.raises(SlackApiError) as raised:
        client.api_call("bogus.method")

    assert raised.value.response["error"] == "unknown_method"


def test_the_async_client_gets_the_same_answers(slack):
    async def use_slack() -> tuple:
        client = AsyncWebClient(token="xoxb-async", base_url=slack.api_url)
        posted = await client.chat_postMessage(channel="C1", text="Hi", blocks=BLOCKS)
        user = await client.users_info(user="U1")
        channel = await client.conversations_open(users="U1")
        return posted["ts"], user["user"]["tz"], channel["channel"]["id"]

    assert asyncio.run(use_slack()) == ("1700000000.000100", "UTC", "DU1")
    assert slack.calls_to("chat.postMessage")[0].params["blocks"] == BLOCKS
    assert {call.token for call in slack.calls} == {"xoxb-async"}


def test_a_rate_limited_call_is_retried_after_retry_after(slack, client):
    slack.fail("chat.postMessage", times=1, status=429, retry_after=1)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=1))

    assert client.chat_postMessage(channel="C1", text="Hi")["ok"]

    refused, accepted = slack.calls_to("chat.postMessage")
    assert (refused.status, refused.response) == (429, {"ok": False, "error": "ratelimited"})
    assert accepted.at - refused.at >= 1


def test_the_async_client_also_waits_for_retry_after(slack):
    slack.fail("chat.postMessage", times=1, status=429, retry_after=1)

    async def post_once() -> bool:
        client = AsyncWebClient(token="xoxb-test", base_url=slack.api_url)
        client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=1))
        return (await client.chat_postMessage(channel="C1", text="Hi"))["ok"]

    assert asyncio.run(post_once())
    refused, accepted = slack.calls_to("chat.postMessage")
    assert accepted.at - refused.at >= 1


def test_without_a_retry_handler_a_rate_limit_raises_with_the_header(slack, client):
    slack.fail("chat.postMessage", status=429, retry_after=7)

    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C1", text="Hi")

    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["retry-after"] == "7"


def test_a_permanent_error_raises_and_later_calls_succeed(slack, client):
    slack.fail("chat.postMessage", times=1, error="channel_not_found")

    with pytest.raises(SlackApiError, match="channel_not_found"):
        client.chat_postMessage(channel="C404", text="Hi")

    assert client.chat_postMessage(channel="C1", text="Hi")["ok"]
    assert len(slack.calls_to("chat.postMessage")) == 2


def test_wait_for_returns_once_a_background_call_arrives(slack, client):
    later = threading.Timer(0.2, lambda: client.chat_delete(channel="C1", ts="1.2"))
    later.start()

    [call] = slack.wait_for("chat.delete", timeout=5)

    later.join()
    assert call.params == {"channel": "C1", "ts": "1.2"}


def test_wait_for_times_out_with_the_methods_it_saw(slack, client):
    client.auth_test()
    started = time.monotonic()

    with pytest.raises(AssertionError, match=r"auth\.test"):
        slack.wait_for("chat.postMessage", timeout=0.2)

    assert time.monotonic() - started < 2


def test_posts_to_a_response_url_are_recorded(slack):
    url = slack.response_url("cmd1")

    response = WebhookClient(url).send(text="Added #1", response_type="ephemeral")

    assert response.status_code == 200
    assert slack.wait_for_responses("cmd1") == [{"text": "Added #1", "response_type": "ephemeral"}]
    assert slack.responses("other") == []


def test_signed_headers_pass_slacks_own_verifier():
    body = slash_command_body("/task", "add Write notes @bob")
    headers = signed_headers(body, SECRET)
    verifier = SignatureVerifier(SECRET)

    timestamp, signature = headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"]
    assert verifier.is_valid(body, timestamp, signature)
    assert not verifier.is_valid(body + "x", timestamp, signature)
    assert not SignatureVerifier("wrong").is_valid(body, timestamp, signature)


def test_an_old_timestamp_is_signed_but_rejected_as_stale():
    body = interaction_body({"type": "block_actions"})
    headers = signed_headers(body, SECRET, timestamp=int(time.time()) - 600)

    assert not SignatureVerifier(SECRET).is_valid_request(body, headers)


def test_bodies_have_slacks_content_types():
    event = event_body({"type": "app_mention", "text": "<@UBOT> hi"}, team_id="T9")

    assert signed_headers(event, SECRET)["Content-Type"] == "application/json"
    assert signed_headers(slash_command_body("/who-owns", "x"), SECRET)["Content-Type"] == (
        "application/x-www-form-urlencoded"
    )
    envelope = json.loads(event)
    assert envelope["type"] == "event_callback" and envelope["authorizations"][0]["team_id"] == "T9"


def test_post_sends_a_signed_body_and_returns_the_status(slack):
    body = interaction_body({"type": "block_actions", "actions": []})

    status, text, headers = post(slack.response_url("signed"), body, signed_headers(body, SECRET))

    assert (status, json.loads(text)) == (200, {"ok": True})
    assert headers["Content-Type"].startswith("application/json")
    [recorded] = slack.responses("signed")
    assert json.loads(recorded["payload"]) == {"type": "block_actions", "actions": []}


def test_post_returns_error_statuses_instead_of_raising(slack):
    status, _, _ = post(f"{slack.base_url}/nowhere", "x=1", signed_headers("x=1", SECRET))

    assert status == 404


def test_the_fake_rejects_blocks_real_slack_would_reject(slack, client):
    empty = [{"type": "section", "text": {"type": "mrkdwn", "text": ""}}]
    with pytest.raises(SlackApiError, match="invalid_blocks"):
        client.chat_postMessage(channel="C1", text="x", blocks=empty)
    many = [{"type": "section", "text": {"type": "mrkdwn", "text": "x"}}] * 51
    with pytest.raises(SlackApiError, match="invalid_blocks"):
        client.chat_postMessage(channel="C1", text="x", blocks=many)


def test_a_delayed_method_answers_late_and_others_at_once(slack, client):
    slack.delay("auth.test", 0.5)
    started = time.monotonic()
    assert client.auth_test()["ok"]
    assert time.monotonic() - started >= 0.5
    started = time.monotonic()
    assert client.chat_postMessage(channel="C1", text="Hi")["ok"]
    assert time.monotonic() - started < 0.5
