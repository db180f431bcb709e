"""Bad input gets one short, specific message, and the database is unchanged."""

import pytest
from sqlalchemy import select

from adapters.persistence.tables import metadata
from tests.support import set_up_store

BAD_INPUTS = {
    "frobnicate the widgets": "Unknown command",
    "task add": "needs a title",
    "task add @bob due friday": "needs a title",
    "task add due tomorrow": "needs a title",
    "task add Water plants due 2026-13-01": "can't read “2026-13-01” as a date",
    "task add Water plants due": "at the end needs a value",
    "product add Bloom pm": "at the end needs a value",
    "task add Water plants @lina @theo": "one assignee",
    "decision confirm": "Say which decision",
    "task block #1 " + "y" * 600: "limit is 500",
    "task add Write notes due someday": "can't read “someday” as a date",
    "task done #999": "no task #999",
    "task add " + "x" * 10_000: "limit",
    "role @bob overlord Web Store": "Unknown role “overlord”",
    "standup at 25:99": "not a time of day",
    "who owns": "Ask a question",
    "who owns ?": "Ask a question",
    "task assign #1 bob": "@",
    "task block #1": "why it is blocked",
    'task add "unclosed quote': "quote is not closed",
    "product constraint Web Store budget lots": "not an amount",
    "project add Checkout": "already a project",
    "standup at 9:00 tz Mars/Olympus": "Unknown time zone",
    "owners set happiness product-manager": "Unknown decision area",
}


def snapshot(engine) -> dict:
    with engine.connect() as connection:
        return {t.name: sorted(map(tuple, connection.execute(select(t)).all()), key=repr)
                for t in metadata.sorted_tables}  # fmt: skip


@pytest.mark.parametrize("text", list(BAD_INPUTS))
def test_bad_input_is_refused_with_a_short_message_and_changes_nothing(chat, app, text):
    set_up_store(chat)
    chat.ok("task add Write notes @bob")
    before = snapshot(app.engine)
    message = chat.fails(text)
    assert BAD_INPUTS[text] in message
    assert len(message) < 400 and message.count("\n") <= 2
    assert snapshot(app.engine) == before


def test_another_workspaces_task_number_is_not_found(chat, app):
    chat.ok("task add Only for acme")
    before = snapshot(app.engine)
    chat.ok("task list", workspace="beta")  # creates the workspace and the speaker...
    after_setup = snapshot(app.engine)
    assert "no task #1" in chat.fails("task done #1", workspace="beta")
    assert snapshot(app.engine) == after_setup != before


def test_a_bug_is_logged_and_the_user_gets_an_apology(chat, monkeypatch, caplog):
    from domain import service

    def broken(command, scope):
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(service.HANDLERS, service.c.ListRoles, broken)
    reply = chat.say("roles")
    assert not reply.ok and reply.text == service.APOLOGY
    assert "ZeroDivisionError" in caplog.text


def test_a_retry_after_a_crashed_first_attempt_does_the_work_once(chat, app, monkeypatch):
    from domain import service
    from domain.model.chat import Message
    from domain.model.ports import TaskQuery

    real, calls = service.HANDLERS[service.c.AddTask], []

    def crash_once(command, scope):
        calls.append(command)
        reply = real(command, scope)
        if len(calls) == 1:
            raise ConnectionError("the process died half-way")
        return reply

    monkeypatch.setitem(service.HANDLERS, service.c.AddTask, crash_once)
    message = Message("slack", "T1", "U1", "C1", "task add Exactly once", delivery_id="Ev9")
    assert app.service.handle(message).text == service.APOLOGY
    assert app.service.handle(message).ok  # the retry: nothing was half-written, so it runs
    assert app.service.handle(message).duplicate
    with app.uow_factory() as uow:
        workspace = uow.workspaces.by_key("slack:T1")
        assert [t.title for t in uow.tasks.find(TaskQuery(workspace.id))] == ["Exactly once"]
