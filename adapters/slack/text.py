"""Slack text in and out: mentions and entities to the core's plain text, and back to mrkdwn
that can never ping a channel or disguise a link."""

import html
import re

_USER = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)(?:\|([^>]*))?>")
_SPECIAL = re.compile(r"<!(channel|here|everyone)(?:\|[^>]*)?>")
_SUBTEAM = re.compile(r"<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")
_CORE_MENTION = re.compile(r"(?<![\w<@])@([UW][A-Z0-9]+)\b")
_LEADING_BOT = re.compile(r"^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,:]*")


def mentioned_users(text: str) -> list[str]:
    return list(dict.fromkeys(_USER.findall(text)))


def from_slack(text: str, strip_bot_mention: bool = False) -> str:
    """Slack's wire text to the core's plain text: `<@U1|ann>` → `@U1`, `<#C1|general>` →
    `#general`, `<!channel>` → `@channel`, links to their text, `&lt;` → `<`."""
    if strip_bot_mention:
        text = _LEADING_BOT.sub("", text, count=1)
    text = _USER.sub(lambda m: f"@{m.group(1)}", text)
    text = _CHANNEL.sub(lambda m: f"#{m.group(2) or m.group(1)}", text)
    text = _SPECIAL.sub(lambda m: f"@{m.group(1)}", text)
    text = _SUBTEAM.sub(lambda m: m.group(1) or "@team", text)
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    return html.unescape(text)


def escape(text: str) -> str:
    """Slack's three control characters, so user text is shown, never interpreted."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_mrkdwn(text: str) -> str:
    """The core's plain text as safe mrkdwn: escaped, then `@U123` made a real mention."""
    return _CORE_MENTION.sub(lambda m: f"<@{m.group(1)}>", escape(text))
