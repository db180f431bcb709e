"""Drift and breach reports, as text, for replies and notifications."""

import math
from dataclasses import dataclass

from domain.model.calendar import show_day
from domain.model.ports import AbstractUnitOfWork
from domain.model.text import quoted
from domain.model.workspace import Product, Project
from domain.scope.drift import Breach, Drift, find_breaches, measure_drift


@dataclass(frozen=True)
class ScopeReport:
    project: Project
    product: Product | None
    drift: Drift | None  # None when the project has no baseline
    breaches: tuple[Breach, ...]


def scope_report(project: Project, uow: AbstractUnitOfWork, amber: float, red: float,
                 breaches: int | None = None) -> ScopeReport:  # fmt: skip
    """Drift against the latest baseline and product-constraint breaches (the first
    `breaches` of them, where a reader shows only a few)."""
    baseline = uow.baselines.latest(project.id)
    product = uow.products.get(project.product_id) if project.product_id else None
    tasks = uow.tasks.facts_of_project(project.id) if baseline or product else []
    drift = measure_drift(baseline, project, tasks, amber, red) if baseline else None
    found = tuple(find_breaches(product, project, tasks, breaches)) if product else ()
    return ScopeReport(project, product, drift, found)


def drift_summary(drift: Drift) -> str:
    basis = "of the baselined estimate" if drift.by_estimate else (
        f"of {len(drift.baseline.task_ids)} baselined task"
        f"{'s' * (len(drift.baseline.task_ids) != 1)}")  # fmt: skip
    # Rounded down: 9.5 % is "9%", never a "10%" that seems to contradict its OK.
    share = f"{math.floor(drift.ratio * 100 + 1e-9)}%"
    return (f"{drift.level.upper()} — {share} {basis}: {len(drift.added)} added, "
            f"{len(drift.removed)} removed")  # fmt: skip


def drift_lines(drift: Drift) -> list[str]:
    since = show_day(drift.baseline.created_at.date()) if drift.baseline.created_at else "?"
    lines = [f"Baseline of {since}."]
    lines += [f"+ added {t.ref} {quoted(t.title)}" for t in drift.added[:10]]
    lines += [f"− removed {t.ref} {quoted(t.title)}" for t in drift.removed[:10]]
    more = len(drift.added) + len(drift.removed) - min(10, len(drift.added)) - min(
        10, len(drift.removed))  # fmt: skip
    if more > 0:
        lines.append(f"…and {more} more changes")
    if drift.end_moved:
        old, new = drift.end_moved
        lines.append(f"Schedule drift: the end moved from {old or 'none'} to {new}.")
    if drift.budget_raised:
        old, new = drift.budget_raised
        lines.append(f"Budget drift: raised from {old or 0:,.0f} to {new:,.0f}.")
    return lines


def breach_lines(report: ScopeReport, product_manager: str) -> list[str]:
    if not report.product:
        return []
    if not report.breaches:
        return [f"Product constraints of {report.product.name}: no breach."]
    head = f"Product constraint breaches of {report.product.name} (for {product_manager}):"
    return [head] + [f"! {b.detail}" for b in report.breaches[:10]]
