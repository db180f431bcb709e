"""The shape of a Slack payload as far as bolt and RoleCall's listeners read it without
looking: a signed body that breaks it would fail inside them (a 500 and a traceback), so
`gate` refuses it with a 400. Only what is read unconditionally is required, so nothing
Slack really sends is refused."""

NONE = type(None)
# Fields bolt reads wherever they appear (a missing field is None).
ENVELOPE = {
    "team": (str, dict, NONE), "user": (str, dict, NONE), "enterprise": (str, dict, NONE),
    "event": (dict, NONE), "view": (dict, NONE), "authorizations": (list, NONE),
    "actions": (list, NONE), "channel": (str, dict, NONE), "message": (dict, NONE),
    "container": (dict, NONE),
}  # fmt: skip
# What each kind of payload must hold, by dotted path (a number indexes a list).
REQUIRED = {
    "command": {"user_id": str, "trigger_id": str, "text": (str, NONE)},
    "block_actions": {"user.id": str, "actions.0.action_id": str, "channel": (dict, NONE)},
    "view_submission": {"user.id": str, "view.state.values": dict},
    "message_action": {"user.id": str, "channel.id": str, "message.ts": str, "trigger_id": str},
    "event_callback": {"event.type": str},
    "event:app_mention": {"event.user": str, "event.channel": str, "event.text": str},
    "event:app_home_opened": {"event.user": str},
    "event:direct_message": {"event.user": str, "event.channel": str, "event.text": str},
    "event:tokens_revoked": {"event.tokens": (dict, NONE)},
}


def misshapen(body: dict) -> str | None:
    """The first field in the wrong shape (`"event.user"`), or None when all is well."""
    wanted = {**ENVELOPE}
    for kind in _kinds(body):
        wanted.update(REQUIRED.get(kind, {}))
    return next((path for path, types in wanted.items()
                 if not isinstance(_at(body, path), types)), None)  # fmt: skip


def _kinds(body: dict) -> list[str]:
    kind = "command" if "command" in body else str(body.get("type"))
    event = body.get("event")
    if kind != "event_callback" or not isinstance(event, dict):
        return [kind]
    name = event.get("type")
    if name == "message" and event.get("channel_type") == "im":
        name = None if event.get("subtype") or event.get("bot_id") else "direct_message"
    return [kind, f"event:{name}"]


def _at(body: dict, path: str):
    value = body
    for step in path.split("."):
        if isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and step.isdigit() and int(step) < len(value):
            value = value[int(step)]
        else:
            return None
    return value
