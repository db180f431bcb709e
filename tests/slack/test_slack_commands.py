"""Slash commands through the real server, answered through the fake response_url."""

import json
import time

from tests.slack.conftest import SIGNING_SECRET
from tests.slack.signing import answer_of, post, signed_headers, slash_command_body
from tests.support import iso


def command(server, slack, name: str, text: str, user="U1", team="T1", channel="C1"):
    key = f"r{time.monotonic_ns()}"
    body = slash_command_body(name, text, team_id=team, user_id=user, channel_id=channel,
                              response_url=slack.response_url(key))  # fmt: skip
    status, reply, _ = post(
        f"{server.url}/slack/events", body, signed_headers(body, SIGNING_SECRET)
    )
    assert status == 200, reply
    return answer_of(reply, slack, key)


def test_an_at_name_slack_did_not_make_a_mention_is_no_person(server, slack):
    """Slack sends a member's @name as <@U…>; "@vendorx" as typed is nobody in the team."""
    added = json.dumps(command(server, slack, "/task", "Pay @vendorx invoices"), ensure_ascii=False)
    assert "“Pay ＠vendorx invoices” for <@U1>" in added
    refused = json.dumps(command(server, slack, "/task", "assign #1 @vendorx"), ensure_ascii=False)
    assert "nobody in this workspace" in refused


def test_a_slash_task_adds_a_task_and_who_owns_answers_in_the_channel(server, slack):
    added = command(server, slack, "/task", f"Write release notes <@U2|bob> due {iso(5)}")
    assert added["response_type"] == "ephemeral"
    assert "Added #1" in json.dumps(added) and "<@U2>" in json.dumps(added)
    owner = command(server, slack, "/who-owns", "can we push the launch to March?")
    assert owner["response_type"] == "in_channel"
    assert "product manager" in owner["blocks"][0]["text"]["text"]
