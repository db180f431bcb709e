"""Teams text in and out: `<at>` mentions to the core's `@handle`s, and `@handle`s back to
the names people know."""

import hashlib
import html
import re

_AT = re.compile(r"<at>(.*?)</at>", re.IGNORECASE | re.DOTALL)
_CORE_MENTION = re.compile(r"(?<![\w@])@([\w.\-]{1,80})")
_SPACES = re.compile(r"[ \t]+")
_CHANNEL_LIMIT = 150


def handle_of(user_id: str) -> str:
    """A person's handle in RoleCall from their Teams id (`29:1AbC…`, up to ~100 characters,
    longer than a handle may be): short, stable, and the same whether they speak or are
    mentioned."""
    return "t" + hashlib.sha256(user_id.encode()).hexdigest()[:15]


def channel_of(conversation_id: str) -> str:
    """A conversation's channel key: a channel thread (`19:…;messageid=…`) is its channel."""
    key = conversation_id.split(";", 1)[0]
    if len(key) <= _CHANNEL_LIMIT:
        return key
    return "teams-" + hashlib.sha256(key.encode()).hexdigest()[:24]


def from_teams(text: str, mentions: list[dict], bot_id: str | None) -> tuple[str, list[dict]]:
    """The core's plain text from a Teams message: the bot's own mention dropped, other
    people's mentions as `@handle`, entities unescaped. Returns the text and the people
    mentioned as `{"handle", "name"}`."""
    people = []
    for mention in mentions:
        tagged, who = mention.get("text") or "", mention.get("mentioned") or {}
        if not tagged or not who.get("id"):
            continue
        if who["id"] == bot_id:
            text = text.replace(tagged, " ", 1)
            continue
        handle, name = handle_of(who["id"]), who.get("name") or _AT.sub(r"\1", tagged)
        text = text.replace(tagged, f" @{handle} ", 1)
        # "<at>Ana</at> <at>Ruiz</at>", one person's name in two tags: one mention, one name
        joined = re.sub(rf"(@{handle})(?:\s+@{handle}(?!\w))+", r"\1", text)
        if joined != text and people and people[-1]["handle"] == handle:
            people[-1]["name"] += f" {name}"
        else:
            people.append({"handle": handle, "name": name})
        text = joined
    text = _AT.sub(lambda m: m.group(1), text)  # a tag with no entity: its words
    return _SPACES.sub(" ", html.unescape(text).replace("\xa0", " ")).strip(), people


def core_mentions(text: str) -> list[str]:
    return list(dict.fromkeys(h.rstrip(".-") for h in _CORE_MENTION.findall(text)))


def to_teams(text: str, names: dict[str, str], here: str | None = None,
             here_name: str = "this chat") -> str:  # fmt: skip
    """The core's text for people: `@handle` as the person's name where it is known, and the
    current conversation's channel key as "this chat"."""
    if here:
        text = text.replace(f"#{here}", here_name)
        if text.startswith(here_name):  # "This chat now defaults to …"
            text = here_name[:1].upper() + text[1:]
    return _CORE_MENTION.sub(lambda m: _name(m.group(1), names), text)


def _name(handle: str, names: dict[str, str]) -> str:
    """`@t1a2b.` → `Ann Lee.`: a sentence's full stop is not part of the handle."""
    bare = handle.rstrip(".-")
    return names[bare] + handle[len(bare) :] if bare in names else f"@{handle}"
