"""The answer to `who owns …` (and the owner of a decision): area, owner role and person,
the seed's reason, who to consult, and what to do when the question or context is unclear."""

import re
from dataclasses import dataclass

from domain.model.context import Scope
from domain.model.errors import RoleCallError
from domain.model.roles import Role
from domain.ownership.areas import DecisionArea, find_area
from domain.ownership.classifier import classify
from domain.ownership.owners import Holder, Subject, describe, holder, owner_role, resolve_subject

_PRODUCT_AREAS = (
    "vision, client needs, metrics, competitors, lifecycle, cross-team, pricing, market"
)
_PROJECT_AREAS = "scope, timeline, budget, process, tasks, stakeholders, risks"


@dataclass(frozen=True)
class OwnerAnswer:
    question: str  # without the `in <name>` that chose the subject
    area: DecisionArea
    owner: Holder
    consult: tuple[Holder, ...]
    subject: Subject
    confident: bool
    alternative: tuple[DecisionArea, Holder] | None
    consult_if_constraint: Holder | None
    unclear: tuple[Holder, Holder] | None  # no area named at all: (product, project) holders
    choices: bool  # several projects or products could be meant

    @property
    def text(self) -> str:
        if self.unclear:
            product, project = self.unclear
            return (f"Owner: unclear — the question names no decision area I know.\n"
                    f"Product questions ({_PRODUCT_AREAS}) go to {describe(product)}; project "
                    f"questions ({_PROJECT_AREAS}) go to {describe(project)}.\n"
                    "Say what it is about, e.g. who owns the launch date?")  # fmt: skip
        maybe = "" if self.confident else "probably "
        lines = [f"Owner: {maybe}{describe(self.owner)}.",
                 f"Area: {self.area.key} — {self.area.title}.", f"Why: {self._why()}"]  # fmt: skip
        consult = ", ".join(describe(h) for h in self.consult)
        if self.consult_if_constraint and self.subject.product:
            when = (f"{describe(self.consult_if_constraint)} if it touches "
                    f"{self.subject.product.name}'s release-by date or budget cap")  # fmt: skip
            consult = f"{consult}; {when}" if consult else f"only {when}"
        consult = consult or "no one else needed"
        lines.append(f"Consult: {consult}.")
        if self.owner.person is None:
            lines.append(self._how_to_name_the_owner())
        if not self.confident and self.alternative:
            other, other_owner = self.alternative
            if other_owner.role == self.owner.role:  # the same manager either way
                lines.append(f"It may also be {other.key} ({other.title}): the same owner.")
            else:
                lines.append(f"Not sure: it may be {other.key} ({other.title}), owned by "
                             f"{describe(other_owner)}. Both managers should agree.")  # fmt: skip
        return "\n".join(lines)

    def _why(self) -> str:
        seed_owner = find_area(self.area.key).owner
        if seed_owner == self.owner.role:
            return self.area.basis
        return (f"this workspace gives {self.area.key} decisions to the {self.owner.role.label} "
                f"(owners set). The seed says: {self.area.basis}")  # fmt: skip

    def _how_to_name_the_owner(self) -> str:
        kind = "product" if self.owner.role == Role.PRODUCT_MANAGER else "project"
        if self.choices and not self.owner.of:
            return (f"Which {kind}? Add “in <{kind}>” to the question, or set this channel's "
                    "default: project use <project>.")  # fmt: skip
        return f"Name them: role @person {self.owner.role.value} <{kind}> (or {kind} add)."


def answer(text: str, contexts: tuple[str, ...], s: Scope, area_key: str | None = None,
           empty: RoleCallError | None = None) -> OwnerAnswer:  # fmt: skip
    subject = resolve_subject(contexts, s, text)
    question = without_context(text, subject.named)
    if empty and not question.strip(" ?!.,;:"):
        raise empty
    # The names' own words ("Launch", "Pulse Analytics") must not sway the classification.
    asked = question
    for name in sorted(subject.names_said, key=len, reverse=True):
        asked = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", asked)
    found = classify(asked)
    area = find_area(area_key) if area_key else found.area
    owned = area.owned_by(owner_role(area, s))
    roles = owned.consulted(found.touches_constraint)
    conditional = owned.consult_on_constraint
    if conditional in roles or not (subject.product and subject.product.has_constraints):
        conditional = None
    alternative = None
    if not area_key and not found.confident and found.runner_up:
        other = found.runner_up.owned_by(owner_role(found.runner_up, s))
        alternative = (other, holder(other.owner, subject, s))
    unclear = None
    if not area_key and found.unclear:
        unclear = (holder(Role.PRODUCT_MANAGER, subject, s),
                   holder(Role.PROJECT_MANAGER, subject, s))  # fmt: skip
    choices = len(s.uow.projects.list(s.workspace.id)) > 1 or len(
        s.uow.products.list(s.workspace.id)) > 1  # fmt: skip
    return OwnerAnswer(
        question, owned, holder(owned.owner, subject, s),
        tuple(holder(r, subject, s) for r in roles), subject,
        bool(area_key) or found.confident, alternative,
        conditional and holder(conditional, subject, s), unclear, choices,
    )  # fmt: skip


def without_context(text: str, named: str | None) -> str:
    """The question without the trailing `in <name>` that named its project or product, so
    the name's own words ("Launch", "Budget") do not sway the classification."""
    if not named:
        return text
    pattern = rf"\s*\bin\s+[\"“]?{re.escape(named)}[\"”]?\s*[?!.]*\s*$"
    return re.sub(pattern, "", text, flags=re.IGNORECASE).strip() or ""
