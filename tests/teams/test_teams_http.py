"""The Teams adapter's acceptance through the real `rolecall serve` and a local connector."""

import json
import os
import subprocess
import urllib.error
import urllib.request
from itertools import count

from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import func, select

from adapters.persistence.database import make_engine
from adapters.persistence.tables import outbox, tasks, teams_conversations
from domain.model.calendar import show_day
from tests.e2e.conftest import ROLECALL, Cli
from tests.support import SETUP, day, iso, stamp
from tests.teams.conftest import APP_ID

_ids = count(1)
ERIN = {"id": "29:erin-teams-id", "name": "erin", "aadObjectId": "aad-erin"}
BOT = {"id": "28:rolecall", "name": "RoleCall"}


def activity(connector, text: str, user=ERIN, tenant="tenant-a", conversation=None,
             kind="personal", **extra) -> dict:  # fmt: skip
    conversation = conversation or f"a:{tenant}-{user['id']}"
    return {
        "type": "message", "id": f"activity-{next(_ids)}", "text": text, "from": user,
        "recipient": BOT, "channelId": "msteams", "serviceUrl": connector.service_url,
        "conversation": {"id": conversation, "tenantId": tenant, "conversationType": kind},
        "channelData": {"tenant": {"id": tenant}}, **extra,
    }  # fmt: skip


def post(server, body: dict | bytes, headers: dict | None = None) -> int:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(f"{server.url}/api/messages", data=data, method="POST",
                                     headers={"Content-Type": "application/json",
                                              **(headers or {})})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def say(server, connector, text: str, **kw) -> str:
    """Send a message and return the text of the card the bot answered with."""
    before = len(connector.posts)
    assert post(server, activity(connector, text, **kw)) in (200, 201)
    return connector.wait_for(before + 1)[before].text


def count_rows(db_url: str, table) -> int:
    engine = make_engine(db_url)
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(table)).scalar_one()
    engine.dispose()
    return total


def worker(db_url: str, at: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": db_url}
    done = subprocess.run([ROLECALL, "worker", "--once", "--at", at], env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


BAD = ("task add Something due the day after never", "task done #99")
SCRIPT = (
    *SETUP,
    f"task add Write release notes @alice due {iso(5)} in Checkout",
    "task list",
    "who owns the budget for contractors",
    "decision log We ship in March in Checkout",
    "task done #1",
    *BAD,
    "project drift",
    "roles",
)


def test_the_terminal_chats_script_gets_the_same_answers_through_teams(server, connector,
                                                                        db_url):  # fmt: skip
    console = Cli(db_url).chat(list(SCRIPT), workspace="acme", user="erin")
    for line, expected in zip(SCRIPT, console, strict=True):
        shown = say(server, connector, line)
        assert lines(shown) == lines(expected["text"].replace("@erin", "erin")), line
    assert [r["ok"] for r in console if r["input"] in BAD] == [False, False]


def test_replies_are_threaded_cards_to_the_activity_unauthenticated_locally(server, connector):
    before = len(connector.posts)
    body = activity(connector, "<at>RoleCall</at> help", entities=[
        {"type": "mention", "text": "<at>RoleCall</at>", "mentioned": BOT}])  # fmt: skip
    assert post(server, body) == 201
    [reply] = connector.wait_for(before + 1)[before:]
    assert reply.kind == "reply" and reply.authorization is None
    assert reply.card["version"] == "1.5" and reply.card["fallbackText"]
    assert "task add" in reply.text and reply.activity["summary"]


def test_a_resent_activity_id_creates_one_task(server, connector, db_url):
    body = activity(connector, "task add Only once")
    assert post(server, body) == 201 and post(server, body) == 201
    connector.wait_for(1)
    assert count_rows(db_url, tasks) == 1 and len(connector.posts) == 1


def test_a_task_number_from_another_tenant_is_not_found(server, connector):
    assert "Added #1" in say(server, connector, "task add Tenant A secret", tenant="tenant-a")
    assert "no task #1" in say(server, connector, "task done #1", tenant="tenant-b")
    assert "secret" not in say(server, connector, "task list", tenant="tenant-b")


def test_bad_requests_are_4xx_never_500(server, connector):
    assert post(server, b"{not json") == 400
    assert post(server, b'["a list"]') == 400
    assert post(server, {"text": "no type"}) == 400
    assert post(server, b"{}", {"Content-Type": "text/plain"}) == 415
    nobody = {k: v for k, v in activity(connector, "help").items() if k != "from"}
    assert post(server, nobody) == 400
    nowhere = {**activity(connector, "help"), "conversation": {"id": ""}}
    assert post(server, nowhere) == 400
    card_action = {**activity(connector, ""), "type": "invoke", "name": "adaptiveCard/action"}
    assert post(server, card_action) < 500
    assert post(server, {**activity(connector, "help"), "deliveryMode": "expectReplies"}) < 500
    assert "Traceback" not in server.log


def test_without_an_app_id_only_a_local_service_url_is_answered(server, connector):
    elsewhere = {**activity(connector, "task add Probe"), "serviceUrl": "http://10.1.2.3/"}
    assert post(server, elsewhere) == 400
    assert connector.posts == []


def test_with_an_app_id_requests_need_a_valid_bot_framework_token(secured_server, connector,
                                                                   db_url):  # fmt: skip
    body = activity(connector, "task add Sneaky")
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    elsewhere = connector.token(APP_ID, service_url="https://elsewhere.example/")
    refused = {
        "no header": {},
        "not a bearer": {"Authorization": "Basic dXNlcjpwYXNz"},
        "malformed": {"Authorization": "Bearer not.a.jwt"},
        "garbage": {"Authorization": "Bearer " + "x" * 40},
        "wrongly signed": {"Authorization": "Bearer " + connector.token(APP_ID, key=other_key)},
        "another bot's": {"Authorization": "Bearer " + connector.token("someone-else")},
        "another url": {"Authorization": "Bearer " + elsewhere},
        "expired": {"Authorization": "Bearer " + connector.token(APP_ID, exp=1_000_000)},
    }
    for name, headers in refused.items():
        assert post(secured_server, body, headers) == 401, name
    assert post(secured_server, b"{}", {"Content-Type": "text/plain"}) == 401
    typing = {**body, "type": "typing"}  # a valid token gets through (typing: no reply)
    valid = {"Authorization": "Bearer " + connector.token(APP_ID)}
    assert post(secured_server, typing, valid) in (200, 201)
    assert count_rows(db_url, tasks) == 0 and connector.posts == []
    assert "Traceback" not in secured_server.log
    assert "not-a-real-secret" not in secured_server.log


def test_the_worker_delivers_a_reminder_where_the_assignee_talked_to_the_bot(server, connector,
                                                                              db_url):  # fmt: skip
    say(server, connector, f"task add Submit the report due {iso(1)}")
    conversation = connector.posts[-1].conversation
    worker(db_url, stamp(0))
    reminder = connector.wait_for(2)[-1]
    assert reminder.kind == "send" and reminder.conversation == conversation
    assert "Submit the report" in reminder.text and "due tomorrow" in reminder.text
    assert [a["title"] for a in reminder.card["actions"]] == ["Start", "Done", "Snooze 1 day"]
    worker(db_url, stamp(0, "10:05"))
    assert len(connector.posts) == 2  # once


def test_a_403_retires_that_conversation_and_other_workspaces_still_get_theirs(
    server, connector, db_url
):
    say(server, connector, f"task add Blocked bot task due {iso(1)}", tenant="tenant-a")
    say(server, connector, f"task add Fine task due {iso(1)}", tenant="tenant-b")
    removed = f"a:tenant-a-{ERIN['id']}"
    connector.fail(removed, 403)
    worker(db_url, stamp(0))
    delivered = connector.wait_for(3)[2:]
    assert [p.conversation for p in delivered] == [f"a:tenant-b-{ERIN['id']}"]
    assert "Fine task" in delivered[0].text
    engine = make_engine(db_url)
    with engine.connect() as connection:
        active = dict(connection.execute(select(teams_conversations.c.conversation_id,
                                                teams_conversations.c.active)).all())  # fmt: skip
        statuses = sorted(connection.execute(select(outbox.c.status)).scalars())
    engine.dispose()
    assert active[removed] is False and statuses == ["failed", "sent"]
    say(server, connector, "task list", tenant="tenant-a")  # talking again re-activates it
    engine = make_engine(db_url)
    with engine.connect() as connection:
        assert connection.execute(select(teams_conversations.c.active).where(
            teams_conversations.c.conversation_id == removed)).scalar_one() is True  # fmt: skip
    engine.dispose()


def test_a_throttled_post_is_retried_later_and_sent_once(server, connector, db_url):
    say(server, connector, f"task add Throttled task due {iso(1)}")
    connector.fail(f"a:tenant-a-{ERIN['id']}", 429, times=5, **{"Retry-After": "1"})
    worker(db_url, stamp(0))
    assert len(connector.posts) == 1  # only the reply so far
    connector.failures.clear()
    worker(db_url, stamp(0, "10:30"))
    [reminder] = connector.wait_for(2)[1:]
    assert "Throttled task" in reminder.text
    worker(db_url, stamp(0, "11:00"))
    assert len(connector.posts) == 2


def test_someone_who_never_talked_to_the_bot_is_reported_not_lost(server, connector, db_url):
    say(server, connector, f"task add Ask Bob due {iso(1)} @bob")
    worker(db_url, stamp(0))
    engine = make_engine(db_url)
    with engine.connect() as connection:
        [(status, error)] = connection.execute(select(outbox.c.status, outbox.c.error)).all()
    engine.dispose()
    assert status == "failed" and "no Teams conversation for @bob" in error
    assert len(connector.posts) == 1  # only the reply to the command


def test_production_refuses_to_serve_teams_unauthenticated(db_url, tmp_path):
    env = {**os.environ, "DATABASE_URL": db_url, "ROLECALL_ENV": "production", "PORT": "0"}
    env.pop("MicrosoftAppId", None)
    done = subprocess.run([ROLECALL, "serve"], env=env, capture_output=True, text=True,
                          timeout=60)  # fmt: skip
    assert done.returncode == 2 and "MicrosoftAppId" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_scheduled_digest_is_a_new_post_in_the_channel(server, connector, db_url):
    thread = "19:standup-room@thread.tacv2;messageid=1700000000000"
    here = {"conversation": thread, "kind": "channel"}
    assert "this channel" in say(server, connector, "standup at 09:30 tz UTC", **here)
    say(server, connector, f"task add Draft the launch plan due {iso(4)}", **here)
    say(server, connector, "checkin yesterday: pricing today: the plan blockers: none", **here)
    worker(db_url, stamp(1, "09:31"))
    digest = connector.wait_for(4)[-1]
    assert digest.kind == "send" and digest.conversation == "19:standup-room@thread.tacv2"
    assert "Draft the launch plan" in digest.text and "erin" in digest.text
    assert "Standup for this channel" in digest.text and "19:" not in digest.text
    assert digest.activity["summary"].startswith("Standup for this channel")  # the preview
    assert any(e.get("isVisible") is False for e in digest.card["body"])


def test_a_digest_missed_on_friday_is_not_posted_at_the_weekend(server, connector, db_url):
    thread = "19:standup-room@thread.tacv2;messageid=1700000000000"
    here = {"conversation": thread, "kind": "channel"}
    say(server, connector, "standup at 09:30 tz UTC days mon-fri", **here)
    worker(db_url, stamp(2, "11:00"))  # the worker was down all Friday: back on Saturday
    worker(db_url, stamp(3, "11:00"))
    assert len(connector.posts) == 1  # only the reply to the command
    worker(db_url, stamp(4, "09:30"))
    digest = connector.wait_for(2)[-1]
    assert digest.kind == "send" and f"Standup for this channel — {show_day(day(4))}" in digest.text
