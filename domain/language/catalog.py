"""Setup commands: products, projects, roles, owners, standups, time zone and help."""

from domain.language import commands as c
from domain.language.arguments import bounded, parse_amount, parse_days, parse_time_of_day
from domain.language.tokens import Token, join, split_options
from domain.language.usage import USAGE
from domain.model.errors import RoleCallError
from domain.model.roles import parse_role
from domain.model.workspace import NO_CONSTRAINT

_CONSTRAINTS = {
    "release-by": "release-by", "release": "release-by", "releaseby": "release-by",
    "budget": "budget", "budget-cap": "budget", "out-of-scope": "out-of-scope",
    "oos": "out-of-scope", "exclude": "out-of-scope",
}  # fmt: skip


_ADD = ("add", "new", "create")
_UPDATE = ("update", "set", "edit", "change")


def _name(words: list[Token], form: str) -> str:
    return bounded(join(words), 120, "name", form)


def _sub(tokens: list[Token]) -> tuple[str, list[Token]]:
    return (tokens[0].word, tokens[1:]) if tokens else ("", [])


def _mention(option: list[Token] | None, form: str) -> str | None:
    if option is None:
        return None
    if len(option) != 1 or not option[0].mention:
        raise RoleCallError(f"“{join(option)[:40]}” is not a person; use @name.", USAGE[form])
    return option[0].mention


def parse_product(tokens: list[Token]) -> c.Command:
    sub, args = _sub(tokens)
    if sub in _ADD or sub in _UPDATE:
        form = "product add" if sub in _ADD else "product update"
        name, opts = split_options(args, single={"pm"}, multi={"vision"})
        if sum(bool(t.mention) for t in args) > 1:
            raise RoleCallError("A product has one manager, named after pm.", USAGE[form])
        if not join(name) or "@" in opts:
            raise RoleCallError("The product needs a name.", USAGE[form])
        if sub in _UPDATE and not opts:
            raise RoleCallError("Say what to change.", USAGE[form])
        vision = bounded(join(opts["vision"]), 1000, "vision", form) if "vision" in opts else None
        command = c.AddProduct if sub in _ADD else c.UpdateProduct
        return command(_name(name, form), _mention(opts.get("pm"), form), vision)
    if sub == "metric":
        if len(args) < 3:
            raise RoleCallError("Say the product, the metric and its target.", USAGE[
                "product metric"])  # fmt: skip
        metric = bounded(join(args[1:-1]), 120, "metric name", "product metric")
        target = bounded(args[-1].text, 60, "target", "product metric")
        return c.SetProductMetric(args[0].text, metric, target)
    if sub == "constraint":
        cut = next((i for i, t in enumerate(args[1:], 1) if t.word in _CONSTRAINTS), None)
        if not cut or cut == len(args) - 1:
            raise RoleCallError("Say the product, the constraint and its value.", USAGE[
                "product constraint"])  # fmt: skip
        kind, value = _CONSTRAINTS[args[cut].word], join(args[cut + 1 :]).strip()
        if not value:
            raise RoleCallError("Say the constraint's value.", USAGE["product constraint"])
        if kind == "budget" and value.lower() not in NO_CONSTRAINT:  # "budget none" lifts it
            parse_amount(value, "product constraint")
        value = bounded(value, 200, "constraint", "product constraint")
        return c.SetProductConstraint(join(args[:cut]), kind, value)
    if sub in ("list", "ls", ""):
        return c.ShowProducts()
    if sub in ("show", "info"):
        return c.ShowProducts(join(args) or None)
    raise RoleCallError(f"Unknown product command “{sub[:40]}”.", USAGE["product add"])


def parse_project(tokens: list[Token]) -> c.Command:
    sub, args = _sub(tokens)
    if sub in _ADD or sub in _UPDATE:
        form = "project add" if sub in _ADD else "project update"
        name, opts = split_options(args, single={"pm"}, multi={"for", "ends", "budget"})
        if sum(bool(t.mention) for t in args) > 1:
            raise RoleCallError("A project has one manager, named after pm.", USAGE[form])
        if not join(name) or "@" in opts:
            raise RoleCallError("The project needs a name.", USAGE[form])
        if sub in _UPDATE and not opts:
            raise RoleCallError("Say what to change.", USAGE[form])
        budget = join(opts["budget"]) if "budget" in opts else None
        command = c.AddProject if sub in _ADD else c.UpdateProject
        return command(
            name=_name(name, form),
            product=join(opts["for"]) if "for" in opts else None,
            manager=_mention(opts.get("pm"), form),
            ends=join(opts["ends"]) if "ends" in opts else None,
            budget=parse_amount(budget, form) if budget else None,
        )
    named = join(args) or None
    simple = {"baseline": c.SetBaseline, "drift": c.ShowDrift, "show": c.ShowProjects}
    if sub in simple:
        return simple[sub](named)
    if sub in ("list", "ls", ""):
        return c.ShowProjects()
    if sub == "use":
        if not named:
            raise RoleCallError("Say which project.", USAGE["project use"])
        return c.UseProject(named)
    raise RoleCallError(f"Unknown project command “{sub[:40]}”.", USAGE["project add"])


def parse_role_command(tokens: list[Token]) -> c.Command:
    if not tokens:
        return c.ListRoles()
    if not tokens[0].mention or len(tokens) < 3:
        raise RoleCallError("Say who, which role, and of what.", USAGE["role"])
    two_words = tokens[2].word == "manager"
    role = parse_role(join(tokens[1:3]) if two_words else tokens[1].text, USAGE["role"])
    target = join(tokens[3:] if two_words else tokens[2:])
    if not target:
        raise RoleCallError("Say which product or project.", USAGE["role"])
    return c.AssignRole(tokens[0].mention, role.value, target)


def parse_owners(tokens: list[Token]) -> c.Command:
    sub, args = _sub(tokens)
    if sub in ("", "list", "show"):
        return c.ShowOwners()
    if sub == "set" and len(args) >= 2:
        return c.SetAreaOwner(
            args[0].text.lower(), parse_role(join(args[1:]), USAGE["owners"]).value
        )
    raise RoleCallError("Say the area and its owner role.", USAGE["owners"])


def parse_standup(tokens: list[Token]) -> c.Command:
    sub, args = _sub(tokens)
    if sub in ("now", "run"):
        return c.RunStandup()
    if sub in ("off", "stop", "disable"):
        return c.StopStandup()
    if sub in ("", "show", "status"):
        return c.ShowStandup()
    if sub != "at" or not args:
        raise RoleCallError("Say when the standup digest is posted.", USAGE["standup"])
    time, opts = split_options(args, single={"tz"}, multi={"days", "in", "on"})
    days = opts.get("days") or opts.get("on")
    return c.ScheduleStandup(
        at=parse_time_of_day(join(time)),
        timezone=opts["tz"][0].text if "tz" in opts else None,
        days=parse_days(join(days)) if days else (0, 1, 2, 3, 4),
        project=join(opts["in"]) if "in" in opts else None,
    )


def parse_timezone(tokens: list[Token]) -> c.Command:
    if len(tokens) != 1:
        raise RoleCallError("Say your time zone.", USAGE["timezone"])
    return c.SetTimezone(tokens[0].text)


def parse_help(tokens: list[Token]) -> c.Command:
    return c.Help(tokens[0].word or None if tokens else None)


SETUP_VERBS = {
    "product": parse_product,
    "products": parse_product,
    "project": parse_project,
    "projects": parse_project,
    "role": parse_role_command,
    "roles": lambda tokens: c.ListRoles(),
    "owners": parse_owners,
    "owner": parse_owners,
    "standup": parse_standup,
    "timezone": parse_timezone,
    "tz": parse_timezone,
    "help": parse_help,
    "me": lambda tokens: c.ShowMine(),
    "mine": lambda tokens: c.ShowMine(),
    "home": lambda tokens: c.ShowMine(),
    "?": parse_help,
}
