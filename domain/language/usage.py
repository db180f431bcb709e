"""The right form of every command, shown in errors and in `help`."""

from difflib import get_close_matches

USAGE = {
    "task add": "task add <title> [@person] [due <when>] [in <project>] [estimate <n>]",
    "task list": "task list [mine | @person | overdue | blocked | done | today | tomorrow | "
    "this week | next week | due <when> | in <project>]",
    "task status": "task done|start|drop|reopen|unblock <#n> [<#n> …]",
    "task block": "task block <#n> <reason>",
    "task due": "task due <#n> <when>",
    "task rename": "task rename <#n> <new title>",
    "task edit": "task edit <#n> [due <when>] [@person] [estimate <n>] [in <project>]",
    "task assign": "task assign <#n> [<#n> …] @person",
    "task show": "task show <#n>",
    "task snooze": "task snooze <#n>   (reminded again a day from now)",
    "task review": "task approve|defer <#n>   (an unplanned task in a baselined project)",
    "who owns": "who owns <question> [in <project or product>]",
    "decision log": "decision log <text> [area <area>] [in <project>]",
    "decision list": "decision list [in <project or product>]",
    "decision confirm": "decision confirm <D#n>",
    "decision reject": "decision reject <D#n> [reason]",
    "product add": 'product add <name> [pm @person] [vision "<text>"]',
    "product update": 'product update <name> [pm @person] [vision "<text>"]',
    "product metric": "product metric <product> <metric name> <target>",
    "product constraint": (
        'product constraint <product> release-by <date> | budget <n> | out-of-scope "<text>"'
        ' (none lifts one; out-of-scope remove "<text>")'
    ),
    "product list": "product list · product show <product>",
    "project add": "project add <name> [for <product>] [pm @person] [ends <date>] [budget <n>]",
    "project update": (
        "project update <name> [for <product>] [pm @person] [ends <date>] [budget <n>]"
    ),
    "project baseline": "project baseline <project>",
    "project drift": "project drift <project>",
    "project use": "project use <project>   (this channel's default project)",
    "project list": "project list · project show <project>",
    "role": "role @person product-manager <product> | project-manager <project>",
    "roles": "roles",
    "owners": "owners · owners set <area> <product-manager|project-manager>",
    "standup": (
        "standup at <HH:MM> [tz <Area/City>] [days mon-fri] [in <project>]"
        " · standup now · standup off"
    ),
    "checkin": "checkin yesterday: … today: … blockers: …",
    "timezone": "timezone <Area/City>   (yours, e.g. Europe/Berlin)",
    "me": "me   (your open tasks, what is due soon, blocked, decisions waiting for you, roles)",
    "help": (
        "help [task | who | decision | product | project | role | owners | standup | checkin"
        " | timezone | me | dates | all]"
    ),
}

TOPICS = {
    "task": [k for k in USAGE if k.startswith("task")],
    "who": ["who owns"],
    "decision": [k for k in USAGE if k.startswith("decision")],
    "product": [k for k in USAGE if k.startswith("product")],
    "project": [k for k in USAGE if k.startswith("project")],
    "role": ["role", "roles", "owners"],
    "standup": ["standup", "checkin"],
    "checkin": ["checkin"],
    "timezone": ["timezone"],
    "owner": ["owners"],
    "me": ["me"],
    "help": ["help"],
}


def usage(key: str) -> str:
    return USAGE[key]


def closest(word: str, options: list[str]) -> str | None:
    close = get_close_matches(word.lower(), options, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, options: list[str]) -> str:
    """ " Did you mean “list”?" for a near miss such as "lsit", else nothing."""
    close = get_close_matches(word.lower(), options, n=1, cutoff=0.6)
    return f" Did you mean “{close[0]}”?" if close else ""
