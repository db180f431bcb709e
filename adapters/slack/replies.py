"""Posting the core's replies: ephemeral for personal listings and errors, in the channel for
`who owns`, decisions and digests (the digest's per-person detail in a thread)."""

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack.views import digest_details, reply_message
from domain.model.chat import Reply
from domain.standups.digest import Digest

log = logging.getLogger(__name__)


async def respond_with(respond, reply: Reply, client: AsyncWebClient, channel: str) -> None:
    """Through a slash command's or a shortcut's `response_url`."""
    if reply.duplicate:
        return
    if reply.public and isinstance(reply.data, Digest):
        await post_digest(client, channel, reply.data)
        return
    kind = "in_channel" if reply.public else "ephemeral"
    await respond(response_type=kind, **reply_message(reply))


async def say_in_channel(client: AsyncWebClient, channel: str, user: str, reply: Reply,
                         thread_ts: str | None = None,
                         progress: dict | None = None) -> None:  # fmt: skip
    """For mentions and DMs: public replies as messages, private ones as ephemeral. What
    got posted before a failure is noted in `progress` (a digest's message, not its thread)."""
    if reply.duplicate:
        return
    if _digest(reply):
        await post_digest(client, channel, reply.data, progress)
    elif _ephemeral(channel, reply):
        await client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts,
                                        **reply_message(reply))  # fmt: skip
    else:
        await client.chat_postMessage(channel=channel, thread_ts=thread_ts, **reply_message(reply))


def queued_reply(channel: str, user: str, reply: Reply, thread_ts: str | None) -> dict:
    """What `say_in_channel` posts, as an outbox payload for the Slack notifier to post."""
    digest = reply.data if _digest(reply) else None
    return {
        "message": _digest_message(digest) if digest else reply_message(reply),
        "thread_ts": None if digest else thread_ts,
        "ephemeral_for": user if not digest and _ephemeral(channel, reply) else None,
        "details": [[who, items] for who, items in digest.details] if digest else None,
    }


def _digest_message(digest: Digest) -> dict:
    return reply_message(Reply(digest.text, public=True, data=digest))


def _digest(reply: Reply) -> bool:
    return reply.public and isinstance(reply.data, Digest)


def _ephemeral(channel: str, reply: Reply) -> bool:
    return not reply.public and not channel.startswith("D")  # a DM is the asker's own


async def post_digest(client: AsyncWebClient, channel: str, digest: Digest,
                      progress: dict | None = None) -> None:  # fmt: skip
    posted = await client.chat_postMessage(channel=channel, **_digest_message(digest))
    if progress is not None:
        progress["posted"] = {"channel": channel, "ts": posted["ts"]}
    if digest.details:
        await client.chat_postMessage(channel=channel, thread_ts=posted["ts"],
                                      text="Details by person", blocks=digest_details(
                                          digest.details))  # fmt: skip


async def post_or_respond(
    client: AsyncWebClient, channel: str, reply: Reply, response_url: str | None,
    thread_ts: str | None = None,
) -> None:  # fmt: skip
    """Post in the channel; where the bot is not a member, answer the person through the
    interaction's response_url instead of failing silently."""
    if reply.duplicate:
        return
    try:
        await client.chat_postMessage(channel=channel, thread_ts=thread_ts, **reply_message(reply))
    except SlackApiError as error:
        if not response_url:
            raise
        log.info("posting in %s failed (%s): answering through response_url", channel,
                 error.response.get("error"))  # fmt: skip
        await AsyncWebhookClient(response_url).send(response_type="ephemeral",
                                                    **reply_message(reply))  # fmt: skip
