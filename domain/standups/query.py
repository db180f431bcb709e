"""Loads what a standup digest needs, then builds it (domain/digest.py)."""

from dataclasses import replace
from datetime import date, datetime, timedelta

from domain.model.calendar import add_working_days, local_today, show_day
from domain.model.ports import AbstractUnitOfWork, TaskQuery
from domain.model.tasks import OPEN_STATUSES, Status
from domain.model.workspace import Workspace
from domain.scope.drift import Level
from domain.scope.report import drift_summary, scope_report
from domain.standups.digest import Digest, DigestData, build_digest

FETCH_LIMIT = 100  # tasks per section read; beyond it they are counted


def gather_digest(
    uow: AbstractUnitOfWork,
    workspace: Workspace,
    channel: str,
    project_id: int | None,
    since: datetime,
    now: datetime,
    tz: str,
) -> Digest:
    """The digest as of `now`, titled with the day it is posted on."""
    today = local_today(tz, now)
    projects = [uow.projects.get(project_id)] if project_id else uow.projects.list(workspace.id)
    only = (project_id,) if project_id else None
    base = TaskQuery(workspace.id, project_ids=only, limit=FETCH_LIMIT)

    def find(**kw):
        return uow.tasks.find(replace(base, **kw))

    horizon = add_working_days(today, 2)
    upcoming = find(statuses=OPEN_STATUSES, due_before=horizon + timedelta(days=1))
    scope = []
    for project in projects:
        report = scope_report(project, uow, workspace.drift_amber, workspace.drift_red,
                              breaches=3)  # fmt: skip
        if report.drift and report.drift.level != Level.OK:  # in bounds is no news
            scope.append(f"{project.name}: {drift_summary(report.drift)}")
        scope += [f"{project.name}: {b.detail}" for b in report.breaches[:3]]
    data = DigestData(
        title=f"Standup for #{channel} — {show_day(today)}"
        + (f" ({projects[0].name})" if project_id else ""),
        today=today,
        done=find(statuses=(Status.DONE,), done_since=since),
        doing=find(statuses=(Status.DOING,)),
        blocked=find(statuses=(Status.BLOCKED,)),
        due_soon=[t for t in upcoming if t.due_on >= today],
        overdue=[t for t in upcoming if t.due_on < today],
        scope=scope,
        decisions=uow.decisions.recent(workspace.id, project_id, since, 50),
        # Of the days since the last digest, those given after it: one already shown is not
        # shown again the next day.
        checkins=[
            c
            for c in uow.checkins.since(workspace.id, local_today(tz, since))
            if c.created_at is None or c.created_at >= since
        ],
    )
    totals = _totals(uow, base, data, upcoming, since, today, horizon)
    ids = {t.assignee_id for group in (data.done, data.doing, data.blocked, upcoming)
           for t in group} | {c.person_id for c in data.checkins} | {
        x.decided_by_id for x in data.decisions}  # fmt: skip
    names = {person.id: person.mention for person in uow.people.preload(ids)}
    return build_digest(replace(data, names=names, totals=totals))


def _totals(uow: AbstractUnitOfWork, base: TaskQuery, data: DigestData, upcoming: list,
            since: datetime, today: date, horizon: date) -> dict[str, int]:  # fmt: skip
    """How many tasks each section has, where reading stopped at FETCH_LIMIT: counted
    together, in one query."""
    wanted = {}
    if len(data.done) >= FETCH_LIMIT:
        wanted["done"] = replace(base, statuses=(Status.DONE,), done_since=since)
    for name, status in (("doing", Status.DOING), ("blocked", Status.BLOCKED)):
        if len(getattr(data, name)) >= FETCH_LIMIT:
            wanted[name] = replace(base, statuses=(status,))
    if len(upcoming) >= FETCH_LIMIT:  # both kinds of dated task were cut: count each
        wanted["overdue"] = replace(base, statuses=OPEN_STATUSES, due_before=today)
        wanted["dated"] = replace(base, statuses=OPEN_STATUSES,
                                  due_before=horizon + timedelta(days=1))  # fmt: skip
    totals = uow.tasks.tally(wanted)
    if "dated" in totals:
        totals["due_soon"] = totals.pop("dated") - totals["overdue"]
    return totals
