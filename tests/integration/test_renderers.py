"""Block Kit and Adaptive Card renderers against arbitrary user text: always valid JSON, user
text escaped or plain, and within Slack's and Teams' limits (long lists cut with "and N
more", never a message the platform would reject)."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.slack.views import digest_details, notification_message, reply_message
from adapters.teams.cards import notification_card, reply_card
from domain.model.chat import Reply
from domain.standups.digest import Digest
from tests.slack.fake_slack import invalid_blocks

TEAMS_LIMIT = 28_000  # bytes of message Teams accepts, about
SLACK_TEXT = 40_000  # characters of a message's top-level text
SPECIALS = st.sampled_from([
    "<!channel>", "<@U123>", "[x](https://evil.example)", "${user}", "*bold*", "&amp;", "<", ">",
    "&", "\n", "é", "🎉", "\u202e",
])  # fmt: skip
TEXT = st.lists(st.one_of(st.text(max_size=400), SPECIALS), max_size=40).map("".join)
LONG = st.lists(TEXT, max_size=400).map("\n".join)
ITEMS = st.lists(TEXT, max_size=300)
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]
PROFILE = settings(max_examples=60, deadline=None, suppress_health_check=SLOW)


def slack_ok(message: dict) -> None:
    json.dumps(message)
    assert invalid_blocks(message) is None
    assert len(message["text"]) <= SLACK_TEXT
    for block in message["blocks"]:
        shown = block.get("text", {}).get("text", "")
        assert "<!" not in shown  # a broadcast is never live
        assert "](" not in shown or "<" not in shown.split("](")[1][:1]


def teams_ok(attachment: dict) -> str:
    """The card is within Teams' size and shows user text only as plain runs."""
    body = json.dumps(attachment, ensure_ascii=False)
    assert len(body.encode()) <= TEAMS_LIMIT
    card = attachment["content"]
    assert card["version"] == "1.5" and "${" not in body
    assert '"TextBlock"' not in body  # TextBlocks read markdown; RichTextBlock runs do not
    return body


@PROFILE
@given(LONG)
def test_any_reply_text_renders_for_both_platforms(text):
    reply = Reply(text)
    slack_ok(reply_message(reply))
    teams_ok(reply_card(reply, lambda t: t))


@PROFILE
@given(TEXT, st.lists(st.tuples(TEXT, ITEMS), max_size=8), st.lists(st.tuples(TEXT, ITEMS),
                                                                     max_size=60))  # fmt: skip
def test_any_digest_renders_within_limits(summary, sections, details):
    digest = Digest(summary or "Standup", sections, details)
    reply = Reply(digest.text, public=True, data=digest)
    slack_ok(reply_message(reply))
    slack_ok({"text": "Details by person", "blocks": digest_details(details)})
    teams_ok(reply_card(reply, lambda t: t))


@PROFILE
@given(st.sampled_from(["deadline", "overdue", "drift", "unplanned", "digest"]), LONG,
       st.lists(st.tuples(TEXT, ITEMS), max_size=40))  # fmt: skip
def test_any_notification_renders_within_limits(kind, text, details):
    payload = {"task": 7, "actions": ["start", "done", "snooze"]}
    if kind == "unplanned":
        payload = {"task": 7, "actions": ["approve", "defer"]}
    if kind == "digest":
        payload = {"summary": text[:500] or "Standup", "sections": [["Done", [text[:300]]]],
                   "details": [list(d) for d in details]}  # fmt: skip
    slack_ok(notification_message(kind, text, payload))
    teams_ok(notification_card(kind, text, payload, lambda t: t))


def test_a_long_list_is_cut_with_how_many_are_left_out():
    text = "\n".join(f"#{n} A task with a long enough title to add up {n}" for n in range(3000))
    slack = json.dumps(reply_message(Reply(text)))
    teams = teams_ok(reply_card(Reply(text), lambda t: t))
    assert "more parts" in slack and "more" in teams
