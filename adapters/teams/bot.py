"""The Teams bot: messages, card buttons and installs become calls on the core.

The tenant is the RoleCall workspace; the speaker's Teams id becomes their handle; the text,
with the bot's own mention stripped, goes through the core's grammar. Every inbound activity
refreshes the conversation's stored reference, so proactive messages find the current
service URL. The core runs off the event loop.
"""

import asyncio
import hashlib
import logging
import time
from dataclasses import dataclass
from zoneinfo import available_timezones

from botbuilder.core import ActivityHandler, TurnContext
from botbuilder.schema import Activity, ActivityTypes, Attachment, ChannelAccount

from adapters.teams.cards import reply_card, summary, welcome_card
from adapters.teams.conversations import ConversationStore, TeamsConversation
from adapters.teams.text import core_mentions, from_teams, to_teams
from domain.language import commands as c
from domain.model.chat import Message, Profile, Reply
from domain.model.tasks import Status
from domain.service import RoleCall

log = logging.getLogger(__name__)
PLATFORM = "teams"
NAMES_FOR = 300.0  # seconds a display name is reused before it is read again
BUTTONS = {"start", "done", "snooze", "drop", "approve", "defer"}
_ZONES = available_timezones()


@dataclass(frozen=True)
class Turn:
    """One inbound activity, in the core's terms."""

    conversation: TeamsConversation
    message: Message
    here_name: str  # how replies call the conversation the command came from

    def show(self, names: dict[str, str]):
        return lambda text: to_teams(text, names, self.message.channel, self.here_name)


class TeamsBot(ActivityHandler):
    def __init__(self, service: RoleCall, store: ConversationStore) -> None:
        self.service = service
        self.store = store
        self._known: dict[tuple[str, str], tuple[str | None, float]] = {}

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        value = activity.value if isinstance(activity.value, dict) else {}
        if value.get("rolecall"):
            await self._on_button(turn_context, value)
            return
        turn = self._turn(activity)
        try:
            reply, names = await asyncio.to_thread(self._run, turn, None)
            if not reply.duplicate:
                show = turn.show(names)
                await turn_context.send_activity(_message(reply_card(reply, show), reply, show))
        finally:  # after the reply, which should not wait for it
            await asyncio.to_thread(self._remember, turn.conversation)

    async def on_members_added_activity(self, members: list[ChannelAccount],
                                        turn_context: TurnContext) -> None:  # fmt: skip
        """The bot added to a chat, a team or someone's personal scope: say hello once."""
        activity = turn_context.activity
        if any(m.id == activity.recipient.id for m in members):
            conversation = TeamsConversation.of(activity)
            await asyncio.to_thread(self._remember, conversation)
            delivery = _delivery_id(conversation, activity)
            if delivery and not await asyncio.to_thread(
                self.service.first_delivery, conversation.workspace, delivery
            ):
                return  # Teams sent this install again: the welcome was said
            welcome = welcome_card()
            await turn_context.send_activity(_activity(welcome, welcome["content"]["fallbackText"]))

    async def on_members_removed_activity(self, members: list[ChannelAccount],
                                          turn_context: TurnContext) -> None:  # fmt: skip
        activity = turn_context.activity
        if any(m.id == activity.recipient.id for m in members):
            await asyncio.to_thread(self.store.retire, TeamsConversation.of(activity))

    async def on_installation_update_remove(self, turn_context: TurnContext) -> None:
        await asyncio.to_thread(self.store.retire, TeamsConversation.of(turn_context.activity))

    async def _on_button(self, turn_context: TurnContext, value: dict) -> None:
        """Start, Done, Snooze, Approve, Defer: run it and update the card in place."""
        activity = turn_context.activity
        turn = self._turn(activity)
        await asyncio.to_thread(self._remember, turn.conversation)
        command = _button_command(value)
        if command is None:
            reply = Reply("That button is out of date. Try: task list", ok=False)
            show = turn.show({})
            await turn_context.send_activity(_message(reply_card(reply, show), reply, show))
            return
        reply, names = await asyncio.to_thread(self._run, turn, command)
        if reply.duplicate:
            return
        show = turn.show(names)
        answer = _message(reply_card(reply, show), reply, show)
        if reply.ok and activity.reply_to_id:
            answer.id = activity.reply_to_id
            try:
                await turn_context.update_activity(answer)
                return
            except Exception as error:  # an old card may not be editable: answer below it
                log.info("could not update the card: %s", error)
                answer.id = None
        await turn_context.send_activity(answer)

    def _turn(self, activity: Activity) -> Turn:
        conversation = TeamsConversation.of(activity)
        mentions = [e.additional_properties for e in activity.entities or []
                    if e.type == "mention" and e.additional_properties]  # fmt: skip
        text, people = from_teams(activity.text or "", mentions, activity.recipient.id)
        zone = _zone_of(activity)
        message = Message(
            PLATFORM, conversation.workspace.removeprefix("teams:"), conversation.user_handle,
            conversation.channel, text, user_name=conversation.user_name, user_timezone=zone,
            profiles=tuple(Profile(p["handle"], p["name"], name_as_typed=True) for p in people),
            delivery_id=_delivery_id(conversation, activity),
        )  # fmt: skip
        here = "this channel" if conversation.conversation_type == "channel" else "this chat"
        return Turn(conversation, message, here)

    def _run(self, turn: Turn, command: c.Command | None) -> tuple[Reply, dict[str, str]]:
        """On a worker thread: run the core, find the names its reply mentions."""
        message = turn.message
        reply = self.service.run(message, command) if command else self.service.handle(message)
        names = {p.handle: p.name for p in message.profiles if p.name}
        if message.user_name:
            names[message.user] = message.user_name
        unknown = [h for h in core_mentions(reply.text) if h not in names]
        if unknown:
            names |= self._names(f"{PLATFORM}:{message.workspace}", unknown)
        return reply, names

    def _names(self, workspace: str, handles: list[str]) -> dict[str, str]:
        """Display names, remembered for a few minutes: most replies name the same people."""
        now = time.monotonic()
        known = {h: hit[0] for h in handles
                 if (hit := self._known.get((workspace, h))) and hit[1] > now}  # fmt: skip
        missing = [h for h in handles if h not in known]
        if missing:
            found = self.store.names(workspace, missing)
            if len(self._known) > 50_000:
                self._known.clear()
            self._known |= {(workspace, h): (found.get(h), now + NAMES_FOR) for h in missing}
            known |= found
        return {h: n for h, n in known.items() if n}

    def _remember(self, conversation: TeamsConversation) -> None:
        self.store.remember(conversation, self.service.clock.now())


def _delivery_id(conversation: TeamsConversation, activity: Activity) -> str | None:
    """Teams re-sends keep the activity id; ids are only unique within a conversation."""
    if not activity.id:
        return None
    where = hashlib.sha256(conversation.conversation_id.encode()).hexdigest()[:16]
    return f"{where}:{activity.id[:150]}"


def _zone_of(activity: Activity) -> str | None:
    """The speaker's time zone: `localTimezone`, else the `clientInfo` entity's."""
    zones = [activity.local_timezone] + [
        (e.additional_properties or {}).get("timezone")
        for e in activity.entities or [] if e.type == "clientInfo"
    ]  # fmt: skip
    return next((z for z in zones if z in _ZONES), None)


def _button_command(value: dict) -> c.Command | None:
    verb = value.get("rolecall")
    try:
        number = int(value.get("task"))
    except (TypeError, ValueError):
        return None
    if verb not in BUTTONS or not 0 < number < 2**31:
        return None
    if verb in ("start", "done", "drop"):  # drop: "Undo" on a task read by a rule
        status = {"start": Status.DOING, "done": Status.DONE, "drop": Status.DROPPED}[verb]
        return c.ChangeTaskStatus(number, status)
    if verb == "snooze":
        return c.SnoozeTask(number)
    return c.ReviewUnplannedTask(number, approve=verb == "approve")


def _message(attachment: dict, reply: Reply, show) -> Activity:
    """The card, and as its preview the reply's first line as the card shows it (names, not
    handles)."""
    return _activity(attachment, show(reply.text))


def _activity(attachment: dict, text: str) -> Activity:
    card = Attachment(content_type=attachment["contentType"], content=attachment["content"])
    return Activity(type=ActivityTypes.message, attachments=[card], summary=summary(text))
