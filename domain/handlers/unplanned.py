"""Unplanned tasks: added to a project after its scope baseline. The project manager is told
at once and approves the task into scope (a logged decision) or defers it."""

from domain.delivery.missing import missing_manager
from domain.delivery.quiet import next_working_moment
from domain.handlers.ownership import log_decision
from domain.language import commands as c
from domain.model.chat import Reply
from domain.model.context import Scope
from domain.model.errors import RoleCallError
from domain.model.notifications import Kind, Notification
from domain.model.roles import Role
from domain.model.tasks import Status, Task
from domain.model.text import quoted
from domain.model.workspace import Project


def report_unplanned(task: Task, project: Project, s: Scope) -> str | None:
    """Queue the notice for the project manager; the line to add to the reply, if any."""
    if s.uow.baselines.latest(project.id) is None:
        return None
    manager = s.person_by_id(project.manager_id)
    if manager is None:
        what = f"the unplanned-task notice for {task.ref}"
        notice = missing_manager(s.workspace, project, Role.PROJECT_MANAGER, what, project.name,
                                 s.now)  # fmt: skip
        if notice:
            s.uow.outbox.add(notice)
        return (f"{project.name} is baselined, so this is unplanned work, but it has no project "
                f"manager to review it: role @person project-manager {project.name}")  # fmt: skip
    if manager.id == s.speaker.id:
        return (f"{project.name} is baselined, so this is unplanned work: approve it into scope "
                f"(task approve {task.ref}) or defer it (task defer {task.ref}).")  # fmt: skip
    text = (
        f"Unplanned task in {project.name}: {task.ref} {quoted(task.title)}, added by "
        f"{s.speaker.mention} after the scope baseline. Approve it into scope "
        f"(task approve {task.ref}) or defer it (task defer {task.ref})."
    )
    s.uow.outbox.add(Notification(
        workspace_id=s.workspace.id, dedupe_key=f"{s.workspace.id}:unplanned:{task.id}",
        platform=s.workspace.platform, to=manager.mention, kind=Kind.UNPLANNED, text=text,
        payload={"task": task.number, "project": project.name, "actions": ["approve", "defer"]},
        created_at=s.now, next_attempt_at=next_working_moment(s.now, s.timezone_of(manager)),
    ))  # fmt: skip
    return f"{project.name} is baselined: this is unplanned work; {manager.mention} will review it."


def review(cmd: c.ReviewUnplannedTask, s: Scope) -> Reply:
    task = s.task(cmd.number)
    project = s.uow.projects.get(task.project_id) if task.project_id else None
    baseline = s.uow.baselines.latest(project.id) if project else None
    if baseline is not None and task.id in baseline.task_ids:
        raise RoleCallError(f"{task.ref} is already in the scope of {project.name}.")
    if baseline is None:
        raise RoleCallError(f"{task.ref} is not unplanned work in a baselined project.")
    if project.manager_id and project.manager_id != s.speaker.id:
        raise RoleCallError(
            f"Only the project manager of {project.name}, {s.mention(project.manager_id)}, "
            "approves or defers unplanned work."
        )
    if task.status == Status.DROPPED:  # deferred (or dropped) already: out of any scope
        first = "" if cmd.approve else "already "
        raise RoleCallError(f"{task.ref} is {first}dropped. To approve it, reopen it first: "
                            f"task reopen {task.ref}, then task approve {task.ref}.")  # fmt: skip
    project.scope_dirty = True
    if not cmd.approve:
        task.move_to(Status.DROPPED, s.now, None)
        return Reply(f"Deferred {task.ref} {quoted(task.title)}: out of {project.name}'s scope.")
    baseline.approve(task)
    text = f"Approve {task.ref} {quoted(task.title)} into the scope of {project.name}"
    logged = log_decision(c.LogDecision(text, "scope", (project.name,)), s)
    return Reply(f"Approved {task.ref} into scope.\n{logged.text}", public=True, data=task)
