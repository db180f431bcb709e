"""Scope checks in a scheduler pass, for projects whose tasks or constraints changed: drift
(amber, red) to the project manager; product-constraint breaches to both managers."""

from domain.delivery.passes import PassContext
from domain.model.roles import Role
from domain.model.workspace import Project
from domain.scope.drift import Level
from domain.scope.report import drift_lines, drift_summary, scope_report

_RANK = {Level.AMBER: 1, Level.RED: 2}


def check_scope(p: PassContext, project: Project) -> None:
    project.scope_dirty = False
    ws = p.workspace(project.workspace_id)
    report = scope_report(project, p.uow, ws.drift_amber, ws.drift_red)
    manager = p.person(project.manager_id)
    drift = report.drift
    level = drift.level if drift else Level.OK
    if level == Level.OK:
        project.drift_told = None  # back in bounds: drifting again is news again
    elif manager is None:
        p.missing(ws, project, Role.PROJECT_MANAGER, "the scope drift warning", project.name)
    elif _RANK[level] > _RANK.get(project.drift_told, 0):  # told once per rise, never again
        text = f"Scope drift in {project.name}: {drift_summary(drift)}.\n" + "\n".join(
            drift_lines(drift))  # fmt: skip
        key = f"drift:{project.id}:{drift.baseline.id}:{level}:{p.now:%Y%m%dT%H%M}"
        p.queue(ws, key, manager, "drift", text, project=project.name)
        project.drift_told = level
    product = report.product
    if not report.breaches:
        return
    product_manager = p.person(product.manager_id)
    if product_manager is None:
        what = f"the {product.name} constraint breach"
        p.missing(ws, project, Role.PRODUCT_MANAGER, what, product.name)
    recipients = {x.id: x for x in (product_manager, manager) if x}
    for breach in report.breaches:
        text = f"Product constraint breach in {project.name} ({product.name}): {breach.detail}."
        for person in recipients.values():
            key = f"breach:{project.id}:{breach.key}:{person.id}"
            p.queue(ws, key, person, "breach", text, project=project.name)
