"""Where the bot can post in Teams: one record per conversation and person who spoke there,
kept in the database so that proactive messages survive restarts and reach the assignee
where they talked to the bot."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from botbuilder.schema import Activity, ChannelAccount, ConversationAccount, ConversationReference

from adapters.teams.text import channel_of, handle_of


@dataclass(frozen=True)
class TeamsConversation:
    workspace: str  # the RoleCall workspace key, "teams:<tenant>"
    conversation_id: str
    channel: str  # the conversation's channel key in RoleCall
    conversation_type: str  # personal | groupChat | channel
    user_handle: str
    user_id: str
    service_url: str
    channel_id: str
    bot_id: str
    user_name: str | None = None
    bot_name: str | None = None
    tenant_id: str | None = None

    @classmethod
    def of(cls, activity: Activity) -> "TeamsConversation":
        conversation, user, bot = activity.conversation, activity.from_property, activity.recipient
        tenant = tenant_of(activity)
        user_id = user.id or user.aad_object_id or "unknown"
        kind = conversation.conversation_type or "personal"
        conversation_id = conversation.id
        if kind == "channel":  # a thread (`…;messageid=…`) posts proactively to its channel
            conversation_id = conversation_id.split(";", 1)[0]
        return cls(
            workspace=f"teams:{tenant}", conversation_id=conversation_id,
            channel=channel_of(conversation.id),
            conversation_type=kind,
            user_handle=handle_of(user_id), user_id=user_id, user_name=user.name,
            service_url=activity.service_url, channel_id=activity.channel_id or "msteams",
            bot_id=bot.id if bot else "", bot_name=bot.name if bot else None,
            tenant_id=tenant if tenant != "default" else None,
        )  # fmt: skip

    def reference(self) -> ConversationReference:
        return ConversationReference(
            channel_id=self.channel_id, service_url=self.service_url,
            conversation=ConversationAccount(id=self.conversation_id,
                                             conversation_type=self.conversation_type,
                                             tenant_id=self.tenant_id,
                                             is_group=self.conversation_type != "personal"),
            bot=ChannelAccount(id=self.bot_id, name=self.bot_name),
            user=ChannelAccount(id=self.user_id, name=self.user_name),
        )  # fmt: skip


def tenant_of(activity: Activity) -> str:
    """The Azure AD tenant the activity comes from: its RoleCall workspace."""
    conversation = activity.conversation
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    tenant = (data.get("tenant") or {}).get("id")
    if not tenant and conversation:  # botbuilder reads `tenantID`; Teams sends `tenantId`
        tenant = conversation.tenant_id or conversation.additional_properties.get("tenantId")
    return str(tenant or "default")[:100]


class ConversationStore(Protocol):
    def remember(self, conversation: TeamsConversation, now: datetime) -> None: ...

    def for_person(self, workspace_id: int, handle: str) -> list[TeamsConversation]: ...

    def for_channel(self, workspace_id: int, channel: str) -> list[TeamsConversation]: ...

    def retire(self, conversation: TeamsConversation) -> None: ...

    def names(self, workspace: str, handles: list[str]) -> dict[str, str]: ...
