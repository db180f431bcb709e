"""What a stranger sends to /slack/events: never a 500, never a traceback, never its body in
the log; one line with the reason and the size."""

import hashlib
import hmac
import json
import re
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

from tests.slack.conftest import SIGNING_SECRET
from tests.slack.signing import FORM, JSON, slash_command_body

MARK = "stranger-body-marker"
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def raw_post(url: str, body: bytes, headers: dict) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _DIRECT.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def signed(body: bytes, content_type: str = FORM, timestamp: str | None = None) -> dict:
    """Slack's headers over the exact bytes (the helpers in signing.py take text)."""
    timestamp = str(int(time.time())) if timestamp is None else timestamp
    base = b"v0:" + timestamp.encode() + b":" + body
    digest = hmac.new(SIGNING_SECRET.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}",
            "Content-Type": content_type}  # fmt: skip


def on_the_wire(text: str) -> str:
    """A header as raw UTF-8 bytes (urllib sends headers as Latin-1)."""
    return text.encode().decode("latin-1")


def with_timestamp(timestamp: str) -> dict:
    return {**signed(f"a={MARK}".encode()), "X-Slack-Request-Timestamp": timestamp}


def payload(value) -> bytes:
    return urlencode({"payload": json.dumps(value)}).encode()


def nonsense(body: bytes, content_type: str = FORM) -> tuple:
    """A body signed with the real secret, that Slack would never send: a 400."""
    return body, signed(body, content_type), {400}


def event(body: dict) -> bytes:
    return json.dumps({**body, "mark": MARK}).encode()


COMMAND = slash_command_body("/task", MARK).encode()
BROKEN = b'{"' + MARK.encode()
HOSTILE = {  # name: (body, headers, the statuses allowed)
    "non-numeric timestamp": (COMMAND, with_timestamp("abc"), {401}),
    "empty timestamp": (COMMAND, with_timestamp(""), {401}),
    "float timestamp": (COMMAND, with_timestamp(f"{time.time():.3f}"), {401}),
    "exponent timestamp": (COMMAND, with_timestamp("1.7e9"), {401}),
    "non-ASCII digits timestamp": (COMMAND, with_timestamp(on_the_wire("١٧٠٠٠٠٠٠٠٠")), {401}),
    "no headers at all": (COMMAND, {}, {401}),
    "unsigned command": (COMMAND, {"Content-Type": FORM}, {401}),
    "signature for another body": (COMMAND, signed(b"other"), {401}),
    "malformed signature": (COMMAND, {**signed(COMMAND), "X-Slack-Signature": "v0=zz"}, {401}),
    "non-ASCII signature": (
        COMMAND, {**signed(COMMAND), "X-Slack-Signature": on_the_wire("v0=é")}, {401}),
    "old timestamp": (COMMAND, signed(COMMAND, timestamp=str(int(time.time()) - 600)), {401}),
    "huge header": (COMMAND, {**signed(COMMAND), "X-Huge": "x" * 20_000}, {400, 431}),
    "unsigned broken JSON": (BROKEN, {"Content-Type": JSON}, {400, 401}),
    "unsigned non-UTF-8": (b"mark=\xff\xfe", {"Content-Type": FORM}, {400, 401}),
    "broken JSON": nonsense(BROKEN, JSON),
    "a JSON array": nonsense(f'["{MARK}"]'.encode(), JSON),
    "a JSON number": nonsense(b"42", JSON),
    "non-UTF-8 bytes": nonsense(b"mark=\xff\xfe"),
    "empty body": nonsense(b""),
    "payload= not JSON": nonsense(b"payload=%7B" + MARK.encode()),
    "payload a JSON array": nonsense(payload([MARK])),
    "payload a JSON string": nonsense(payload(MARK)),
    "form body sent as JSON": nonsense(COMMAND, JSON),
    "JSON nested too deep": nonsense(b"[" * 100_000, JSON),
    "team a number": nonsense(event({"team": 5}), JSON),
    "event a string": nonsense(event({"type": "event_callback", "event": "x"}), JSON),
    "mention without a user": nonsense(
        event({"type": "event_callback", "event": {"type": "app_mention"}}), JSON),
    "command without a user": nonsense(b"command=%2Ftask&text=" + MARK.encode()),
    "button without actions": nonsense(payload({"type": "block_actions", "user": {"id": "U"}})),
    "view a number": nonsense(payload({"type": "view_submission", "view": 5})),
    "nonsense words": (b"hello world", signed(b"hello world", "text/plain"), {400, 404}),
    "mention text a number": nonsense(event({"type": "event_callback", "event": {
        "type": "app_mention", "user": "U1", "channel": "C1", "text": 5}}), JSON),
    "direct message text null": nonsense(event({"type": "event_callback", "event": {
        "type": "message", "channel_type": "im", "user": "U1", "channel": "D1",
        "text": None, "ts": "1.2"}}), JSON),
}  # fmt: skip


def test_hostile_requests_are_refused_without_a_500_a_traceback_or_their_body_in_the_log(server):
    statuses = {name: raw_post(f"{server.url}/slack/events", body, headers)
                for name, (body, headers, _) in HOSTILE.items()}  # fmt: skip
    wrong = {name: status for name, status in statuses.items() if status not in HOSTILE[name][2]}
    assert wrong == {}
    time.sleep(0.3)
    log = server.log
    assert "Traceback" not in log and " 500 " not in log and " ERROR " not in log, log[-3000:]
    assert MARK not in log
    refusals = log.count("refused a request to /slack/events: ")
    assert refusals >= len(HOSTILE) - 2  # one line each (the huge header fails in aiohttp)


def test_a_megabyte_unauthenticated_post_adds_under_a_kilobyte_of_log(server):
    body = b"token=x&response_url=https%3A%2F%2Fhooks.example%2Fsecret&text=" + b"x" * 1_000_000
    before = len(server.log.encode())
    assert raw_post(f"{server.url}/slack/events", body, signed(b"not this body")) == 401
    time.sleep(0.3)
    log = server.log
    assert len(log.encode()) - before < 1024
    assert "hooks.example" not in log and "xxxxxxxx" not in log
    assert "refused a request to /slack/events: the signature does not match" in log
    assert f"({len(body)} bytes)" in log


def test_a_real_request_late_by_clock_skew_logs_the_skew_not_its_response_url(server, slack):
    body = slash_command_body("/task", "Late", response_url=slack.response_url("late-secret"))
    stale = signed(body.encode(), timestamp=str(int(time.time()) - 3600))
    assert raw_post(f"{server.url}/slack/events", body.encode(), stale) == 401
    time.sleep(0.3)
    assert "late-secret" not in server.log and "Late" not in server.log
    assert re.search(r"X-Slack-Request-Timestamp is -36\d\d s from this clock", server.log)
