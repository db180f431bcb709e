"""Products and projects: create, describe, constrain, and the project's channel default."""

from domain.language import commands as c
from domain.language.arguments import parse_amount
from domain.language.dates import parse_day
from domain.language.usage import USAGE
from domain.model.calendar import show_day
from domain.model.chat import Reply
from domain.model.context import Scope
from domain.model.errors import RoleCallError
from domain.model.text import quoted
from domain.model.workspace import NO_CONSTRAINT, Product, Project
from domain.ownership.owners import require_manager
from domain.scope.drift import find_breaches
from domain.scope.report import drift_summary, scope_report


def add_product(cmd: c.AddProduct, s: Scope) -> Reply:
    if existing := s.uow.products.by_name(s.workspace.id, cmd.name):
        raise RoleCallError(f"There is already a product {existing.name}.", "product list")
    manager = s.person(cmd.manager) if cmd.manager else None
    product = s.uow.products.add(Product(
        s.workspace.id, cmd.name, manager_id=manager.id if manager else None, vision=cmd.vision
    ))  # fmt: skip
    who = (f"product manager {manager.mention}" if manager
           else f"no product manager yet (role @person product-manager {cmd.name})")  # fmt: skip
    return Reply(f"Product {product.name} added, {who}.", data=product)


def update_product(cmd: c.UpdateProduct, s: Scope) -> Reply:
    product = s.product(cmd.name)
    if cmd.manager:
        require_manager(product, s, "change the product manager of")
        product.manager_id = s.person(cmd.manager).id
    if cmd.vision:
        product.vision = cmd.vision
    return Reply(describe_product(product, s), data=product)


def set_metric(cmd: c.SetProductMetric, s: Scope) -> Reply:
    product, metric = _product_and_rest(f"{cmd.product} {cmd.name}".split(), cmd, s)
    product.set_metric(metric, cmd.target)
    return Reply(f"{product.name}: metric {metric}, target {cmd.target}.", data=product)


def _product_and_rest(words: list[str], cmd: c.SetProductMetric, s: Scope):
    """`product metric Harbor Analytics Suite weekly active teams 500`: the longest leading
    words that name a product are the product; the rest is the metric."""
    for cut in range(len(words) - 1, 0, -1):
        if product := s.uow.products.by_name(s.workspace.id, " ".join(words[:cut])):
            return product, " ".join(words[cut:])
    if s.uow.products.by_name(s.workspace.id, " ".join(words)):  # the last word is no target
        raise RoleCallError("Say the metric's name and its target.", USAGE["product metric"])
    s.product(cmd.product)  # raises the usual "no product" error, listing the products
    raise AssertionError("unreachable")


def set_constraint(cmd: c.SetProductConstraint, s: Scope) -> Reply:
    product = s.product(cmd.product)
    lifted = cmd.value.lower() in NO_CONSTRAINT
    if cmd.kind == "release-by":
        product.release_by = None if lifted else parse_day(cmd.value, s.tz, s.now)
        what = "no release-by date" if lifted else f"release by {show_day(product.release_by)}"
    elif cmd.kind == "budget":
        product.budget_cap = None if lifted else parse_amount(cmd.value, "product constraint")
        what = "no budget cap" if lifted else f"budget cap {product.budget_cap:,.0f}"
    elif lifted:
        product.out_of_scope, what = [], "nothing out of scope"
    elif cmd.value.lower().startswith("remove "):
        area = cmd.value[len("remove ") :].strip().strip('"“”')
        if not product.remove_out_of_scope(area):
            listed = ", ".join(quoted(a) for a in product.out_of_scope) or "nothing"
            raise RoleCallError(f"{quoted(area)} is not out of scope of {product.name} "
                                f"(out of scope: {listed}).")  # fmt: skip
        what = f"{quoted(area)} is no longer out of scope"
    else:
        product.add_out_of_scope(cmd.value)
        what = f"out of scope: {quoted(cmd.value)}"
    for project in s.uow.projects.list(s.workspace.id):
        if project.product_id == product.id:
            project.scope_dirty = True  # the scheduler re-checks breaches of the new constraint
    return Reply(f"{product.name} constraint set: {what}.", data=product)


def show_products(cmd: c.ShowProducts, s: Scope) -> Reply:
    if cmd.name:
        return Reply(describe_product(s.product(cmd.name), s))
    products = s.uow.products.list(s.workspace.id)
    if not products:
        return Reply("No products yet.\nTry: product add <name> pm @person")
    return Reply("Products:\n" + "\n".join(
        f"{p.name} — {s.holding('product manager', p.manager_id)}" for p in products
    ))  # fmt: skip


def describe_product(product: Product, s: Scope) -> str:
    lines = [f"{product.name} — {s.holding('product manager', product.manager_id)}"]
    if product.vision:
        lines.append(f"Vision: {product.vision}")
    lines += [f"Metric: {m['name']} → {m['target']}" for m in product.metrics]
    if product.release_by:
        lines.append(f"Release by: {show_day(product.release_by)}")
    if product.budget_cap is not None:
        lines.append(f"Budget cap: {product.budget_cap:,.0f}")
    if product.out_of_scope:
        lines.append("Out of scope: " + ", ".join(product.out_of_scope))
    return "\n".join(lines)


def add_project(cmd: c.AddProject, s: Scope) -> Reply:
    if existing := s.uow.projects.by_name(s.workspace.id, cmd.name):
        raise RoleCallError(f"There is already a project {existing.name}.", "project list")
    product = s.product(cmd.product) if cmd.product else None
    manager = s.person(cmd.manager) if cmd.manager else None
    ends_on = parse_day(cmd.ends, s.tz, s.now) if cmd.ends else None
    project = s.uow.projects.add(Project(
        s.workspace.id, cmd.name, product_id=product.id if product else None,
        manager_id=manager.id if manager else None, ends_on=ends_on, budget=cmd.budget,
        scope_dirty=True, created_at=s.now, channel=s.channel,
    ))  # fmt: skip
    return Reply(_with_breaches(describe_project(project, s, added=True), project, s), data=project)


def update_project(cmd: c.UpdateProject, s: Scope) -> Reply:
    project = s.project(cmd.name)
    if cmd.product:
        project.product_id = s.product(cmd.product).id
    if cmd.manager:
        require_manager(project, s, "change the project manager of")
        project.manager_id = s.person(cmd.manager).id
    if cmd.ends:
        project.ends_on = parse_day(cmd.ends, s.tz, s.now)
    if cmd.budget is not None:
        project.budget = cmd.budget
    project.scope_dirty = True
    return Reply(_with_breaches(describe_project(project, s), project, s), data=project)


def _with_breaches(text: str, project: Project, s: Scope) -> str:
    """Warn at once when the project itself breaks its product's constraints."""
    product = s.uow.products.get(project.product_id) if project.product_id else None
    breaches = find_breaches(product, project, []) if product else []
    return "\n".join([text] + [f"Warning: {b.detail}." for b in breaches])


def show_projects(cmd: c.ShowProjects, s: Scope) -> Reply:
    if cmd.name:
        project = s.project(cmd.name)
        lines = [describe_project(project, s), *_scope_lines(project, s)]
        return Reply("\n".join(lines), data=project)
    projects = s.uow.projects.list(s.workspace.id)
    if not projects:
        return Reply("No projects yet.\nTry: project add <name> [for <product>] pm @person")
    lines = [describe_project(p, s).split("\n")[0] for p in projects]
    return Reply("Projects:\n" + "\n".join(lines), data=projects)


def _scope_lines(project: Project, s: Scope) -> list[str]:
    """Where its scope stands: drift against the baseline, product constraints broken."""
    report = scope_report(project, s.uow, s.workspace.drift_amber, s.workspace.drift_red)
    lines = [
        f"Scope: {drift_summary(report.drift)}." if report.drift else "Scope: no baseline yet."
    ]
    if report.breaches:
        lines.append(f"{report.product.name} constraint breaches: {len(report.breaches)}.")
    if report.drift or report.breaches:
        lines.append(f"Details: project drift {project.name}")
    return lines


def describe_project(project: Project, s: Scope, added: bool = False) -> str:
    product = s.uow.products.get(project.product_id) if project.product_id else None
    head = f"Project {project.name} added" if added else f"{project.name}"
    parts = [f"for {product.name}" if product else "no product"]
    parts.append(s.holding("project manager", project.manager_id))
    if project.ends_on:
        parts.append(f"ends {show_day(project.ends_on)}")
    if project.budget is not None:
        parts.append(f"budget {project.budget:,.0f}")
    return f"{head}: " + ", ".join(parts) + "."


def use_project(cmd: c.UseProject, s: Scope) -> Reply:
    project = s.project(cmd.project)
    s.channel_settings().default_project_id = project.id
    return Reply(f"#{s.channel} now defaults to {project.name}.")
