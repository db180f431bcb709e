"""One scheduler pass at an instant: scan what is due and queue notifications in the outbox.

Each scan reads only what is due — tasks whose `remind_at` has come, projects whose scope
changed, standups whose `next_run_at` has come — so a pass costs what is due, not what exists.
Dedupe keys make a repeated or concurrent pass queue nothing twice.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from domain.dates import local_today, show_day
from domain.digest_query import gather_digest
from domain.model import Person, Project, Workspace
from domain.notifications import Kind, Notification
from domain.ports import AbstractUnitOfWork
from domain.reminders import Stage, current_stage, next_check
from domain.scope_report import drift_lines, drift_summary, scope_report
from domain.tasks import Task
from domain.text import quoted

BATCH = 500


class Pass:
    def __init__(self, uow: AbstractUnitOfWork, now: datetime) -> None:
        self.uow, self.now, self.queued = uow, now, 0
        self._workspaces: dict[int, Workspace] = {}

    def run(self) -> int:
        self._each(self.uow.tasks.reminders_due, self._remind)
        self._each(self.uow.projects.scope_dirty, self._check_scope, by_time=False)
        self._each(self.uow.standups.due, self._post_digest)
        return self.queued

    def _each(self, scan: Callable, act: Callable, by_time: bool = True) -> None:
        while True:
            items = scan(self.now, BATCH) if by_time else scan(BATCH)
            for item in items:
                act(item)
            self.uow.flush()
            if len(items) < BATCH:
                return

    def _queue(self, ws: Workspace, key: str, to: Person | str, kind: Kind, text: str,
               **payload) -> None:  # fmt: skip
        address = to.mention if isinstance(to, Person) else to
        self.queued += self.uow.outbox.add(Notification(
            workspace_id=ws.id, dedupe_key=f"{ws.id}:{key}", platform=ws.platform, to=address,
            kind=kind, text=text, payload=payload, created_at=self.now, next_attempt_at=self.now,
        ))  # fmt: skip

    def _workspace(self, workspace_id: int) -> Workspace:
        if workspace_id not in self._workspaces:
            self._workspaces[workspace_id] = self.uow.workspaces.get(workspace_id)
        return self._workspaces[workspace_id]

    def _remind(self, task: Task) -> None:
        ws = self._workspace(task.workspace_id)
        assignee = self.uow.people.get(task.assignee_id)
        tz = assignee.timezone or ws.timezone
        live = task.is_open and task.due_on is not None
        stage = current_stage(task.due_on, tz, self.now) if live else None
        task.remind_at = next_check(task.due_on, tz, self.now) if live else None
        if stage is None:
            return
        project = self.uow.projects.get(task.project_id) if task.project_id else None
        where = f" in {project.name}" if project else ""
        what = f"{task.ref} {quoted(task.title)}{where}"
        key = f"{task.id}:{stage}:{task.due_on}:{assignee.id}"  # a new assignee is reminded too
        info = {"task": task.number}
        if stage != Stage.OVERDUE:
            when = "tomorrow" if stage == Stage.BEFORE else "today"
            text = f"Reminder: {what} is due {when} ({show_day(task.due_on)})."
            self._queue(ws, f"deadline:{key}", assignee, Kind.DEADLINE, text, **info)
            return
        late = f"is overdue: it was due {show_day(task.due_on)}"
        self._queue(ws, f"overdue:{key}:assignee", assignee, Kind.OVERDUE,
                    f"Overdue: {what} {late}. Finish it, or move the date: task due "
                    f"{task.ref} <when>.", **info)  # fmt: skip
        manager = (
            self.uow.people.get(project.manager_id) if project and project.manager_id else None
        )
        if manager and manager.id != assignee.id:
            self._queue(ws, f"overdue:{key}:manager", manager, Kind.OVERDUE,
                        f"Overdue in {project.name}: {task.ref} {quoted(task.title)}, assigned to "
                        f"{assignee.mention}, {late}. As project manager you track the schedule.",
                        **info)  # fmt: skip

    def _check_scope(self, project: Project) -> None:
        project.scope_dirty = False
        ws = self._workspace(project.workspace_id)
        report = scope_report(project, self.uow, ws.drift_amber, ws.drift_red)
        manager = self.uow.people.get(project.manager_id) if project.manager_id else None
        drift = report.drift
        if drift and drift.level != "ok" and manager:
            text = f"Scope drift in {project.name}: {drift_summary(drift)}.\n" + "\n".join(
                drift_lines(drift))  # fmt: skip
            key = f"drift:{project.id}:{drift.baseline.id}:{drift.level}"
            self._queue(ws, key, manager, Kind.DRIFT, text, project=project.name)
        product = report.product
        owners = [p for p in (self.uow.people.get(product.manager_id) if product and
                              product.manager_id else None, manager) if p]  # fmt: skip
        for breach in report.breaches:
            for person in {p.id: p for p in owners}.values():
                text = (f"Product constraint breach in {project.name} ({product.name}): "
                        f"{breach.detail}.")  # fmt: skip
                key = f"breach:{project.id}:{breach.key}:{person.id}"
                self._queue(ws, key, person, Kind.BREACH, text, project=project.name)

    def _post_digest(self, standup) -> None:
        ws = self._workspace(standup.workspace_id)
        since = standup.last_run_at or self.now - timedelta(days=1)
        # The occurrence that came due (the latest one, after an outage), not today's date:
        # a run at 07:00 for yesterday's 09:30 must not use up today's digest.
        day = local_today(standup.timezone, self._latest_occurrence(standup))
        digest = gather_digest(self.uow, ws, standup.channel, standup.project_id, since,
                               self.now, standup.timezone, day)  # fmt: skip
        self._queue(ws, f"digest:{standup.id}:{day}", f"#{standup.channel}", Kind.DIGEST,
                    digest.text, summary=digest.summary)  # fmt: skip
        standup.last_run_at = self.now
        standup.next_run_at = standup.next_after(self.now)

    def _latest_occurrence(self, standup) -> datetime:
        latest = standup.next_run_at
        while (following := standup.next_after(latest)) <= self.now:
            latest = following
        return latest


def run_pass(uow_factory: Callable[[], AbstractUnitOfWork], now: datetime) -> int:
    """Queue everything due at `now`; returns how many notifications were newly queued."""
    with uow_factory() as uow:
        queued = Pass(uow, now).run()
        uow.commit()
    return queued
