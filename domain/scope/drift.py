"""Project drift (→ project manager) and product-constraint breaches
(→ product manager): the two baselines of DESIGN §1."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import islice

from domain.model.baselines import Baseline
from domain.model.calendar import show_day
from domain.model.tasks import Status, TaskFacts
from domain.model.workspace import Product, Project


class Level(StrEnum):
    OK = "ok"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True)
class Drift:
    baseline: Baseline
    added: tuple[TaskFacts, ...]
    removed: tuple[TaskFacts, ...]
    ratio: float
    by_estimate: bool
    level: Level
    end_moved: tuple[date | None, date | None] | None
    budget_raised: tuple[float | None, float | None] | None


def measure_drift(
    baseline: Baseline, project: Project, tasks: list[TaskFacts], amber: float, red: float
) -> Drift:
    by_id = {t.id: t for t in tasks}
    current = {t.id for t in tasks if t.status != Status.DROPPED}
    planned = set(baseline.task_ids)
    added = [by_id[i] for i in sorted(current - planned)]
    removed = [by_id[i] for i in sorted(planned - current) if i in by_id]
    estimates = baseline.estimates  # by task id, as text (it is stored as JSON)
    planned_keys = {str(i) for i in planned}
    by_estimate = planned_keys <= estimates.keys() and all(t.estimate is not None for t in added)
    planned_estimate = sum(estimates.get(key, 0.0) for key in planned_keys)
    if by_estimate and planned_estimate > 0:
        changed = sum(t.estimate for t in added) + sum(
            baseline.estimates[str(t.id)] for t in removed
        )
        ratio = changed / planned_estimate
    else:
        by_estimate = False
        ratio = (len(added) + len(removed)) / max(1, len(planned))
    end_moved = _later(baseline.ends_on, project.ends_on)
    budget_raised = _later(baseline.budget, project.budget)
    share = round(ratio, 9)  # 0.7 / 7 is 0.0999…: exactly on a threshold counts as reaching it
    level = Level.RED if share >= red else Level.AMBER if share >= amber else Level.OK
    if level == Level.OK and (end_moved or budget_raised):
        level = Level.AMBER  # schedule or budget drift is drift even with the same tasks
    return Drift(
        baseline, tuple(added), tuple(removed), ratio, by_estimate, level, end_moved, budget_raised
    )


def _later(before, now):
    if now is not None and (before is None or now > before):
        return (before, now)
    return None


@dataclass(frozen=True)
class Breach:
    kind: str  # "release-by" | "budget-cap" | "out-of-scope"
    detail: str
    key: str  # stable identity, so a warning is sent once per breach


def find_breaches(product: Product, project: Project, tasks: list[TaskFacts],
                  cap: int | None = None) -> list[Breach]:  # fmt: skip
    """Every breach, or the first `cap` of them (a digest shows three)."""
    return list(islice(_breaches(product, project, tasks), cap))


def _breaches(product: Product, project: Project, tasks: list[TaskFacts]) -> Iterator[Breach]:
    open_tasks = [t for t in tasks if t.is_open]
    if product.release_by:
        limit = product.release_by
        if project.ends_on and project.ends_on > limit:
            yield Breach(
                "release-by",
                f"project {project.name} ends {show_day(project.ends_on)}, after "
                f"{product.name}'s release-by date {show_day(limit)}",
                f"release-by:project:{project.ends_on}:{limit}",
            )
        for task in open_tasks:
            if task.due_on and task.due_on > limit:
                yield Breach(
                    "release-by",
                    f"task {task.ref} “{task.title}” is due {show_day(task.due_on)}, after "
                    f"the release-by date {show_day(limit)}",
                    f"release-by:task:{task.id}:{task.due_on}:{limit}",
                )
    if product.budget_cap is not None and project.budget and project.budget > product.budget_cap:
        yield Breach(
            "budget-cap",
            f"project budget {project.budget:,.0f} exceeds {product.name}'s budget cap "
            f"{product.budget_cap:,.0f}",
            f"budget-cap:{project.budget}:{product.budget_cap}",
        )
    for area in product.out_of_scope:
        for task in open_tasks:
            if matches_area(task.title, area):
                yield Breach(
                    "out-of-scope",
                    f"task {task.ref} “{task.title}” is in an out-of-scope area: {area}",
                    f"out-of-scope:{task.id}:{area.casefold()}",
                )


_STOP = {"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "with", "any"}


def _singular(word: str) -> str:
    """A light singular, so "mobile apps", "searches", "categories" meet their area."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(text: str) -> set[str]:
    return {_singular(w) for w in re.findall(r"\w+", text.casefold()) if w not in _STOP}


def matches_area(title: str, area: str) -> bool:
    """Every significant word of the area appears in the title ("mobile app" ~ "Mobile apps")."""
    wanted = _words(area)
    return bool(wanted) and wanted <= _words(title)
