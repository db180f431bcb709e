"""What `/slack/events` checks before bolt sees a request: an integer timestamp, Slack's
signature over the exact bytes, and a body bolt can read as an object. Whatever a stranger
sends is refused here with a 400 or 401 and one log line (the reason and the size), never its
body: bolt's own check, which stays on behind this one, would log the whole body."""

import logging
import re

from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.request.internals import (
    build_normalized_headers,
    extract_content_type,
    parse_body,
)
from slack_sdk.signature import SignatureVerifier

from adapters.slack.shape import misshapen

log = logging.getLogger(__name__)
MAX_SKEW = 5 * 60  # seconds: Slack's own rule, and bolt's
_TIMESTAMP = re.compile(r"[0-9]{1,12}")  # seconds since 1970 as Slack sends them, ASCII only
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


class Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


def bolt_request(raw: bytes, headers, query: str, verifier: SignatureVerifier) -> AsyncBoltRequest:
    """The request for bolt when Slack signed it and bolt can read it; else `Refused`."""
    text = _signed_text(raw, headers, verifier)
    try:  # bolt parses the body again and reads ids from it as it builds the request
        body = parse_body(text, extract_content_type(build_normalized_headers(headers)))
        if text and isinstance(body, dict) and not (field := misshapen(body)):
            return AsyncBoltRequest(body=text, query=query, headers=headers)
        reason = f"{field} is not as Slack sends it" if text and isinstance(body, dict) else ""
    except (ValueError, TypeError, AttributeError, KeyError, RecursionError):
        reason = ""
    raise Refused(400, reason or "the body is not a Slack payload")


def log_refused(refused: Refused, size: int) -> None:
    log.warning("refused a request to /slack/events: %s (%d bytes)", refused.reason, size)


def _signed_text(raw: bytes, headers, verifier: SignatureVerifier) -> str:
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    if not _TIMESTAMP.fullmatch(timestamp):
        raise Refused(401, "no integer X-Slack-Request-Timestamp")
    skew = int(timestamp) - verifier.clock.now()  # negative: sent in the past
    if abs(skew) > MAX_SKEW:  # a real request too, when this machine's clock is wrong
        raise Refused(401, f"X-Slack-Request-Timestamp is {skew:+.0f} s from this clock")
    if not _SIGNATURE.fullmatch(signature):
        raise Refused(401, "no well-formed X-Slack-Signature")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the body is not UTF-8") from None
    if not verifier.is_valid(text, timestamp, signature):
        raise Refused(401, "the signature does not match")
    return text
