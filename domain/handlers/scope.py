"""`project baseline` and `project drift`."""

from domain.language import commands as c
from domain.model.baselines import Baseline
from domain.model.calendar import show_day
from domain.model.chat import Reply
from domain.model.context import Scope
from domain.ownership.owners import require_manager
from domain.scope.report import breach_lines, drift_lines, drift_summary, scope_report


def set_baseline(cmd: c.SetBaseline, s: Scope) -> Reply:
    project = s.project_or_default(cmd.project, "project baseline <project>")
    previous = s.uow.baselines.latest(project.id)
    if previous:  # replacing a baseline wipes the drift measured against it
        require_manager(project, s, "replace the baseline of")
    baseline = Baseline.of(project, s.uow.tasks.of_project(project.id), s.now, s.speaker.id)
    s.uow.baselines.add(baseline)
    project.scope_dirty, project.drift_told = True, None  # drift counts afresh from here
    extras = [f"ends {show_day(project.ends_on)}" if project.ends_on else "",
              f"budget {project.budget:,.0f}" if project.budget is not None else ""]  # fmt: skip
    what = ", ".join(
        filter(
            None, [f"{len(baseline.task_ids)} task{'s' * (len(baseline.task_ids) != 1)}", *extras]
        )
    )
    replaced = (f" It replaces the baseline of {show_day(previous.created_at.date())}."
                if previous and previous.created_at else "")  # fmt: skip
    return Reply(
        f"Baseline set for {project.name}: {what}. Tasks added or removed from now on count as "
        f"scope drift.{replaced}",
        data=baseline,
    )


def show_drift(cmd: c.ShowDrift, s: Scope) -> Reply:
    project = s.project_or_default(cmd.project, "project drift <project>")
    report = scope_report(project, s.uow, s.workspace.drift_amber, s.workspace.drift_red)
    product_manager = s.mention(report.product.manager_id) if report.product else "nobody"
    if report.drift is None:
        lines = [f"{project.name} has no baseline yet: project baseline {project.name}"]
    else:
        lines = [f"Scope drift for {project.name}: {drift_summary(report.drift)}."]
        lines += drift_lines(report.drift)
        lines.append(f"Project manager: {s.mention(project.manager_id)}.")
    lines += breach_lines(report, product_manager)
    return Reply("\n".join(lines), data=report)
