"""The Teams bot with botbuilder-core's TestAdapter: real core, real database, no network."""

import asyncio
import json

import pytest
from botbuilder.core.adapters import TestAdapter
from botbuilder.schema import Activity
from sqlalchemy import select

from adapters.persistence.tables import teams_conversations
from adapters.persistence.teams_conversations import TeamsConversations
from adapters.teams.bot import TeamsBot
from adapters.teams.text import handle_of
from tests.support import iso

BOT = {"id": "28:rolecall-bot", "name": "RoleCall"}
ANN = {"id": "29:ann-teams-id", "name": "Ann Lee", "aadObjectId": "aad-ann"}
BEN = {"id": "29:ben-teams-id", "name": "Ben Ode", "aadObjectId": "aad-ben"}


class Session:
    """A TestAdapter conversation with the bot; `say` returns the replies' card texts."""

    def __init__(self, app, tenant="tenant-a", conversation="a:personal-ann", kind="personal"):
        self.bot = TeamsBot(app.service, TeamsConversations(app.engine))
        self.adapter = TestAdapter(self.bot.on_turn)
        self.tenant, self.conversation, self.kind = tenant, conversation, kind
        self.ids = 0

    def activity(self, text="", user=ANN, activity_id=None, **extra) -> Activity:
        """As Teams sends it on the wire (camelCase JSON), read by botbuilder."""
        self.ids += 1
        return Activity().deserialize({
            "type": "message", "id": activity_id or f"act-{self.tenant}-{self.ids}",
            "text": text, "from": user, "recipient": BOT, "channelId": "msteams",
            "serviceUrl": "https://smba.example/teams/",
            "conversation": {"id": self.conversation, "tenantId": self.tenant,
                             "conversationType": self.kind},
            "channelData": {"tenant": {"id": self.tenant}}, **extra,
        })  # fmt: skip

    def send(self, activity: Activity) -> list[Activity]:
        self.adapter.activity_buffer.clear()
        asyncio.run(self.adapter.receive_activity(activity))
        return list(self.adapter.activity_buffer)

    def say(self, text: str, **kw) -> list[str]:
        return [card_text(a) for a in self.send(self.activity(text, **kw))]


def card(activity: Activity) -> dict:
    return activity.attachments[0].content


def card_text(activity: Activity) -> str:
    """Everything a card shows, one line per text run."""
    return "\n".join(_runs(card(activity)["body"]))


def _runs(elements: list[dict]):
    for element in elements:
        for run in element.get("inlines", []):
            yield run["text"]
        yield from _runs(element.get("items", []))


def mention(account: dict) -> dict:
    return {"type": "mention", "text": f"<at>{account['name']}</at>", "mentioned": account}


@pytest.fixture
def teams(app) -> Session:
    return Session(app)


def test_a_task_is_added_for_a_mentioned_person_shown_by_name(teams):
    text = f"<at>RoleCall</at> task add Write notes <at>{BEN['name']}</at> due {iso(5)}"
    [activity] = teams.send(teams.activity(text, entities=[mention(BOT), mention(BEN)]))
    reply = card_text(activity)
    assert "Added #1" in reply and "Ben Ode" in reply
    assert handle_of(BEN["id"]) not in reply  # people see names, never internal handles
    assert "Ben Ode" in activity.summary and handle_of(BEN["id"]) not in activity.summary
    [listing] = teams.say("task list @" + handle_of(BEN["id"]))
    assert "#1 Write notes" in listing


def test_a_name_split_over_two_mentions_is_one_person_whose_name_stays(teams, app):
    teams.say("hello", user=BEN)  # Ben's own message gives his name
    two = [{"type": "mention", "text": f"<at>{part}</at>", "mentioned": {**BEN, "name": part}}
           for part in ("Ben", "Ode")]  # fmt: skip
    [reply] = teams.say("task add Review the spec <at>Ben</at> <at>Ode</at>", entities=two)
    assert "“Review the spec” for Ben Ode" in reply
    trimmed = [{"type": "mention", "text": "<at>Ben</at>", "mentioned": {**BEN, "name": "Ben"}}]
    teams.say("task add Check the logs <at>Ben</at>", entities=trimmed)
    with app.uow_factory() as uow:
        assert uow.people.by_name(1, handle_of(BEN["id"])).display_name == "Ben Ode"


def test_a_task_reply_carries_buttons_that_update_the_card(teams):
    replies = teams.send(teams.activity(f"task add Fix login due {iso(4)}"))
    actions = card(replies[0])["actions"]
    assert [a["title"] for a in actions] == ["Start", "Done", "Snooze 1 day"]
    assert all(a["type"] == "Action.Submit" for a in actions)
    clicked = teams.activity(value=actions[1]["data"], replyToId="card-1")
    assert teams.send(clicked) == []
    [updated] = teams.adapter.updated_activities
    assert updated.id == "card-1" and "done" in card_text(updated).lower()
    assert "actions" not in card(updated)  # a done task has nothing left to press


def test_a_stale_or_forged_button_gets_a_short_answer(teams):
    [reply] = teams.say("", value={"rolecall": "done", "task": "nope"})
    assert "out of date" in reply
    [reply] = teams.say("", value={"rolecall": "done", "task": 10**30})
    assert "out of date" in reply
    [reply] = teams.say("", value={"rolecall": "done", "task": 99})
    assert "no task #99" in reply


def test_who_owns_answers_with_the_owner_first_in_bold(teams):
    teams.say("product add Web Store")
    activity = teams.send(teams.activity("who owns the pricing of the premium plan?"))[0]
    first = card(activity)["body"][0]["inlines"][0]
    assert first["weight"] == "Bolder" and "product manager" in first["text"]


def test_user_text_is_plain_never_markdown_or_a_template(teams):
    [reply] = teams.say('task add "[Win a prize](https://evil.example) ${user.secret} **now**"')
    body = json.dumps(card(teams.send(teams.activity("task list"))[0]))
    assert "[Win a prize](https://evil.example)" in reply
    assert "${" not in body  # broken up, so no templating can expand it
    assert '"type": "TextBlock"' not in body  # TextRuns only: no markdown is read


def test_a_repeated_activity_id_is_processed_once(teams, app):
    first = teams.send(teams.activity("task add Once only", activity_id="same-id"))
    again = teams.send(teams.activity("task add Once only", activity_id="same-id"))
    assert len(first) == 1 and again == []
    with app.uow_factory() as uow:
        workspace = uow.workspaces.by_key("teams:tenant-a")
        assert uow.tasks.by_number(workspace.id, 1) and not uow.tasks.by_number(workspace.id, 2)


def test_the_tenant_is_the_workspace(app):
    a, b = Session(app, tenant="tenant-a"), Session(app, tenant="tenant-b")
    a.say("task add Secret plan")
    [reply] = b.say("task done #1")
    assert "no task #1" in reply


def test_the_local_timezone_becomes_the_persons_zone(teams, app):
    teams.say("task list", localTimezone="Asia/Tokyo")
    teams.say("task list", localTimezone="Not/AZone")  # ignored, not stored
    with app.uow_factory() as uow:
        workspace = uow.workspaces.by_key("teams:tenant-a")
        ann = uow.people.by_name(workspace.id, handle_of(ANN["id"]))
        assert ann.timezone == "Asia/Tokyo" and ann.display_name == "Ann Lee"


def test_bad_input_gets_one_short_error_and_writes_nothing(teams, app):
    [reply] = teams.say("task add Something due the day after never")
    assert "task add" in reply and len(reply) < 400
    [reply] = teams.say("task frobnicate #1")
    assert reply and "Traceback" not in reply


def test_adding_the_bot_says_hello_once_and_remembers_the_conversation(teams, app):
    added = teams.activity(type="conversationUpdate", membersAdded=[BOT])
    [hello] = [card_text(a) for a in teams.send(added)]
    assert "help" in hello
    assert teams.send(added) == []  # the same activity again, as a Teams retry: no new hello
    someone_else = teams.activity(type="conversationUpdate", membersAdded=[BEN])
    assert teams.send(someone_else) == []
    with app.engine.connect() as connection:
        rows = connection.execute(select(teams_conversations)).mappings().all()
    assert [(r["conversation_id"], r["user_handle"], r["active"]) for r in rows] == [
        ("a:personal-ann", handle_of(ANN["id"]), True)
    ]


def test_in_a_channel_the_channel_is_named_this_channel(app):
    channel = Session(app, conversation="19:abc@thread.tacv2;messageid=1700", kind="channel")
    [reply] = channel.say("standup at 09:30")
    assert "Standup digest for this channel" in reply and "19:abc" not in reply


def test_standup_now_posts_the_digest_with_the_per_person_detail_collapsed(teams):
    teams.say(f"task add Write the plan due {iso(1)}")
    teams.say("checkin yesterday: research today: the plan blockers: none")
    [activity] = teams.send(teams.activity("standup now"))
    digest = card(activity)
    [details] = [e for e in digest["body"] if e["type"] == "Container"]
    assert details["isVisible"] is False and "Ann Lee" in card_text(activity)
    assert digest["actions"] == [{"type": "Action.ToggleVisibility", "title": "Details by person",
                                  "targetElements": ["details"]}]  # fmt: skip


def test_the_project_manager_approves_unplanned_work_from_the_card(teams, app):
    pm = {"type": "mention", "text": f"<at>{BEN['name']}</at>", "mentioned": BEN}
    teams.say("product add Web Store")
    teams.say(f"project add Checkout for Web Store pm <at>{BEN['name']}</at>", entities=[pm])
    teams.say("task add Planned work in Checkout")
    teams.say("project baseline Checkout")
    teams.say("task add Surprise work in Checkout")
    with app.uow_factory() as uow:
        [notice] = uow.outbox.listing(("pending",), 10)
        payload = dict(notice.payload)
    assert payload["actions"] == ["approve", "defer"]
    value = {"rolecall": "approve", "task": payload["task"]}
    assert "manager" in teams.say("", value=value)[0]  # Ann is not the project manager
    teams.send(teams.activity(value=value, user=BEN, replyToId="notice-1"))
    [updated] = teams.adapter.updated_activities
    assert updated.id == "notice-1" and "approved" in card_text(updated).lower()


def test_without_local_timezone_the_client_info_zone_is_used(teams, app):
    teams.say("task list", entities=[{"type": "clientInfo", "timezone": "Europe/Berlin"}])
    with app.uow_factory() as uow:
        workspace = uow.workspaces.by_key("teams:tenant-a")
        assert uow.people.by_name(workspace.id, handle_of(ANN["id"])).timezone == "Europe/Berlin"


def test_a_new_service_url_is_what_proactive_messages_use(app):
    store = TeamsConversations(app.engine)
    chat = Session(app, conversation="19:group@thread.v2", kind="groupChat")
    chat.say("task list", user=BEN)
    chat.say("task list")  # Ann, through the service URL Teams gave then
    moved = chat.activity("task list", serviceUrl="https://smba.example/emea/")
    chat.send(moved)
    with app.uow_factory() as uow:
        workspace_id = uow.workspaces.by_key("teams:tenant-a").id
    for person in (ANN, BEN):  # everyone in the conversation moves with it
        [where] = store.for_person(workspace_id, handle_of(person["id"]))
        assert where.service_url == "https://smba.example/emea/"


def test_a_task_read_by_a_rule_offers_undo_which_drops_it(teams):
    replies = teams.send(teams.activity("task add Fix login by friday"))
    actions = card(replies[0])["actions"]
    assert [a["title"] for a in actions] == ["Start", "Done", "Snooze 1 day", "Undo"]
    clicked = teams.activity(value=actions[-1]["data"], replyToId="card-2")
    assert teams.send(clicked) == []
    [updated] = teams.adapter.updated_activities
    assert "Dropped: #1" in card_text(updated) and "actions" not in card(updated)
    plain = teams.send(teams.activity(f"task add Plain due {iso(4)}"))
    assert "Undo" not in [a["title"] for a in card(plain[0])["actions"]]  # said with `due`
