"""Events: `@RoleCall <command>` in channels, direct messages, App Home, and uninstalls.

Each event carries Slack's `event_id` into the core's delivery ledger, so a retry
(`X-Slack-Retry-Num`) of an event already handled changes nothing and posts nothing. A reply
Slack refuses once the command has committed goes through the outbox instead: retried by the
dispatcher, not lost, and never the command run again."""

import asyncio
import logging

from aiohttp import ClientError
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError

from adapters.slack.bridge import Origin, SlackBot, origin_of
from adapters.slack.replies import say_in_channel
from adapters.slack.text import after_bot_mention
from adapters.slack.views import home_view
from domain.language import commands as c
from domain.model.chat import Reply

log = logging.getLogger(__name__)


def register(app: AsyncApp, bot: SlackBot, installation_store=None) -> None:
    @app.event("app_mention")
    async def on_mention(event, client, context, body) -> None:
        origin = origin_of(context, body, event["user"], event["channel"], body.get("event_id"))
        text = after_bot_mention(event.get("text", ""), context.get("bot_user_id"))
        reply = await bot.say(client, origin, text)
        await _answer(bot, client, origin, reply, event.get("thread_ts"))

    @app.event("message")
    async def on_direct_message(event, client, context, body) -> None:
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return  # edits, joins and bots' own messages are not commands
        origin = origin_of(context, body, event["user"], event["channel"], body.get("event_id"))
        text = after_bot_mention(event.get("text", ""), context.get("bot_user_id"))
        reply = await bot.say(client, origin, text)
        await _answer(bot, client, origin, reply)

    @app.event("app_home_opened")
    async def on_home(event, client, context, body) -> None:
        if event.get("tab", "home") != "home":
            return
        origin = origin_of(context, body, event["user"], event.get("channel", ""))
        reply = await bot.run(client, origin, c.ShowMine())
        if reply.ok:
            await client.views_publish(user_id=event["user"], view=home_view(reply.data))

    @app.event("app_uninstalled")
    @app.event("tokens_revoked")
    async def on_uninstalled(event, context, body) -> None:
        if event["type"] == "tokens_revoked" and not event.get("tokens", {}).get("bot"):
            return  # only user tokens went: the bot still works
        team = origin_of(context, body, "", "").team
        if installation_store is not None:
            await installation_store.async_delete_all(
                enterprise_id=context.get("enterprise_id"), team_id=context.get("team_id")
            )
        await asyncio.to_thread(bot.service.set_paused, f"slack:{team}", True)


async def _answer(bot: SlackBot, client, origin: Origin, reply: Reply,
                  thread_ts: str | None = None) -> None:  # fmt: skip
    """At once, as a rule; if Slack fails it, through the outbox (what got posted first, a
    digest's message, is not posted again)."""
    progress: dict = {}
    try:
        await say_in_channel(client, origin.channel, origin.user, reply, thread_ts, progress)
    except (SlackApiError, ClientError, TimeoutError) as error:
        reason = error.response.get("error") if isinstance(error, SlackApiError) else error
        log.warning("replying in %s failed (%s): the reply goes through the outbox",
                    origin.channel, reason)  # fmt: skip
        await asyncio.to_thread(bot.queue_reply, origin, reply, thread_ts, progress)
