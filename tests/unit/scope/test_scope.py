"""Scope drift against a baseline (→ project manager) and product-constraint breaches
(→ product manager), DESIGN §1."""

from datetime import timedelta

import pytest

from domain.model.baselines import Baseline
from domain.model.calendar import show_day
from domain.model.tasks import Status, Task
from domain.model.workspace import Product, Project
from domain.scope.drift import Level, find_breaches, matches_area, measure_drift
from tests.support import NOW, day

AMBER, RED = 0.10, 0.25
ENDS = day(95)  # the project's end, about three months on


def task(n: int, title: str = "", status: Status = Status.TODO, estimate=None, due=None) -> Task:
    return Task(
        workspace_id=1,
        number=n,
        title=title or f"task {n}",
        created_by_id=1,
        assignee_id=1,
        project_id=7,
        status=status,
        due_on=due,
        estimate=estimate,
        id=100 + n,
    )


def project(ends_on=ENDS, budget=10_000.0) -> Project:
    return Project(1, "Checkout", product_id=3, ends_on=ends_on, budget=budget, id=7)


def product(release_by=None, budget_cap=None, out_of_scope=()) -> Product:
    return Product(
        1,
        "Mobile App",
        release_by=release_by,
        budget_cap=budget_cap,
        out_of_scope=list(out_of_scope),
        id=3,
    )


def ten_tasks() -> list[Task]:
    return [task(n) for n in range(1, 11)]


def drift(baseline: Baseline, tasks: list[Task], proj: Project | None = None):
    return measure_drift(baseline, proj or project(), tasks, AMBER, RED)


# --- the baseline -------------------------------------------------------------------------


def test_a_baseline_freezes_the_task_set_end_date_and_budget():
    tasks = [task(2, estimate=3), task(1), task(3, status=Status.DONE)]
    baseline = Baseline.of(project(), tasks, NOW, by=5)
    assert baseline.task_ids == [101, 102, 103]
    assert baseline.estimates == {"102": 3}
    assert (baseline.ends_on, baseline.budget) == (ENDS, 10_000.0)
    assert (baseline.workspace_id, baseline.project_id) == (1, 7)
    assert (baseline.created_at, baseline.created_by_id) == (NOW, 5)


def test_a_dropped_task_is_not_part_of_the_baseline():
    baseline = Baseline.of(project(), [task(1), task(2, status=Status.DROPPED)], NOW, by=5)
    assert baseline.task_ids == [101]


def test_an_approved_task_joins_the_baseline_with_its_estimate():
    baseline = Baseline.of(project(), [task(1, estimate=2)], NOW, by=5)
    unplanned = task(2, estimate=4)
    baseline.approve(unplanned)
    assert baseline.task_ids == [101, 102]
    assert baseline.estimates == {"101": 2, "102": 4}
    assert drift(baseline, [task(1, estimate=2), unplanned]).ratio == 0


def test_approving_a_task_twice_changes_nothing():
    baseline = Baseline.of(project(), [task(1)], NOW, by=5)
    baseline.approve(task(2))
    baseline.approve(task(2))
    assert baseline.task_ids == [101, 102]


def test_approving_a_task_without_an_estimate_adds_no_estimate():
    baseline = Baseline.of(project(), [task(1, estimate=2)], NOW, by=5)
    baseline.approve(task(2))
    assert baseline.estimates == {"101": 2}


# --- drift by count -----------------------------------------------------------------------


def test_an_unchanged_project_has_no_drift():
    tasks = ten_tasks()
    result = drift(Baseline.of(project(), tasks, NOW, by=5), tasks)
    assert (result.ratio, result.level, result.added, result.removed) == (0, Level.OK, (), ())
    assert (result.end_moved, result.budget_raised) == (None, None)


def test_an_added_task_counts_against_the_baseline_size():
    tasks = ten_tasks()
    baseline = Baseline.of(project(), tasks, NOW, by=5)
    extra = task(11)
    result = drift(baseline, [*tasks, extra])
    assert result.added == (extra,)
    assert result.ratio == pytest.approx(0.1)
    assert not result.by_estimate


def test_a_dropped_task_counts_as_removed():
    tasks = ten_tasks()
    baseline = Baseline.of(project(), tasks, NOW, by=5)
    dropped = task(10, status=Status.DROPPED)
    result = drift(baseline, [*tasks[:9], dropped])
    assert result.removed == (dropped,)
    assert result.ratio == pytest.approx(0.1)


def test_a_done_task_is_still_in_scope():
    tasks = ten_tasks()
    baseline = Baseline.of(project(), tasks, NOW, by=5)
    result = drift(baseline, [*tasks[:9], task(10, status=Status.DONE)])
    assert (result.ratio, result.removed) == (0, ())


def test_added_and_removed_tasks_both_count():
    tasks = ten_tasks()
    baseline = Baseline.of(project(), tasks, NOW, by=5)
    now_tasks = [*tasks[:9], task(10, status=Status.DROPPED), task(11), task(12)]
    assert drift(baseline, now_tasks).ratio == pytest.approx(0.3)


def test_a_task_dropped_before_the_baseline_and_reopened_is_added():
    tasks = [*ten_tasks(), task(11, status=Status.DROPPED)]
    baseline = Baseline.of(project(), tasks, NOW, by=5)
    result = drift(baseline, [*ten_tasks(), task(11)])
    assert [t.number for t in result.added] == [11]


def test_any_task_in_an_empty_baseline_is_full_drift():
    result = drift(Baseline.of(project(), [], NOW, by=5), [task(1)])
    assert (result.ratio, result.level) == (1.0, Level.RED)


@pytest.mark.parametrize(
    ("size", "added", "level"),
    [
        (20, 1, Level.OK),  # 5 %
        (100, 9, Level.OK),  # 9 %
        (10, 1, Level.AMBER),  # exactly 10 %
        (20, 3, Level.AMBER),  # 15 %
        (100, 24, Level.AMBER),  # 24 %
        (4, 1, Level.RED),  # exactly 25 %
        (10, 5, Level.RED),  # 50 %
    ],
)
def test_the_level_is_ok_below_ten_percent_amber_below_twenty_five_red_above(size, added, level):
    tasks = [task(n) for n in range(1, size + 1)]
    baseline = Baseline.of(project(), tasks, NOW, by=5)
    extra = [task(n) for n in range(size + 1, size + added + 1)]
    assert drift(baseline, tasks + extra).level == level


def test_the_thresholds_are_the_workspaces_settings():
    tasks = ten_tasks()
    baseline = Baseline.of(project(), tasks, NOW, by=5)
    grown = [*tasks, task(11)]
    assert measure_drift(baseline, project(), grown, 0.05, 0.08).level == Level.RED
    assert measure_drift(baseline, project(), grown, 0.20, 0.50).level == Level.OK


# --- drift by estimate --------------------------------------------------------------------


def estimated() -> list[Task]:
    return [task(1, estimate=5), task(2, estimate=5), task(3, estimate=10)]


def test_drift_is_by_estimate_when_every_task_has_one():
    baseline = Baseline.of(project(), estimated(), NOW, by=5)
    result = drift(baseline, [*estimated(), task(4, estimate=1)])
    assert result.by_estimate
    assert result.ratio == pytest.approx(1 / 20)
    assert result.level == Level.OK  # one task in four would be 33 %: red by count


def test_a_large_added_estimate_is_red_though_it_is_one_task():
    baseline = Baseline.of(project(), estimated(), NOW, by=5)
    result = drift(baseline, [*estimated(), task(4, estimate=5)])
    assert (result.ratio, result.level) == (pytest.approx(0.25), Level.RED)


def test_a_removed_task_counts_with_its_baseline_estimate():
    baseline = Baseline.of(project(), estimated(), NOW, by=5)
    tasks = [task(1, estimate=5), task(2, estimate=5), task(3, status=Status.DROPPED, estimate=1)]
    assert drift(baseline, tasks).ratio == pytest.approx(10 / 20)


def test_an_added_task_without_an_estimate_falls_back_to_counting():
    baseline = Baseline.of(project(), estimated(), NOW, by=5)
    result = drift(baseline, [*estimated(), task(4)])
    assert not result.by_estimate
    assert result.ratio == pytest.approx(1 / 3)


def test_a_baseline_task_without_an_estimate_falls_back_to_counting():
    tasks = [task(1, estimate=5), task(2)]
    baseline = Baseline.of(project(), tasks, NOW, by=5)
    result = drift(baseline, [*tasks, task(3, estimate=1)])
    assert not result.by_estimate
    assert result.ratio == pytest.approx(1 / 2)


# --- schedule and budget drift ------------------------------------------------------------


def test_an_end_date_moved_later_lifts_ok_to_amber():
    tasks = ten_tasks()
    baseline = Baseline.of(project(), tasks, NOW, by=5)
    later = ENDS + timedelta(days=31)
    result = drift(baseline, tasks, project(ends_on=later))
    assert (result.level, result.end_moved) == (Level.AMBER, (ENDS, later))


def test_a_raised_budget_lifts_ok_to_amber():
    tasks = ten_tasks()
    baseline = Baseline.of(project(), tasks, NOW, by=5)
    result = drift(baseline, tasks, project(budget=12_000.0))
    assert (result.level, result.budget_raised) == (Level.AMBER, (10_000.0, 12_000.0))


def test_an_earlier_end_or_a_smaller_budget_is_not_drift():
    tasks = ten_tasks()
    baseline = Baseline.of(project(), tasks, NOW, by=5)
    result = drift(baseline, tasks, project(ends_on=ENDS - timedelta(days=60), budget=8_000.0))
    assert (result.level, result.end_moved, result.budget_raised) == (Level.OK, None, None)


def test_schedule_drift_does_not_lower_a_red_level():
    tasks = [task(n) for n in range(1, 5)]
    baseline = Baseline.of(project(), tasks, NOW, by=5)
    result = drift(baseline, [*tasks, task(5)], project(ends_on=ENDS + timedelta(days=63)))
    assert result.level == Level.RED


# --- product-constraint breaches ----------------------------------------------------------


def test_a_project_ending_after_the_release_by_date_is_a_breach():
    limit = ENDS - timedelta(days=29)
    breaches = find_breaches(product(release_by=limit), project(), [])
    assert [b.kind for b in breaches] == ["release-by"]
    assert show_day(ENDS) in breaches[0].detail and show_day(limit) in breaches[0].detail


def test_a_project_ending_on_the_release_by_date_is_not_a_breach():
    assert find_breaches(product(release_by=ENDS), project(), []) == []


def test_an_open_task_due_after_the_release_by_date_is_a_breach():
    limit = ENDS + timedelta(days=1)
    tasks = [
        task(1, "on the day", due=limit),
        task(2, "a day late", due=limit + timedelta(days=1)),
        task(3, "blocked and late", Status.BLOCKED, due=limit + timedelta(days=31)),
        task(4, "no due date"),
    ]
    breaches = find_breaches(product(release_by=limit), project(), tasks)
    assert [b.detail.split(" ")[1] for b in breaches] == ["#2", "#3"]
    assert {b.kind for b in breaches} == {"release-by"}


@pytest.mark.parametrize("status", [Status.DONE, Status.DROPPED])
def test_a_closed_task_due_after_the_release_by_date_is_ignored(status):
    limit = ENDS + timedelta(days=1)
    tasks = [task(1, status=status, due=limit + timedelta(days=31))]
    assert find_breaches(product(release_by=limit), project(), tasks) == []


def test_a_budget_over_the_cap_is_a_breach():
    breaches = find_breaches(product(budget_cap=8_000.0), project(budget=10_000.0), [])
    assert [b.kind for b in breaches] == ["budget-cap"]
    assert "10,000" in breaches[0].detail and "8,000" in breaches[0].detail


@pytest.mark.parametrize("budget", [8_000.0, 5_000.0, None])
def test_a_budget_within_the_cap_or_unset_is_not_a_breach(budget):
    assert find_breaches(product(budget_cap=8_000.0), project(budget=budget), []) == []


def test_a_task_in_an_out_of_scope_area_is_a_breach():
    tasks = [task(1, "Build the Desktop Apps installer"), task(2, "Fix the checkout")]
    breaches = find_breaches(product(out_of_scope=["desktop app"]), project(), tasks)
    assert [(b.kind, b.key) for b in breaches] == [("out-of-scope", "out-of-scope:101:desktop app")]


def test_a_closed_task_in_an_out_of_scope_area_is_ignored():
    tasks = [task(1, "Desktop app beta", Status.DONE)]
    assert find_breaches(product(out_of_scope=["desktop app"]), project(), tasks) == []


def test_a_product_without_constraints_has_no_breaches():
    tasks = [task(1, "Desktop app", due=day(1130))]
    assert find_breaches(product(), project(budget=1e9), tasks) == []


def test_a_breach_key_is_stable_and_changes_when_the_dates_change():
    limit = ENDS + timedelta(days=1)
    late = [task(2, due=limit + timedelta(days=1))]
    first = find_breaches(product(release_by=limit), project(), late)
    again = find_breaches(product(release_by=limit), project(), late)
    later = find_breaches(
        product(release_by=limit), project(), [task(2, due=limit + timedelta(days=8))]
    )
    assert [b.key for b in first] == [b.key for b in again]
    assert [b.key for b in first] != [b.key for b in later]


@pytest.mark.parametrize(
    ("title", "area", "matches"),
    [
        ("Mobile apps for iOS", "mobile app", True),
        ("Build the Desktop Apps installer", "desktop app", True),
        ("apps for the desktop", "desktop app", True),  # order does not matter
        ("Fix payment flow", "payments", True),
        ("Payments page", "payment", True),
        ("Run an A/B test", "A/B tests", True),
        ("Application form", "app", False),  # not a substring match
        ("Happy path tests", "app", False),
        ("desktopapp build", "desktop app", False),
        ("Desktop wallpaper", "desktop app", False),  # every word must appear
        ("The end", "the", False),  # stop words alone match nothing
        ("anything", "", False),
    ],
)
def test_an_out_of_scope_area_matches_whole_words_tolerating_plurals(title, area, matches):
    assert matches_area(title, area) is matches


# --- bugs found while writing these tests --------------------------------------------------


def test_drift_by_estimate_is_exact_when_the_estimates_are_fractions():
    tasks = [task(1, estimate=0.2), task(2, estimate=0.2)]
    baseline = Baseline.of(project(), tasks, NOW, by=5)
    result = drift(baseline, [*tasks, task(3, estimate=0.05)])
    assert result.by_estimate
    assert result.ratio == pytest.approx(0.125)
    assert result.level == Level.AMBER


@pytest.mark.parametrize(
    ("title", "area"),
    [
        ("Add saved searches", "search"),
        ("Show taxes at checkout", "tax"),
        ("New product categories", "category"),
    ],
)
def test_an_es_or_ies_plural_matches_its_out_of_scope_area(title, area):
    assert matches_area(title, area)
