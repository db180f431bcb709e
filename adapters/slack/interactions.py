"""Buttons, the task modal and message shortcuts."""

import json
import re

from slack_bolt.async_app import AsyncApp

from adapters.slack.bridge import SlackBot, origin_of
from adapters.slack.commands import open_task_modal
from adapters.slack.replies import say_in_channel
from adapters.slack.text import from_slack
from adapters.slack.views import TASK_MODAL, reply_message
from domain import commands as c
from domain.tasks import MAX_TITLE, Status

STATUS_BUTTONS = {"task_start": Status.DOING, "task_done": Status.DONE}


def register(app: AsyncApp, bot: SlackBot) -> None:
    @app.action(re.compile(r"^task_(start|done|snooze|approve|defer)$"))
    async def on_task_button(ack, action, body, client, context, respond) -> None:
        await ack()
        channel = (body.get("channel") or {}).get("id", "")
        origin = origin_of(context, body, body["user"]["id"], channel)
        number, verb = int(action["value"]), action["action_id"]
        command = (c.ChangeTaskStatus(number, STATUS_BUTTONS[verb]) if verb in STATUS_BUTTONS
                   else c.SnoozeTask(number) if verb == "task_snooze"
                   else c.ReviewUnplannedTask(number, approve=verb == "task_approve"))  # fmt: skip
        reply = await bot.run(client, origin, command)
        if not reply.ok:
            await respond(response_type="ephemeral", replace_original=False, **reply_message(reply))
            return
        await respond(replace_original=True, **reply_message(reply))

    @app.view(TASK_MODAL)
    async def on_task_submitted(ack, view, body, client, context) -> None:
        values = view["state"]["values"]
        metadata = json.loads(view.get("private_metadata") or "{}")
        origin = origin_of(context, body, body["user"]["id"], metadata.get("channel", ""))
        command = c.AddTask(
            title=_value(values, "title", "value") or "",
            assignee=_value(values, "assignee", "selected_user"),
            due=_value(values, "due", "selected_date"),
            project=(values.get("project", {}).get("value", {}).get("selected_option") or {}).get(
                "value"),
        )  # fmt: skip
        reply = await bot.run(client, origin, command)
        if not reply.ok:
            await ack(response_action="errors", errors={"title": reply.text[:150]})
            return
        await ack()
        if metadata.get("message_ts"):  # logged from a message: answer in its thread
            await client.chat_postMessage(channel=origin.channel, thread_ts=metadata["message_ts"],
                                          **reply_message(reply))  # fmt: skip
        else:
            await say_in_channel(client, origin.channel, origin.user, reply)

    @app.shortcut("log_as_task")
    async def on_log_as_task(ack, shortcut, client, context, body) -> None:
        await ack()
        message = shortcut["message"]
        origin = origin_of(context, body, shortcut["user"]["id"], shortcut["channel"]["id"])
        title = " ".join(from_slack(message.get("text", "")).split())[:MAX_TITLE]
        await open_task_modal(bot, client, origin, shortcut["trigger_id"],
                              {"message_ts": message["ts"]}, title)  # fmt: skip

    @app.shortcut("who_owns_this")
    async def on_who_owns_this(ack, shortcut, client, context, body) -> None:
        await ack()
        message = shortcut["message"]
        origin = origin_of(context, body, shortcut["user"]["id"], shortcut["channel"]["id"])
        reply = await bot.say(client, origin, "who owns " + (message.get("text") or "?"))
        await say_in_channel(client, origin.channel, origin.user, reply,
                             thread_ts=message.get("thread_ts") or message["ts"])  # fmt: skip


def _value(values: dict, block: str, key: str) -> str | None:
    return values.get(block, {}).get("value", {}).get(key) or None
