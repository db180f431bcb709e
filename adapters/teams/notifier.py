"""Scheduled notifications into Teams, proactively through `continue_conversation`.

A person is reached in their personal chat with the bot, else where they last talked to it;
a channel, through the conversation it was scheduled from. A 403 or 404 means the bot was
removed or blocked there: that conversation is retired and the next one is tried. 412, 429
and 5xx (Microsoft lists 412, 429, 502 and 504 as worth retrying) are handed back to the
dispatcher to retry later with backoff (at least Retry-After), never dropped.
"""

import asyncio
import logging

from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ActivityTypes, Attachment
from msrest.exceptions import ClientRequestError, HttpOperationError

from adapters.teams.cards import notification_card, summary
from adapters.teams.conversations import ConversationStore, TeamsConversation
from adapters.teams.text import core_mentions, to_teams
from domain.model.notifications import DeliveryError, Notification, Notifier, StepDone

log = logging.getLogger(__name__)
GONE = {403, 404}  # the bot was removed from the conversation, or blocked
RETRYABLE = {412, 429}  # and 5xx: a conflict or throttling that passes
TIMEOUT = 10  # seconds for one post to the connector


class TeamsNotifier(Notifier):
    def __init__(self, adapter: CloudAdapter, store: ConversationStore, app_id: str | None):
        self.adapter = adapter  # one without an on_turn_error: failures must reach us
        self.store = store
        self.app_id = app_id

    def send(self, notification: Notification, step_done: StepDone) -> None:
        """One message (a digest's detail is a collapsed part of its card): no steps."""
        n = notification
        person = n.to.startswith("@")
        address = n.to[1:]
        targets = (self.store.for_person(n.workspace_id, address) if person
                   else self.store.for_channel(n.workspace_id, address))  # fmt: skip
        if not targets:
            raise DeliveryError(f"no Teams conversation for {n.to}: RoleCall can only post "
                                "where someone has talked to it")  # fmt: skip
        for target in targets:
            try:
                asyncio.run(self._post(target, self._activity(n, target)))
                return
            except HttpOperationError as error:
                status = error.response.status_code if error.response is not None else 0
                if status not in GONE:
                    raise _retry_or_fail(error, status) from None
                log.warning("Teams answered %s for %s: retiring that conversation", status,
                            target.conversation_id[:40])  # fmt: skip
                self.store.retire(target)
            except PermissionError as error:  # our credentials were refused: retrying won't help
                raise DeliveryError(f"Teams refused RoleCall's credentials: {error}") from None
            except (ClientRequestError, OSError) as error:  # the network: try again later
                raise DeliveryError(f"network: {error}", retry_after=30) from None
        raise DeliveryError(f"RoleCall was removed from every conversation with {n.to}")

    def _activity(self, n: Notification, target: TeamsConversation) -> Activity:
        details = " ".join(" ".join(items) for _, items in n.payload.get("details") or [])
        names = self.store.names(target.workspace, core_mentions(f"{n.text} {details}"))
        text = n.text
        if n.to.startswith("@") and target.conversation_type != "personal":
            text = f"For @{target.user_handle}: {text}"  # in a shared chat, say who it is for
        here = "this channel" if target.conversation_type == "channel" else "this chat"

        def show(t: str) -> str:
            return to_teams(t, names | _named(target), target.channel, here)

        attachment = notification_card(n.kind, text, n.payload, show)
        card = Attachment(content_type=attachment["contentType"], content=attachment["content"])
        return Activity(type=ActivityTypes.message, attachments=[card], summary=summary(show(text)))

    async def _post(self, target: TeamsConversation, activity: Activity) -> None:
        async def send(turn_context: TurnContext) -> None:
            # A message of its own: TurnContext.send_activity would make it a reply to the
            # continuation event, an activity Teams has never seen.
            connector = turn_context.turn_state.get(self.adapter.BOT_CONNECTOR_CLIENT_KEY)
            if connector is not None:  # the dispatcher waits on this: never for long
                connector.config.connection.timeout = TIMEOUT
                connector.config.retry_policy.retries = 1
            reference = TurnContext.get_conversation_reference(turn_context.activity)
            reference.activity_id = None
            TurnContext.apply_conversation_reference(activity, reference)
            await turn_context.adapter.send_activities(turn_context, [activity])

        await self.adapter.continue_conversation(target.reference(), send, self.app_id)


def _named(target: TeamsConversation) -> dict[str, str]:
    return {target.user_handle: target.user_name} if target.user_name else {}


def _retry_or_fail(error: HttpOperationError, status: int) -> DeliveryError:
    if status in RETRYABLE or status >= 500:
        headers = error.response.headers if error.response is not None else {}
        retry_after = headers.get("Retry-After")
        try:
            seconds = float(retry_after) if retry_after else 30.0
        except ValueError:
            seconds = 30.0
        return DeliveryError(f"Teams answered {status}", retry_after=seconds)
    return DeliveryError(f"Teams answered {status}")
