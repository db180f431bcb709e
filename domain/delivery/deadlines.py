"""The deadline ladder in a scheduler pass: the assignee the day before and on the day; the
assignee and the project manager once a day overdue."""

from domain.delivery.ladder import Stage, current_stage, next_check
from domain.delivery.passes import PassContext
from domain.delivery.quiet import is_working_time, next_working_moment
from domain.model.calendar import show_day
from domain.model.roles import Role
from domain.model.tasks import Task
from domain.model.text import quoted


def remind(p: PassContext, task: Task) -> None:
    ws = p.workspace(task.workspace_id)
    assignee = p.person(task.assignee_id)
    tz = p.timezone_of(assignee, ws)
    if not task.is_open or task.due_on is None:
        task.remind_at = None
        return
    if not is_working_time(p.now, tz):
        task.remind_at = next_working_moment(p.now, tz)  # look again on the working morning
        return
    stage = current_stage(task.due_on, tz, p.now)
    task.remind_at = next_check(task.due_on, tz, p.now)
    if stage is None:
        return
    project = p.uow.projects.get(task.project_id) if task.project_id else None
    what = f"{task.ref} {quoted(task.title)}" + (f" in {project.name}" if project else "")
    # A new assignee or a snooze earns the reminder again; a repeated pass does not.
    key = f"{task.id}:{stage}:{task.due_on}:{assignee.id}" + (
        f":s{task.snoozes}" if task.snoozes else "")  # fmt: skip
    info = {"task": task.number, "actions": ["start", "done", "snooze"], "due": str(task.due_on)}
    if stage != Stage.OVERDUE:
        when = "tomorrow" if stage == Stage.BEFORE else "today"
        text = f"Reminder: {what} is due {when} ({show_day(task.due_on)})."
        p.queue(ws, f"deadline:{key}", assignee, "deadline", text, **info)
        return
    late = f"is overdue: it was due {show_day(task.due_on)}"
    p.queue(ws, f"overdue:{key}:assignee", assignee, "overdue",
            f"Overdue: {what} was due {show_day(task.due_on)}. Finish it, or move the date: "
            f"task due {task.ref} <when>.",
            **info)  # fmt: skip
    if project is None:
        return
    manager = p.person(project.manager_id)
    if manager is None:
        what = f"the overdue notice for {task.ref}"
        p.missing(ws, project, Role.PROJECT_MANAGER, what, project.name)
    elif manager.id != assignee.id:  # once per due date: a snooze or a new assignee is not news
        p.queue(ws, f"overdue:{task.id}:{task.due_on}:manager", manager, "overdue",
                f"Overdue in {project.name}: {task.ref} {quoted(task.title)}, assigned to "
                f"{assignee.mention}, {late}. As project manager you track the schedule.",
                task=task.number, due=str(task.due_on))  # fmt: skip
