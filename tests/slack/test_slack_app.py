"""The Slack adapter's acceptance, through the real `rolecall serve` and a fake Slack."""

import json
import time

import pytest
from sqlalchemy import func, select

from adapters.persistence.database import make_engine
from adapters.persistence.tables import tasks
from tests.slack.conftest import BOT_TOKEN, SIGNING_SECRET
from tests.slack.signing import (
    answer_of,
    event_body,
    interaction_body,
    post,
    signed_headers,
    slash_command_body,
)
from tests.support import iso


def send(server, body: str, extra_headers: dict | None = None, timestamp=None):
    headers = {**signed_headers(body, SIGNING_SECRET, timestamp), **(extra_headers or {})}
    return post(f"{server.url}/slack/events", body, headers)


def command(server, slack, name: str, text: str, user="U1", team="T1", channel="C1"):
    key = f"r{time.monotonic_ns()}"
    body = slash_command_body(name, text, team_id=team, user_id=user, channel_id=channel,
                              response_url=slack.response_url(key))  # fmt: skip
    status, reply, _ = send(server, body)
    assert status == 200, reply
    return answer_of(reply, slack, key)


def shown(message: dict) -> str:
    """All the mrkdwn a message shows."""
    return "\n".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")


def task_count(db_url: str) -> int:
    engine = make_engine(db_url)
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(tasks)).scalar_one()
    engine.dispose()
    return count


def test_every_command_answers_as_the_terminal_chat_does(server, slack):
    replies = {
        "/product": ("add Web Store pm <@U7|alice>", "Product Web Store added, product manager"),
        "/project": ("add Checkout for Web Store pm <@U8|dave>", "Project Checkout added"),
        "/task": (f"Write notes due {iso(5)} in Checkout", "Added #1"),
        "/who-owns": ("the budget for contractors", "Owner: the project manager, <@U8>"),
        "/decision": ("log We ship in March", "Decision D1 logged"),
        "/standup": ("at 09:30 tz Europe/Berlin", "Standup digest for #C1"),
        "/rolecall": ("roles", "Web Store: product manager <@U7>"),
    }
    for name, (text, expected) in replies.items():
        assert expected in shown(command(server, slack, name, text)), name
    assert "task list" in shown(command(server, slack, "/rolecall", "help"))
    assert "#1 Write notes" in shown(command(server, slack, "/task", "list"))


def test_a_bad_signature_or_an_old_timestamp_is_refused_and_writes_nothing(server, slack, db_url):
    body = slash_command_body("/task", "Sneaky task", response_url=slack.response_url("x"))
    forged = {**signed_headers(body, "not-the-secret")}
    assert post(f"{server.url}/slack/events", body, forged)[0] == 401
    assert send(server, body, timestamp=int(time.time()) - 6 * 60)[0] == 401
    assert task_count(db_url) == 0 and slack.responses("x") == []


def test_url_verification_echoes_the_challenge(server):
    body = json.dumps({"type": "url_verification", "challenge": "c-123", "token": "t"})
    status, text, _ = send(server, body)
    assert status == 200 and json.loads(text)["challenge"] == "c-123"


def test_a_retried_mention_creates_one_task(server, slack, db_url):
    event = {"type": "app_mention", "user": "U1", "channel": "C1", "ts": "1.1",
             "text": "<@UBOT> task add Only once please"}  # fmt: skip
    body = event_body(event, event_id="EvRetry1")
    assert send(server, body)[0] == 200
    try:
        slack.wait_for("chat.postEphemeral")
    except AssertionError as error:
        raise AssertionError(f"{error}\n{server.log}") from None
    assert (
        send(server, body, {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "timeout"})[0] == 200
    )
    time.sleep(1)
    assert task_count(db_url) == 1
    assert len(slack.calls_to("chat.postEphemeral")) == 1


def test_user_text_cannot_ping_or_disguise_a_link(server, slack):
    reply = command(
        server, slack, "/task", "Hi <!channel> see <https://evil.example|https://bank.example>"
    )
    text = shown(reply)
    assert "<!channel>" not in text and "<https://" not in text
    assert "＠channel" in text and "https://bank.example" in text
    assert "for <@U1>" in text  # a broadcast is text, never the task's assignee
    assert all(b["text"]["verbatim"] for b in reply["blocks"] if b["type"] == "section")
    reply = command(server, slack, "/task", "Literal &lt;!here&gt; &amp; friends")
    assert "&lt;!here&gt; &amp; friends" in shown(reply)


def test_a_single_workspace_install_ignores_other_teams(server, slack, db_url):
    command(server, slack, "/task", "Team one secret", team="T1")
    key = "other-team"
    body = slash_command_body(
        "/task", "done #1", team_id="T2", response_url=slack.response_url(key)
    )
    status, text, _ = send(server, body)
    time.sleep(1)
    assert status == 200 and "secret" not in text and slack.responses(key) == []
    assert "☐ #1 Team one secret" in shown(command(server, slack, "/task", "list", team="T1"))


def test_the_modal_creates_the_task_and_buttons_change_it(server, slack, db_url):
    command(server, slack, "/project", "add Checkout pm <@U8|dave>")
    key = "modal"
    opened = command_without_text(server, slack)
    assert opened.params["view"]["callback_id"] == "task_modal"
    values = {
        "title": {"value": {"type": "plain_text_input", "value": "From the modal"}},
        "assignee": {"value": {"type": "users_select", "selected_user": "U3"}},
        "due": {"value": {"type": "datepicker", "selected_date": iso(5)}},
        "project": {"value": {"type": "static_select", "selected_option": {"value": "Checkout"}}},
    }
    metadata = opened.params["view"]["private_metadata"]  # as the modal was opened
    view = {"id": "V1", "type": "modal", "callback_id": "task_modal", "team_id": "T1",
            "private_metadata": metadata, "state": {"values": values}}  # fmt: skip
    body = interaction_body({"type": "view_submission", "team": {"id": "T1"},
                             "user": {"id": "U1"}, "view": view, "api_app_id": "A1"})  # fmt: skip
    status, text, _ = send(server, body)
    assert status == 200 and text in ("", "{}"), text  # acknowledged before the work
    [confirmation] = slack.wait_for_responses("empty")  # through the command's response_url
    assert "Added #1 “From the modal” for <@U3>" in shown(confirmation)
    assert task_count(db_url) == 1
    for verb, expected in (("start", "Started: #1"), ("snooze", "Snoozed #1"),
                           ("done", "Done: #1")):  # fmt: skip
        response = click(server, slack, f"task_{verb}", 1, key + verb)
        assert response.get("replace_original") is True and expected in shown(response)
    listing = shown(command(server, slack, "/task", "list done"))
    assert "#1 From the modal" in listing and "<@U3>" in listing
    stale = click(server, slack, "task_start", 1, "stale")  # the old card's Start, after Done
    assert stale["response_type"] == "ephemeral" and "task reopen #1" in shown(stale)
    for forged in ("abc", "", "99999999999999999999999"):
        response = click(server, slack, "task_done", forged, f"forged{forged}")
        assert "That button is out of date" in response["text"]


def test_approve_logs_a_decision_and_updates_the_notice(server, slack):
    command(server, slack, "/project", "add Checkout pm <@U8|dave>")
    command(server, slack, "/project", "baseline Checkout")
    command(server, slack, "/task", "Surprise work in Checkout", user="U2")
    response = click(server, slack, "task_approve", 1, "approve", user="U8")
    assert response["replace_original"] is True and "Approved #1 into scope" in shown(response)
    assert "[confirmed] Approve #1" in shown(command(server, slack, "/decision", "list"))


def test_defer_drops_unplanned_work(server, slack):
    command(server, slack, "/project", "add Checkout pm <@U8|dave>")
    command(server, slack, "/project", "baseline Checkout")
    command(server, slack, "/task", "Nice to have in Checkout", user="U2")
    response = click(server, slack, "task_defer", 1, "defer", user="U8")
    assert "Deferred #1" in shown(response)
    assert "Open tasks: none" in shown(command(server, slack, "/task", "list"))


def test_standup_now_posts_the_summary_and_the_details_in_its_thread(server, slack):
    command(server, slack, "/task", "Something underway")
    command(server, slack, "/task", "start #1")
    body = slash_command_body("/standup", "now", response_url=slack.response_url("standup"))
    assert send(server, body)[0] == 200
    summary, details = slack.wait_for("chat.postMessage", count=2)
    assert "Standup for #C1" in shown(summary.params) and "In progress" in shown(summary.params)
    assert details.params["thread_ts"] and "<@U1>: doing #1" in shown(details.params)


def test_tokens_and_secrets_never_reach_the_log(server, slack):
    command(server, slack, "/task", "Anything")
    assert BOT_TOKEN not in server.log and SIGNING_SECRET not in server.log


def command_without_text(server, slack):
    body = slash_command_body("/task", "", response_url=slack.response_url("empty"))
    assert send(server, body)[0] == 200
    return slack.wait_for("views.open")[0]


def click(server, slack, action_id: str, number: int | str, key: str, user="U1") -> dict:
    payload = {
        "type": "block_actions", "team": {"id": "T1"}, "user": {"id": user}, "api_app_id": "A1",
        "channel": {"id": "C1"}, "response_url": slack.response_url(key), "trigger_id": "t",
        "container": {"type": "message", "message_ts": "1.2", "channel_id": "C1"},
        "message": {"ts": "1.2", "text": "x"},
        "actions": [{"action_id": action_id, "block_id": f"task:{number}", "value": str(number),
                     "type": "button", "action_ts": "1.3"}],
    }  # fmt: skip
    assert send(server, interaction_body(payload))[0] == 200
    return slack.wait_for_responses(key)[0]


@pytest.fixture(autouse=True)
def _people(slack):
    slack.users.update({"U7": {"name": "alice", "tz": "Europe/Berlin"},
                        "U8": {"name": "dave", "tz": "America/New_York"}})  # fmt: skip


def test_a_direct_message_takes_commands_and_is_answered_in_the_dm(server, slack, db_url):
    event = {"type": "message", "channel_type": "im", "user": "U1", "channel": "D1",
             "ts": "2.1", "text": "task add Via a direct message"}  # fmt: skip
    assert send(server, event_body(event, event_id="EvDm1"))[0] == 200
    [posted] = slack.wait_for("chat.postMessage")
    assert posted.params["channel"] == "D1" and "Added #1" in shown(posted.params)
    assert task_count(db_url) == 1


def test_app_home_shows_my_tasks_and_roles(server, slack):
    command(server, slack, "/project", "add Checkout pm <@U1|me>")
    command(server, slack, "/task", f"Mine to do due {iso(1)}")
    event = {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"}
    assert send(server, event_body(event, event_id="EvHome1"))[0] == 200
    [published] = slack.wait_for("views.publish")
    view = json.dumps(published.params["view"])
    assert published.params["user_id"] == "U1"
    assert "Mine to do" in view and "project manager of Checkout" in view


def message_shortcut(slack, callback_id: str, ts: str, text: str) -> str:
    return interaction_body({
        "type": "message_action", "callback_id": callback_id, "trigger_id": f"t{ts}",
        "team": {"id": "T1"}, "user": {"id": "U1"}, "channel": {"id": "C1"},
        "response_url": slack.response_url(callback_id), "api_app_id": "A1",
        "message": {"ts": ts, "text": text},
    })  # fmt: skip


def test_log_as_task_prefills_the_modal_and_answers_in_the_thread(server, slack, db_url):
    text = "Fix the <https://x.example|login> flow"
    assert send(server, message_shortcut(slack, "log_as_task", "5.5", text))[0] == 200
    [opened] = slack.wait_for("views.open")
    view = opened.params["view"]
    assert view["blocks"][0]["element"]["initial_value"] == "Fix the login flow"
    values = {"title": {"value": {"type": "plain_text_input", "value": "Fix the login flow"}}}
    submitted = {**view, "id": "V2", "state": {"values": values}}
    submission = {"type": "view_submission", "team": {"id": "T1"}, "user": {"id": "U1"},
                  "view": submitted, "api_app_id": "A1"}  # fmt: skip
    assert send(server, interaction_body(submission))[0] == 200
    [answer] = slack.wait_for("chat.postMessage")
    assert answer.params["thread_ts"] == "5.5" and "Added #1" in shown(answer.params)
    assert "From: https://" in shown(answer.params)  # the link back to the message


def test_who_owns_this_answers_in_the_messages_thread(server, slack):
    text = "Can we slip the beta deadline by a week?"
    assert send(server, message_shortcut(slack, "who_owns_this", "6.6", text))[0] == 200
    [answer] = slack.wait_for("chat.postMessage")
    assert answer.params["thread_ts"] == "6.6"
    assert "project manager" in shown(answer.params).splitlines()[0]


def test_who_owns_this_on_a_message_that_is_no_question_tells_only_its_asker(server, slack):
    assert send(server, message_shortcut(slack, "who_owns_this", "7.7", ""))[0] == 200
    [answer] = slack.wait_for_responses("who_owns_this")
    assert answer["response_type"] == "ephemeral" and "Ask a question" in shown(answer)
    assert slack.calls_to("chat.postMessage") == []


def test_a_long_checkin_still_makes_a_valid_digest_thread(server, slack):
    long = " ".join(["word"] * 190)  # ~950 characters per section
    command(server, slack, "/rolecall", f"checkin yesterday: {long} today: {long} blockers: {long}")
    body = slash_command_body("/standup", "now", response_url=slack.response_url("long"))
    assert send(server, body)[0] == 200
    summary, details = slack.wait_for("chat.postMessage", count=2)
    assert summary.status == details.status == 200 and details.response["ok"]


def test_a_task_read_by_a_rule_carries_an_undo_button_that_drops_it(server, slack, db_url):
    added = command(server, slack, "/task", "Write the notes by friday")
    assert "Read “by friday” as the due date" in shown(added)
    [undo] = [e for b in added["blocks"] if b["type"] == "actions" for e in b["elements"]
              if e["text"]["text"] == "Undo"]  # fmt: skip
    assert undo["action_id"] == "task_drop"
    response = click(server, slack, "task_drop", 1, "undo")
    assert response.get("replace_original") is True and "Dropped: #1" in shown(response)
