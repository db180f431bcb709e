"""Posting the core's replies: ephemeral for personal listings and errors, in the channel for
`who owns`, decisions and digests (the digest's per-person detail in a thread)."""

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.views import digest_details, reply_message
from domain.chat import Reply
from domain.digest import Digest


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
                         thread_ts: str | None = None) -> None:  # fmt: skip
    """For mentions and DMs: public replies as messages, private ones as ephemeral."""
    if reply.duplicate:
        return
    if reply.public and isinstance(reply.data, Digest):
        await post_digest(client, channel, reply.data)
    elif reply.public or channel.startswith("D"):
        await client.chat_postMessage(channel=channel, thread_ts=thread_ts, **reply_message(reply))
    else:
        await client.chat_postEphemeral(channel=channel, user=user, **reply_message(reply))


async def post_digest(client: AsyncWebClient, channel: str, digest: Digest) -> None:
    posted = await client.chat_postMessage(channel=channel, **reply_message(Reply(
        digest.text, public=True, data=digest)))  # fmt: skip
    if digest.details:
        await client.chat_postMessage(channel=channel, thread_ts=posted["ts"],
                                      text="Details by person", blocks=digest_details(
                                          digest.details))  # fmt: skip
