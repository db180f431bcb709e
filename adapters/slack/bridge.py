"""Between bolt and the core: who spoke (with their Slack profile, cached), in which
workspace, and the core's answer, run off the event loop."""

import asyncio
import logging
import time
import uuid
from dataclasses import dataclass, field

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.replies import queued_reply
from adapters.slack.text import from_slack, mentioned_users
from domain.language.commands import Command
from domain.model.chat import Message, Profile, Reply
from domain.service import RoleCall

log = logging.getLogger(__name__)
PLATFORM = "slack"
PROFILE_TTL = 3600.0


@dataclass(frozen=True)
class Origin:
    """Where a Slack payload came from."""

    team: str  # the RoleCall workspace: the team, or the enterprise for org-wide installs
    user: str
    channel: str
    delivery_id: str | None = None


def origin_of(context: dict, body: dict, user: str, channel: str, delivery: str | None = None):
    team = context.get("team_id") or context.get("enterprise_id") or body.get("team_id", "")
    return Origin(team, user, channel or f"D{user}", delivery)


@dataclass
class Profiles:
    """users.info, cached per team and user for an hour."""

    _cache: dict[tuple[str, str], tuple[float, Profile]] = field(default_factory=dict)

    async def get(self, client: AsyncWebClient, team: str, user: str) -> Profile:
        hit = self._cache.get((team, user))
        if hit and hit[0] > time.monotonic():
            return hit[1]
        try:
            info = (await client.users_info(user=user))["user"]
            name = info.get("profile", {}).get("display_name") or info.get("real_name")
            profile = Profile(user, name or info.get("name"), info.get("tz"))
        except Exception as error:  # a profile is a nicety: never lose the command over it
            log.warning("users.info failed for %s: %s", user, error)
            return Profile(user)
        self._cache[(team, user)] = (time.monotonic() + PROFILE_TTL, profile)
        return profile


@dataclass
class SlackBot:
    service: RoleCall
    profiles: Profiles = field(default_factory=Profiles)

    async def say(self, client: AsyncWebClient, origin: Origin, slack_text: str,
                  implicit_task_add: bool = False) -> Reply:  # fmt: skip
        """Run chat text as the speaker; mentioned people's profiles come along."""
        message = await self._message(client, origin, slack_text, mentioned_users(slack_text))
        return await asyncio.to_thread(self.service.handle, message, implicit_task_add)

    async def run(self, client: AsyncWebClient, origin: Origin, command: Command,
                  people: tuple[str, ...] = ()) -> Reply:  # fmt: skip
        """Run a command built from a modal or a button (`people`: Slack ids it names)."""
        message = await self._message(client, origin, "", list(people))
        return await asyncio.to_thread(self.service.run, message, command)

    async def quietly(self, origin: Origin, command: Command) -> Reply:
        """Run a read-only command without asking Slack anything first: for modals, which
        must open within the 3 seconds a trigger_id lives."""
        message = Message(PLATFORM, origin.team, origin.user, origin.channel, "")
        return await asyncio.to_thread(self.service.run, message, command)

    def queue_reply(self, origin: Origin, reply: Reply, thread_ts: str | None,
                    progress: dict) -> None:  # fmt: skip
        """The reply to an event Slack refused: the outbox posts it, once (keyed by the
        event's id), with the retries every notification gets."""
        payload = queued_reply(origin.channel, origin.user, reply, thread_ts)
        key = origin.delivery_id or uuid.uuid4().hex  # Slack's events always have one
        self.service.queue_reply(f"{PLATFORM}:{origin.team}", key, f"#{origin.channel}",
                                 reply.text, payload, progress)  # fmt: skip

    async def _message(self, client, origin: Origin, slack_text: str, people: list[str]):
        speaker = await self.profiles.get(client, origin.team, origin.user)
        mentioned = [await self.profiles.get(client, origin.team, u) for u in people[:20]]
        return Message(
            PLATFORM, origin.team, origin.user, origin.channel, from_slack(slack_text),
            user_name=speaker.name, user_timezone=speaker.timezone,
            profiles=tuple(mentioned), delivery_id=origin.delivery_id,
        )  # fmt: skip
