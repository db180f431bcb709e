"""`who owns`, decisions, roles and area owners."""

from dataclasses import dataclass

from domain import commands as c
from domain.areas import AREAS, DecisionArea, find_area
from domain.chat import Reply
from domain.classifier import classify
from domain.context import Scope
from domain.decisions import Decision, DecisionStatus
from domain.errors import NotFound, RoleCallError
from domain.ownership import Holder, Subject, describe, holder, owner_role, resolve_subject
from domain.roles import Role
from domain.text import quoted

_WHO_HOLDS = {
    Role.PRODUCT_MANAGER: "Name them: role @person product-manager <product> (or product add).",
    Role.PROJECT_MANAGER: "Name them: role @person project-manager <project> (or project add).",
}


@dataclass(frozen=True)
class OwnerAnswer:
    area: DecisionArea
    owner: Holder
    consult: tuple[Holder, ...]
    subject: Subject
    confident: bool
    alternative: tuple[DecisionArea, Holder] | None
    consult_if_constraint: Holder | None = None  # when the product has constraints to touch

    @property
    def text(self) -> str:
        first = f"Owner: {describe(self.owner)}."
        if not self.confident and self.alternative:
            other, other_owner = self.alternative
            first = f"Owner: probably {describe(self.owner)}."
        lines = [first, f"Area: {self.area.key} — {self.area.title}.", f"Why: {self.area.basis}"]
        consult = ", ".join(describe(h) for h in self.consult) or "no one else needed"
        if self.consult_if_constraint and self.subject.product:
            consult += (f"; {describe(self.consult_if_constraint)} if it touches "
                        f"{self.subject.product.name}'s release-by date or budget cap")  # fmt: skip
        lines.append(f"Consult: {consult}.")
        if self.owner.person is None:
            lines.append(_WHO_HOLDS[self.owner.role])
        if not self.confident and self.alternative:
            lines.append(
                f"Not sure: it may be {other.key} ({other.title}), owned by "
                f"{describe(other_owner)}. Both managers should agree."
            )
        return "\n".join(lines)


def answer(text: str, contexts: tuple[str, ...], s: Scope, area_key: str | None = None):
    found = classify(text)
    area = find_area(area_key) if area_key else found.area
    subject = resolve_subject(contexts, s)
    owned = area.owned_by(owner_role(area, s))
    roles = owned.consulted(found.touches_constraint)
    consult = tuple(holder(r, subject, s) for r in roles)
    conditional = owned.consult_on_constraint
    if conditional in roles or not (subject.product and subject.product.has_constraints):
        conditional = None
    alternative = None
    if not area_key and not found.confident and found.runner_up:
        other = found.runner_up.owned_by(owner_role(found.runner_up, s))
        alternative = (other, holder(other.owner, subject, s))
    confident = bool(area_key) or found.confident
    return OwnerAnswer(owned, holder(owned.owner, subject, s), consult, subject, confident,
                       alternative, conditional and holder(conditional, subject, s))  # fmt: skip


def who_owns(cmd: c.AskWhoOwns, s: Scope) -> Reply:
    result = answer(cmd.question, cmd.contexts, s)
    return Reply(result.text, public=True, data=result)


def log_decision(cmd: c.LogDecision, s: Scope) -> Reply:
    result = answer(cmd.text, cmd.contexts, s, cmd.area)
    owner = result.owner.person
    confirmed = owner is not None and owner.id == s.speaker.id
    workspace = s.uow.workspaces.lock(s.workspace)
    decision = s.uow.decisions.add(Decision(
        workspace_id=workspace.id, number=workspace.take_decision_number(), text=cmd.text,
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
    return Reply(f"{text}\n{quoted(cmd.text)}", public=True, data=decision)


def list_decisions(cmd: c.ListDecisions, s: Scope) -> Reply:
    project = s.project(cmd.project) if cmd.project else None
    decisions = s.uow.decisions.recent(s.workspace.id, project.id if project else None, None, 20)
    where = f" in {project.name}" if project else ""
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
    if decision.status == DecisionStatus.CONFIRMED:
        return Reply(f"{decision.ref} is already confirmed.")
    if decision.owner_id != s.speaker.id:
        owner = s.mention(decision.owner_id) if decision.owner_id else "its owner"
        role = Role(decision.owner_role).label if decision.owner_role else "owner"
        raise RoleCallError(f"Only the {role} ({owner}) can confirm {decision.ref}.")
    decision.status = DecisionStatus.CONFIRMED
    return Reply(f"Confirmed {decision.ref}: {quoted(decision.text)}", public=True, data=decision)


def assign_role(cmd: c.AssignRole, s: Scope) -> Reply:
    role = Role(cmd.role)
    target = s.product(cmd.target) if role == Role.PRODUCT_MANAGER else s.project(cmd.target)
    person = s.person(cmd.person)
    target.manager_id = person.id
    return Reply(f"{person.mention} is now the {role.label} of {target.name}.")


def list_roles(cmd: c.ListRoles, s: Scope) -> Reply:
    lines = [f"{p.name}: product manager {s.mention(p.manager_id)}"
             for p in s.uow.products.list(s.workspace.id)]  # fmt: skip
    lines += [f"{p.name}: project manager {s.mention(p.manager_id)}"
              for p in s.uow.projects.list(s.workspace.id)]  # fmt: skip
    if not lines:
        return Reply("No products or projects yet: product add <name> pm @person")
    return Reply("Roles:\n" + "\n".join(lines))


def set_area_owner(cmd: c.SetAreaOwner, s: Scope) -> Reply:
    area, role = find_area(cmd.area), Role(cmd.role)
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
