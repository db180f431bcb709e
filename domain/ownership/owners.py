"""Who owns what: the area's owner role (with workspace overrides), the concrete person from
the project or product in context, and who to consult."""

import re
from dataclasses import dataclass

from domain.model.context import Scope
from domain.model.errors import RoleCallError
from domain.model.roles import Role
from domain.model.workspace import Person, Product, Project
from domain.ownership.areas import DecisionArea


@dataclass(frozen=True)
class Subject:
    """The project and/or product a question or decision is about."""

    project: Project | None = None
    product: Product | None = None
    named: str | None = None  # the trailing `in <name>` that chose it, if any
    mentioned: str | None = None  # or the name as the question says it, anywhere in it
    names_said: tuple[str, ...] = ()  # every project or product name the question says

    @property
    def name(self) -> str | None:
        """The project's name, unless the question named the product itself."""
        said = (self.named or self.mentioned or "").casefold()
        if self.product and said == self.product.name.casefold():
            return self.product.name
        item = self.project or self.product
        return item.name if item else None


@dataclass(frozen=True)
class Holder:
    role: Role
    person: Person | None
    of: str | None  # the project or product name the role is held for


def resolve_subject(contexts: tuple[str, ...], s: Scope, text: str = "") -> Subject:
    """A trailing `in <name>` naming a project or product, else one named anywhere in the
    question, else the channel's default project, else the workspace's only project or only
    product."""
    for candidate in contexts:
        if project := s.uow.projects.by_name(s.workspace.id, candidate):
            return Subject(project, _product_of(project, s), candidate)
        if product := s.uow.products.by_name(s.workspace.id, candidate):
            return Subject(_only_project_of(product, s), product, candidate)
    if found := _mentioned(text, s):
        item, said = found[0][2:]
        names = tuple(words for *_, words in found)
        if isinstance(item, Project):
            return Subject(item, _product_of(item, s), mentioned=said, names_said=names)
        return Subject(_only_project_of(item, s), item, mentioned=said, names_said=names)
    if project := s.default_project():
        return Subject(project, _product_of(project, s))
    products = s.uow.products.list(s.workspace.id)
    if len(products) == 1:
        return Subject(_only_project_of(products[0], s), products[0])
    return Subject()


def _mentioned(text: str, s: Scope) -> list[tuple[bool, int, Project | Product, str]]:
    """The projects and products whose names the question says ("the roadmap for Ledger
    API"), with the words as said, best first: a project before a product (it brings its
    product along), then the longest name. A one-word name counts only as written
    (capitalised): "Budget" the project is not every question about the budget."""
    matches = []
    for item in [*s.uow.projects.list(s.workspace.id), *s.uow.products.list(s.workspace.id)]:
        loose = " " in item.name.strip() or any(ch.isdigit() for ch in item.name)
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, item.name.split())) + r"(?!\w)"
        if item.name.strip():
            matches += [
                (item, m) for m in re.finditer(pattern, text, re.IGNORECASE if loose else 0)
            ]
    spans = [m.span() for _, m in matches]
    found = {}
    for item, m in matches:  # "Ledger" inside "Ledger API" is not said on its own
        inside = any(a <= m.start() and m.end() <= b and (a, b) != m.span() for a, b in spans)
        key = (isinstance(item, Project), item.id)
        if not inside and key not in found:
            found[key] = (isinstance(item, Project), len(m.group()), item, m.group())
    return sorted(found.values(), key=lambda f: f[:2], reverse=True)


def owner_role(area: DecisionArea, s: Scope) -> Role:
    override = s.uow.area_owners.of_workspace(s.workspace.id).get(area.key)
    return Role(override) if override else area.owner


def holder(role: Role, subject: Subject, s: Scope) -> Holder:
    item = subject.product if role == Role.PRODUCT_MANAGER else subject.project
    if item is None:
        return Holder(role, None, None)
    return Holder(role, s.person_by_id(item.manager_id), item.name)


def describe(h: Holder) -> str:
    """ "the project manager, @dave (Checkout)" or "the project manager (nobody holds it …)"."""
    if h.person:
        return f"the {h.role.label}, {h.person.mention}" + (f" ({h.of})" if h.of else "")
    if h.of:
        return f"the {h.role.label} of {h.of} (no one holds that role yet)"
    return f"the {h.role.label}"


def _product_of(project: Project, s: Scope) -> Product | None:
    return s.uow.products.get(project.product_id) if project.product_id else None


def _only_project_of(product: Product, s: Scope) -> Project | None:
    projects = [p for p in s.uow.projects.list(s.workspace.id) if p.product_id == product.id]
    return projects[0] if len(projects) == 1 else None


def require_manager(item: Product | Project, s: Scope, action: str) -> None:
    """Once a product or project has a manager, only they change who manages it or replace
    its baseline; for a project, its product's manager may too."""
    allowed = {item.manager_id}
    if isinstance(item, Project) and (product := _product_of(item, s)):
        allowed.add(product.manager_id)
    allowed.discard(None)
    if allowed and s.speaker.id not in allowed:
        names = " or ".join(sorted(s.mention(m) for m in allowed))
        raise RoleCallError(f"Only {names} can {action} {item.name}.")
