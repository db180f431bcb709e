"""Test helpers: a chat driver over the service, and the standard scenario's setup."""

from datetime import UTC, datetime

from domain.chat import Message, Reply
from domain.service import RoleCall

# Thursday 26 November 2026, 10:00 UTC.
THURSDAY = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


class ChatDriver:
    def __init__(self, service: RoleCall, workspace="acme", user="erin", channel="general"):
        self.service, self.workspace, self.user, self.channel = service, workspace, user, channel

    def say(self, text: str, user=None, workspace=None, channel=None, platform="console") -> Reply:
        return self.service.handle(Message(
            platform, workspace or self.workspace, user or self.user, channel or self.channel, text
        ))  # fmt: skip

    def ok(self, text: str, **kw) -> str:
        reply = self.say(text, **kw)
        assert reply.ok, f"{text!r} failed: {reply.text}"
        return reply.text

    def fails(self, text: str, **kw) -> str:
        reply = self.say(text, **kw)
        assert not reply.ok, f"{text!r} should have failed: {reply.text}"
        assert "Traceback" not in reply.text
        return reply.text


SETUP = (
    'product add Web Store pm @alice vision "The easiest store for small shops"',
    "product constraint Web Store release-by 2027-03-01",
    "product constraint Web Store budget 80k",
    'product constraint Web Store out-of-scope "mobile app"',
    "project add Checkout for Web Store pm @dave ends 2027-02-15 budget 50k",
)


def set_up_store(chat: ChatDriver) -> None:
    for line in SETUP:
        chat.ok(line)
