"""Slack text in and out: mentions and entities to the core's plain text, and back to mrkdwn
that can never ping a channel or disguise a link."""

import html
import re

_USER = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)(?:\|([^>]*))?>")
_SPECIAL = re.compile(r"<!(channel|here|everyone)(?:\|[^>]*)?>")
_SUBTEAM = re.compile(r"<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")
# Slack turns a member's @name into <@U…>: an @word left as typed names nobody here.
# (Not inside a link's address, "…/@bob/post", nor a typed "@RoleCall" before a command.)
_PLAIN_AT = re.compile(r"(?<![\w<@&/.])@(?=[\w.\-])(?!rolecall(?![\w.\-]))", re.IGNORECASE)
# Slack user ids carry a digit ("U024BE7LH"); "@USA" in a title is not one.
_CORE_MENTION = re.compile(r"(?<![\w<@])@([UW](?=[A-Z0-9]*\d)[A-Z0-9]+)\b")
# Slack channel ids are 9 or more characters ("C024BE7LH"); "#G7" in a title is no channel.
_CORE_CHANNEL = re.compile(r"(?<![\w<#])#([CG](?=[A-Z0-9]*\d)[A-Z0-9]{8,})\b")
# Broadcasts and groups are shown with a full-width ＠: text, never a person to assign to.
NOT_A_PERSON = "\uff20"


def mentioned_users(text: str) -> list[str]:
    return list(dict.fromkeys(_USER.findall(text)))


def after_bot_mention(text: str, bot_user_id: str | None) -> str:
    """`hey <@UBOT> task add x` → `task add x`: the command follows the bot's own mention."""
    if bot_user_id:
        match = re.search(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>[\s,:]*", text)
        if match:
            return text[match.end() :]
    return text


def from_slack(text: str) -> str:
    """Slack's wire text to the core's plain text: `<@U1|ann>` → `@U1`, `<#C1|general>` →
    `#general`, `<!channel>` → `＠channel`, links to their text, `&lt;` → `<`; an `@name`
    Slack did not make a mention stays text (`＠name`): no person is made up from it."""
    text = _PLAIN_AT.sub(NOT_A_PERSON, text)
    text = _USER.sub(lambda m: f"@{m.group(1)}", text)
    text = _CHANNEL.sub(lambda m: f"#{m.group(2) or m.group(1)}", text)
    text = _SPECIAL.sub(lambda m: f"{NOT_A_PERSON}{m.group(1)}", text)
    text = _SUBTEAM.sub(lambda m: (m.group(1) or "@team").replace("@", NOT_A_PERSON), text)
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    return html.unescape(text)


def escape(text: str) -> str:
    """Slack's three control characters, so user text is shown, never interpreted."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_mrkdwn(text: str) -> str:
    """The core's plain text as safe mrkdwn: escaped, then `@U123` made a real mention and
    `#C123` a channel link."""
    text = _CORE_MENTION.sub(lambda m: f"<@{m.group(1)}>", escape(text))
    return _CORE_CHANNEL.sub(lambda m: f"<#{m.group(1)}>", text)
