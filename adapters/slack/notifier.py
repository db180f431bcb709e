"""Scheduled notifications into Slack: DMs through `conversations.open`, channel posts, the
digest's per-person detail in a thread, and replies to events that Slack refused at first.
Rate limits are retried by slack-sdk's RateLimitErrorRetryHandler (after Retry-After);
anything else is reported to the dispatcher, which retries transient errors and records
permanent ones."""

from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from adapters.slack.views import digest_details, notification_message
from domain.model.notifications import DeliveryError, Kind, Notification, Notifier, StepDone

PERMANENT = {
    "channel_not_found", "not_in_channel", "is_archived", "account_inactive", "invalid_auth",
    "token_revoked", "not_authed", "user_not_found", "cannot_dm_bot", "missing_scope",
    "restricted_action", "user_disabled", "team_access_not_granted", "no_permission",
    "invalid_blocks", "invalid_arguments", "msg_too_long", "too_many_attachments",
}  # fmt: skip


class SlackNotifier(Notifier):
    def __init__(self, token_for: Callable[[int], str | None], base_url: str | None = None):
        """`token_for` gives the bot token of a RoleCall workspace id, None if not installed."""
        self.token_for = token_for
        self.base_url = base_url or WebClient.BASE_URL

    def send(self, notification: Notification, step_done: StepDone) -> None:
        token = self.token_for(notification.workspace_id)
        if not token:
            raise DeliveryError("RoleCall is not installed in this Slack workspace")
        retries = [ConnectionErrorRetryHandler(), RateLimitErrorRetryHandler(max_retry_count=2)]
        client = WebClient(token=token, base_url=self.base_url, timeout=15, retry_handlers=retries)
        try:
            self._post(client, notification, step_done)
        except SlackApiError as error:
            raise _delivery_error(error) from None
        except OSError as error:  # the network: try again later
            raise DeliveryError(f"network: {error}", retry_after=30) from None

    def _post(self, client: WebClient, n: Notification, step_done: StepDone) -> None:
        """The message, then (a digest's) details in its thread. The message's ts is
        recorded once posted, so a retry after the thread failed posts only the thread."""
        channel, message = self._channel(client, n), _message(n)
        if n.payload.get("ephemeral_for"):  # a reply only its asker saw
            client.chat_postEphemeral(channel=channel, user=n.payload["ephemeral_for"],
                                      thread_ts=n.payload.get("thread_ts"), **message)  # fmt: skip
            return
        details = n.payload.get("details") if n.kind in (Kind.DIGEST, Kind.REPLY) else None
        posted = (n.progress or {}).get("posted")
        if posted is None:
            ts = client.chat_postMessage(channel=channel, thread_ts=n.payload.get("thread_ts"),
                                         **message)["ts"]  # fmt: skip
            posted = {"channel": channel, "ts": ts}
            if details:
                n.progress = {**(n.progress or {}), "posted": posted}
                step_done(n)
        if details:
            client.chat_postMessage(channel=posted["channel"], thread_ts=posted["ts"],
                                    text="Details by person",
                                    blocks=digest_details(details))  # fmt: skip

    def _channel(self, client: WebClient, n: Notification) -> str:
        if n.to.startswith("@"):
            return client.conversations_open(users=n.to.removeprefix("@"))["channel"]["id"]
        return n.to.removeprefix("#")


def _message(n: Notification) -> dict:
    """A reply carries the message its command rendered; a notification is rendered here."""
    if n.kind == Kind.REPLY:
        return n.payload["message"]
    return notification_message(n.kind, n.text, n.payload)


def _delivery_error(error: SlackApiError) -> DeliveryError:
    code = error.response.get("error", "unknown_error") if error.response else "unknown_error"
    if error.response is not None and error.response.status_code == 429:
        retry_after = float(error.response.headers.get("Retry-After", 30))
        return DeliveryError("ratelimited", retry_after=retry_after)
    if code in PERMANENT:
        return DeliveryError(code)
    return DeliveryError(code, retry_after=30)
