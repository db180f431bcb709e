"""`rolecall slack-manifest`: the app manifest (YAML) to create the Slack app in one step."""

from adapters.slack.app import EVENTS_PATH, REDIRECT_PATH, SCOPES
from adapters.slack.commands import VERBS

BOT_EVENTS = ("app_home_opened", "app_mention", "app_uninstalled", "message.im", "tokens_revoked")
DESCRIPTIONS = {
    "/task": ("Log and track tasks", "add <title> [@person] [due <when>] [in <project>] | list"),
    "/who-owns": ("Who owns a decision: role, person, reason", "<question> [in <project>]"),
    "/decision": ("Log and list decisions", "log <text> [area <area>] | list"),
    "/project": ("Projects, baselines and scope drift", "add <name> | baseline | drift | use"),
    "/product": ("Products, metrics and constraints", "add <name> | metric | constraint"),
    "/standup": ("The channel's standup digest", "at <HH:MM> [tz <zone>] | now | off"),
    "/rolecall": ("Everything RoleCall does", "help | roles | owners | me | checkin …"),
}


def manifest(base_url: str | None, socket_mode: bool = False, name: str = "RoleCall") -> str:
    """YAML by hand (no YAML library needed); every value is quoted."""
    url = (base_url or "https://rolecall.example.com").rstrip("/")
    lines = [
        "display_information:",
        f'  name: "{name}"',
        '  description: "Keeps product and project manager responsibilities straight."',
        '  background_color: "#2c2d30"',
        "features:",
        "  app_home:",
        "    home_tab_enabled: true",
        "    messages_tab_enabled: true",
        "    messages_tab_read_only_enabled: false",
        "  bot_user:",
        f'    display_name: "{name}"',
        "    always_online: true",
        "  slash_commands:",
    ]
    for command in VERBS:
        description, hint = DESCRIPTIONS[command]
        lines += [f'    - command: "{command}"', f'      description: "{description}"',
                  f'      usage_hint: "{hint}"', "      should_escape: true"]  # fmt: skip
        if not socket_mode:
            lines.append(f'      url: "{url}{EVENTS_PATH}"')
    lines += ["  shortcuts:"]
    for callback, title, text in (
        ("log_as_task", "Log as task", "Turn this message into a RoleCall task"),
        ("who_owns_this", "Who owns this?", "Ask RoleCall who owns the decision in this message"),
    ):
        lines += [f'    - name: "{title}"', "      type: message",
                  f'      callback_id: "{callback}"', f'      description: "{text}"']  # fmt: skip
    lines += ["oauth_config:"]
    if not socket_mode:
        lines += ["  redirect_urls:", f'    - "{url}{REDIRECT_PATH}"']
    lines += ["  scopes:", "    bot:"] + [f'      - "{scope}"' for scope in SCOPES]
    lines += ["settings:", "  event_subscriptions:"]
    if not socket_mode:
        lines.append(f'    request_url: "{url}{EVENTS_PATH}"')
    lines += ["    bot_events:"] + [f'      - "{event}"' for event in BOT_EVENTS]
    lines += ["  interactivity:", "    is_enabled: true"]
    if not socket_mode:
        lines.append(f'    request_url: "{url}{EVENTS_PATH}"')
    lines += ["  org_deploy_enabled: false", f"  socket_mode_enabled: {str(socket_mode).lower()}",
              "  token_rotation_enabled: false"]  # fmt: skip
    return "\n".join(lines) + "\n"
