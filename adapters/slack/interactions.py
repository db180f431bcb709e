"""Buttons, the task modal and message shortcuts."""

import json
import re
from dataclasses import replace

from slack_bolt.async_app import AsyncApp
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack.bridge import SlackBot, origin_of
from adapters.slack.commands import open_task_modal
from adapters.slack.replies import post_or_respond, say_in_channel
from adapters.slack.text import from_slack
from adapters.slack.views import TASK_MODAL, reply_message
from domain.language import commands as c
from domain.language.arguments import parse_task_number
from domain.model.errors import RoleCallError
from domain.model.tasks import MAX_TITLE, Status

STATUS_BUTTONS = {
    "task_start": Status.DOING,
    "task_done": Status.DONE,
    "task_drop": Status.DROPPED,
}  # "Undo" on a task read by a rule


def register(app: AsyncApp, bot: SlackBot) -> None:
    @app.action(re.compile(r"^task_(start|done|snooze|drop|approve|defer)$"))
    async def on_task_button(ack, action, body, client, context, respond) -> None:
        await ack()
        channel = (body.get("channel") or {}).get("id", "")
        origin = origin_of(context, body, body["user"]["id"], channel)
        verb = action["action_id"]
        try:
            number = parse_task_number(str(action.get("value", "")))
        except RoleCallError:  # not a value RoleCall set: an old or forged button
            await respond(response_type="ephemeral", replace_original=False,
                          text="That button is out of date. Try: /task list")  # fmt: skip
            return
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
        title = (_value(values, "title", "value") or "").strip()
        if not title:
            await ack(response_action="errors", errors={"title": "The task needs a title."})
            return
        await ack()  # within Slack's 3 seconds; the result follows as a message
        metadata = json.loads(view.get("private_metadata") or "{}")
        origin = origin_of(context, body, body["user"]["id"], metadata.get("channel", ""))
        assignee = _value(values, "assignee", "selected_user")
        selected = values.get("project", {}).get("value", {}).get("selected_option") or {}
        command = c.AddTask(title=title, assignee=assignee,
                            due=_value(values, "due", "selected_date"),
                            project=selected.get("value"))  # fmt: skip
        reply = await bot.run(client, origin, command, people=(assignee,) if assignee else ())
        if metadata.get("message_ts") and reply.ok:  # the link back to the message it came from
            link = await _permalink(client, origin.channel, metadata["message_ts"])
            reply = replace(reply, text=f"{reply.text}\nFrom: {link}") if link else reply
        if not reply.ok or not metadata.get("thread_ts"):
            await _tell(client, origin, reply, metadata.get("response_url"))
            return
        await post_or_respond(client, origin.channel, reply, metadata.get("response_url"),
                              metadata["thread_ts"])  # fmt: skip

    @app.shortcut("log_as_task")
    async def on_log_as_task(ack, shortcut, client, context, body) -> None:
        await ack()
        message = shortcut["message"]
        origin = origin_of(context, body, shortcut["user"]["id"], shortcut["channel"]["id"])
        title = " ".join(from_slack(message.get("text", "")).split())[:MAX_TITLE]
        metadata = {
            "thread_ts": message.get("thread_ts") or message["ts"],
            "message_ts": message["ts"],
            "response_url": shortcut.get("response_url"),
        }
        await open_task_modal(bot, client, origin, shortcut["trigger_id"], metadata, title)

    @app.shortcut("who_owns_this")
    async def on_who_owns_this(ack, shortcut, client, context, body) -> None:
        await ack()
        message = shortcut["message"]
        origin = origin_of(context, body, shortcut["user"]["id"], shortcut["channel"]["id"])
        reply = await bot.say(client, origin, "who owns " + (message.get("text") or "?"))
        if not reply.ok:  # a message that is no question: only its asker hears why
            await _tell(client, origin, reply, shortcut.get("response_url"))
            return
        await post_or_respond(client, origin.channel, reply, shortcut.get("response_url"),
                              message.get("thread_ts") or message["ts"])  # fmt: skip


async def _tell(client, origin, reply, response_url: str | None) -> None:
    """A modal's result, to the person who submitted it: through the command's response_url
    when there is one, else as an ephemeral message (or in the DM)."""
    if response_url:
        await AsyncWebhookClient(response_url).send(response_type="ephemeral",
                                                    **reply_message(reply))  # fmt: skip
    else:
        await say_in_channel(client, origin.channel, origin.user, replace(reply, public=False))


async def _permalink(client, channel: str, ts: str) -> str | None:
    try:
        return (await client.chat_getPermalink(channel=channel, message_ts=ts))["permalink"]
    except Exception:  # a link back is a nicety
        return None


def _value(values: dict, block: str, key: str) -> str | None:
    return values.get(block, {}).get("value", {}).get(key) or None
