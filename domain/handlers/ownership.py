"""`who owns`, decisions, roles and area owners."""

from domain.delivery.quiet import next_working_moment
from domain.language import commands as c
from domain.language.usage import USAGE
from domain.model.chat import Reply
from domain.model.context import Scope
from domain.model.decisions import Decision, DecisionStatus
from domain.model.errors import NotFound, RoleCallError
from domain.model.notifications import Kind, Notification
from domain.model.roles import Role
from domain.model.text import quoted
from domain.model.workspace import Person
from domain.ownership.answers import answer
from domain.ownership.areas import AREAS, find_area
from domain.ownership.owners import describe, require_manager


def who_owns(cmd: c.AskWhoOwns, s: Scope) -> Reply:
    empty = RoleCallError("Ask a question after “who owns”.", USAGE["who owns"])
    result = answer(cmd.question, cmd.contexts, s, empty=empty)
    return Reply(result.text, public=True, data=result)


def log_decision(cmd: c.LogDecision, s: Scope) -> Reply:
    empty = RoleCallError("Say what was decided.", USAGE["decision log"])
    result = answer(cmd.text, cmd.contexts, s, cmd.area, empty)
    owner = result.owner.person
    confirmed = owner is not None and owner.id == s.speaker.id
    workspace = s.uow.workspaces.lock(s.workspace)
    decision = s.uow.decisions.add(Decision(
        workspace_id=workspace.id, number=workspace.take_decision_number(), text=result.question,
        area=result.area.key, decided_by_id=s.speaker.id,
        status=DecisionStatus.CONFIRMED if confirmed else DecisionStatus.PROPOSED,
        owner_role=result.owner.role.value, owner_id=owner.id if owner else None,
        project_id=result.subject.project.id if result.subject.project else None,
        product_id=result.subject.product.id if result.subject.product else None,
        created_at=s.now,
    ))  # fmt: skip
    where = f" for {result.subject.name}" if result.subject.name else ""
    if confirmed:
        text = f"Decision {decision.ref} logged{where} and confirmed ({result.area.key})."
    else:
        text = (f"Decision {decision.ref} logged{where} as proposed: {result.area.key} decisions "
                f"belong to {describe(result.owner)}.")  # fmt: skip
        if owner:
            text += f"\n{owner.mention} can confirm it: decision confirm {decision.ref}"
            _tell_owner(decision, owner, where, s)
    return Reply(f"{text}\n{quoted(result.question)}", public=True, data=decision)


def _tell_owner(decision: Decision, owner: Person, where: str, s: Scope) -> None:
    """The owner may not be in the conversation where it was logged: they hear of it, in
    their working hours."""
    s.uow.outbox.add(Notification(
        workspace_id=s.workspace.id, dedupe_key=f"{s.workspace.id}:decision:{decision.number}",
        platform=s.workspace.platform, to=owner.mention, kind=Kind.DECISION,
        text=(f"{s.speaker.mention} logged a {decision.area} decision{where}, yours to confirm: "
              f"{quoted(decision.text)}\nConfirm it: decision confirm {decision.ref}"),
        payload={"decision": decision.number}, created_at=s.now,
        next_attempt_at=next_working_moment(s.now, s.timezone_of(owner)),
    ))  # fmt: skip


def list_decisions(cmd: c.ListDecisions, s: Scope) -> Reply:
    """All, a project's, or a product's (its own and its projects')."""
    ws, name = s.workspace.id, cmd.project
    product = (
        s.uow.products.by_name(ws, name) if name and not s.uow.projects.by_name(ws, name) else None
    )
    project = s.project(name) if name and not product else None
    decisions = s.uow.decisions.recent(ws, project.id if project else None, None, 20,
                                       product_id=product.id if product else None)  # fmt: skip
    where = f" in {(project or product).name}" if project or product else ""
    if not decisions:
        return Reply(f"No decisions logged{where} yet.")
    lines = [
        f"{d.ref} [{d.status}] {d.text} — {d.area}, by {s.mention(d.decided_by_id)}"
        for d in decisions
    ]
    return Reply(f"Decisions{where} (latest first):\n" + "\n".join(lines), data=decisions)


def confirm_decision(cmd: c.ConfirmDecision, s: Scope) -> Reply:
    decision = s.uow.decisions.by_number(s.workspace.id, cmd.number)
    if decision is None:
        raise NotFound(f"There is no decision D{cmd.number} in this workspace.", "decision list")
    wanted = DecisionStatus.REJECTED if cmd.reject else DecisionStatus.CONFIRMED
    if decision.status != DecisionStatus.PROPOSED:
        return Reply(f"{decision.ref} is already {decision.status}.")
    allowed = _confirmers(decision, s)
    if allowed and s.speaker.id not in allowed:
        who = " or ".join(sorted(s.mention(p) for p in allowed))
        role = Role(decision.owner_role).label if decision.owner_role else "owner"
        verb = "reject" if cmd.reject else "confirm"
        raise RoleCallError(f"Only the {role} ({who}) can {verb} {decision.ref}.")
    decision.status, decision.reason = wanted, cmd.reason
    done = "Rejected" if cmd.reject else "Confirmed"
    why = f" — {cmd.reason}" if cmd.reason else ""
    return Reply(f"{done} {decision.ref}: {quoted(decision.text)}{why}", public=True,
                 data=decision)  # fmt: skip


def _confirmers(decision: Decision, s: Scope) -> set[int]:
    """Its owner. Logged with no owner: the current manager of its project (or product) for
    that role; with none, whoever holds the role in the workspace; nobody holding it, anyone."""
    if decision.owner_id:
        return {decision.owner_id}
    product_role = decision.owner_role == Role.PRODUCT_MANAGER
    kind = s.uow.products if product_role else s.uow.projects
    item_id = decision.product_id if product_role else decision.project_id
    item = kind.get(item_id) if item_id else None
    if item and item.manager_id:
        return {item.manager_id}
    return {each.manager_id for each in kind.list(s.workspace.id) if each.manager_id}


def assign_role(cmd: c.AssignRole, s: Scope) -> Reply:
    role = Role(cmd.role)
    target = s.product(cmd.target) if role == Role.PRODUCT_MANAGER else s.project(cmd.target)
    require_manager(target, s, f"change the {role.label} of")
    person = s.person(cmd.person)
    target.manager_id = person.id
    return Reply(f"{person.mention} is now the {role.label} of {target.name}.")


def list_roles(cmd: c.ListRoles, s: Scope) -> Reply:
    lines = [f"{p.name}: {s.holding('product manager', p.manager_id)}"
             for p in s.uow.products.list(s.workspace.id)]  # fmt: skip
    lines += [f"{p.name}: {s.holding('project manager', p.manager_id)}"
              for p in s.uow.projects.list(s.workspace.id)]  # fmt: skip
    if not lines:
        return Reply("No products or projects yet: product add <name> pm @person")
    return Reply("Roles:\n" + "\n".join(lines))


def set_area_owner(cmd: c.SetAreaOwner, s: Scope) -> Reply:
    area, role = find_area(cmd.area), Role(cmd.role)
    managers = {item.manager_id for repo in (s.uow.products, s.uow.projects)
                for item in repo.list(s.workspace.id) if item.manager_id}  # fmt: skip
    if managers and s.speaker.id not in managers:
        names = ", ".join(sorted(s.mention(m) for m in managers))
        raise RoleCallError(f"Only a product or project manager ({names}) can change who owns "
                            "which decisions.")  # fmt: skip
    s.uow.area_owners.set(s.workspace.id, area.key, role.value)
    default = "" if role == area.owner else f" (the seed's default is the {area.owner.label})"
    return Reply(f"{area.key} decisions are now owned by the {role.label}{default}.")


def show_owners(cmd: c.ShowOwners, s: Scope) -> Reply:
    overrides = s.uow.area_owners.of_workspace(s.workspace.id)
    lines = []
    for area in AREAS:
        role = Role(overrides.get(area.key, area.owner))
        mark = " (changed here)" if role != area.owner else ""
        lines.append(f"{area.key}: {role.label}{mark} — {area.title}")
    return Reply("Who owns which decisions:\n" + "\n".join(lines))
