"""Slash commands: each feeds the core's grammar with its verb in front. The answer comes in
the acknowledgement itself when it is ready in time (one round trip, nothing else to fail);
otherwise Slack gets a bare ack within its 3 seconds and the answer follows through the
command's response_url."""

import asyncio

from slack_bolt.async_app import AsyncApp

from adapters.slack.bridge import SlackBot, origin_of
from adapters.slack.replies import respond_with
from adapters.slack.views import reply_message, task_modal
from domain.language import commands as c
from domain.standups.digest import Digest

ANSWER_WITHIN = 2.0  # seconds: Slack waits 3 for the ack

VERBS = {
    "/task": "task",
    "/who-owns": "who owns",
    "/decision": "decision",
    "/project": "project",
    "/product": "product",
    "/standup": "standup",
    "/rolecall": "",
}


def register(app: AsyncApp, bot: SlackBot) -> None:
    for name, verb in VERBS.items():
        app.command(name)(_listener(bot, verb))


def _listener(bot: SlackBot, verb: str):
    async def on_command(ack, command, respond, client, context, body) -> None:
        origin = origin_of(context, body, command["user_id"], command.get("channel_id", ""))
        text = command.get("text", "").strip()
        if verb == "task" and not text:
            await ack()
            metadata = {"response_url": command.get("response_url")}
            await open_task_modal(bot, client, origin, command["trigger_id"], metadata)
            return
        work = asyncio.ensure_future(bot.say(client, origin, f"{verb} {text}".strip() or "help",
                                             implicit_task_add=verb == "task"))  # fmt: skip
        done, _ = await asyncio.wait({work}, timeout=ANSWER_WITHIN)
        reply = work.result() if done else None
        if reply and not isinstance(reply.data, Digest):  # a digest also posts its thread
            kind = "in_channel" if reply.public else "ephemeral"
            await ack(response_type=kind, **reply_message(reply))
            return
        await ack()
        await respond_with(respond, reply or await work, client, origin.channel)

    return on_command


async def open_task_modal(bot: SlackBot, client, origin, trigger_id: str, metadata: dict,
                          title: str = "") -> None:  # fmt: skip
    """Opens at once: a trigger_id lives 3 seconds, so nothing slower than the database runs
    before views.open."""
    projects = await bot.quietly(origin, c.ShowProjects())
    names = [p.name for p in projects.data or []] if projects.ok else []
    metadata = {"channel": origin.channel, **metadata}
    await client.views_open(trigger_id=trigger_id, view=task_modal(names, metadata, title))
