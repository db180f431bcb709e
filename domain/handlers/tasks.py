"""Task use cases: add, list, change status, reschedule, assign, show."""

from dataclasses import replace
from datetime import date, timedelta
from difflib import get_close_matches

from domain.delivery.ladder import first_check
from domain.delivery.quiet import next_working_moment
from domain.handlers.unplanned import report_unplanned
from domain.language import commands as c
from domain.language.dates import DATE_EXAMPLES, parse_when
from domain.language.usage import USAGE
from domain.model.calendar import show_day, zone
from domain.model.chat import Reply
from domain.model.context import Scope
from domain.model.errors import RoleCallError
from domain.model.ports import TaskQuery
from domain.model.tasks import MAX_TITLE, OPEN_STATUSES, Status, Task
from domain.model.text import due_said, listing, quoted, task_line
from domain.model.workspace import Project

LIST_LIMIT = 50


def add_task(cmd: c.AddTask, s: Scope) -> Reply:
    if not cmd.title.strip() or len(cmd.title) > MAX_TITLE:  # commands also come from forms
        raise RoleCallError(f"A task needs a title of 1 to {MAX_TITLE} characters.",
                            USAGE["task add"])  # fmt: skip
    project, title, readings = _project_and_title(cmd, s)
    assignee, title, readings = _assignee(cmd, s, title, readings)
    due_on = due_at = None
    if cmd.due:
        due_on, due_at = _when(cmd.due, s, "task add")
    workspace = s.uow.workspaces.lock(s.workspace)
    task = Task(
        workspace_id=workspace.id,
        number=workspace.take_task_number(),
        title=title,
        created_by_id=s.speaker.id,
        assignee_id=assignee.id,
        project_id=project.id if project else None,
        due_on=due_on,
        due_at=due_at,
        estimate=cmd.estimate,
        created_at=s.now,
        updated_at=s.now,
    )
    _plan_reminders(task, s)
    s.uow.tasks.add(task)
    where = f", in {project.name}." if project else "."
    lines = [f"Added {task.ref} {quoted(task.title)} for {assignee.mention}, "
             f"{due_said(task, s.today, s.tz)}{where}"]  # fmt: skip
    if readings:
        lines.append("Read " + "; ".join(f"{quoted(said)} as {what}" for said, what in readings)
                     + f". Not right? {_fixes(readings, task)}")  # fmt: skip
    if twin := _open_twin(task, s):
        lines.append(f"Note: {twin.ref} {quoted(twin.title)} is open with the same title; "
                     f"if this is the same work, task drop {task.ref}")  # fmt: skip
    if project:
        project.scope_dirty = True
        if notice := report_unplanned(task, project, s):
            lines.append(notice)
    return Reply("\n".join(lines), data=task, undo=bool(readings))


def _open_twin(task: Task, s: Scope) -> Task | None:
    """An open task of the same project (or of none) with the same title, in any case."""
    query = TaskQuery(s.workspace.id, statuses=OPEN_STATUSES, title=task.title, limit=5,
                      project_ids=(task.project_id,) if task.project_id else None)  # fmt: skip
    return next((t for t in s.uow.tasks.find(query)
                 if t is not task and t.project_id == task.project_id), None)  # fmt: skip


def list_tasks(cmd: c.ListTasks, s: Scope) -> Reply:
    query = TaskQuery(s.workspace.id, statuses=(Status.DONE,) if cmd.done else OPEN_STATUSES)
    who = "Open"
    if cmd.mine or cmd.person:
        person = s.speaker if cmd.mine else s.uow.people.by_name(s.workspace.id, cmd.person)
        if person is None:
            return Reply(f"No tasks for @{cmd.person}.")
        query, who = replace(query, assignee_id=person.id), f"{person.mention}'s open"
    if cmd.blocked:
        query = replace(query, statuses=(Status.BLOCKED,))
    if cmd.overdue:
        query = replace(query, due_before=s.today)
    due = ""
    if cmd.due:
        first, last = _due_window(cmd.due, s)
        query = replace(query, due_from=first, due_before=last + timedelta(days=1))
        due = f" due {_window_said(cmd.due, first, last)}"
    project = s.project(cmd.project) if cmd.project else None
    if project:
        query = replace(query, project_ids=(project.id,))
    tasks = s.uow.tasks.find(replace(query, limit=LIST_LIMIT))
    label = _list_label(cmd, who) + due + (f" in {project.name}" if project else "")
    if not tasks:
        return Reply(f"{label}: none.", data=tasks)
    lines = [_line(t, s) for t in tasks]
    total = s.uow.tasks.count(query) if len(tasks) == LIST_LIMIT else len(tasks)
    return Reply(f"{label} ({total}):\n" + listing(lines, total, LIST_LIMIT), data=tasks)


def _due_window(said: str, s: Scope) -> tuple[date, date]:
    """The days `task list today|tomorrow|this week|next week|due <when>` means."""
    monday = s.today - timedelta(days=s.today.weekday())
    windows = {"today": (s.today, s.today),
               "tomorrow": (s.today + timedelta(days=1), s.today + timedelta(days=1)),
               "this week": (s.today, monday + timedelta(days=6)),
               "next week": (monday + timedelta(days=7), monday + timedelta(days=13))}  # fmt: skip
    if said in windows:
        return windows[said]
    day = _when(said, s, "task list")[0]
    return day, day


def _window_said(said: str, first: date, last: date) -> str:
    if first == last:
        return f"{said} ({first:%a} {first.day} {first:%b})" if said in ("today", "tomorrow") \
            else f"{first:%a} {first.day} {first:%b}"  # fmt: skip
    return f"{said} ({first:%a} {first.day} {first:%b} – {last:%a} {last.day} {last:%b})"


def _list_label(cmd: c.ListTasks, who: str) -> str:
    kinds = [k for k, on in (("done", cmd.done), ("blocked", cmd.blocked),
                             ("overdue", cmd.overdue)) if on]  # fmt: skip
    kind = " and ".join(kinds)  # filters combine: "blocked and overdue"
    if not kind:
        return f"{who} tasks"
    owner = who.removesuffix("open").strip()
    return f"{owner} {kind} tasks" if owner != "Open" and owner else f"{kind.capitalize()} tasks"


def change_status(cmd: c.ChangeTaskStatus, s: Scope) -> Reply:
    task = s.task(cmd.number)
    if cmd.unblock and task.status != Status.BLOCKED:
        return Reply(f"{task.ref} {quoted(task.title)} is not blocked (it is "
                     f"{_said(task.status)}).", data=task)  # fmt: skip
    if task.status == cmd.status and cmd.status != Status.BLOCKED:
        return Reply(f"{task.ref} {quoted(task.title)} is already {_said(task.status)}.",
                     data=task)  # fmt: skip
    if not task.is_open and cmd.status != Status.TODO:  # a stale button, or a slip
        raise RoleCallError(f"{task.ref} {quoted(task.title)} is {_said(task.status)}. "
                            f"To work on it again: task reopen {task.ref}")  # fmt: skip
    was_open = task.is_open
    task.move_to(Status(cmd.status), s.now, cmd.reason)
    if task.is_open and not was_open:
        _plan_reminders(task, s)
    _touch_project(task, s)
    verb = {Status.DONE: "Done", Status.DOING: "Started", Status.DROPPED: "Dropped",
            Status.BLOCKED: "Blocked", Status.TODO: "Reopened"}[Status(cmd.status)]  # fmt: skip
    verb = "Unblocked" if cmd.unblock else verb
    why = f" — {cmd.reason}" if cmd.reason else ""
    return Reply(f"{verb}: {task.ref} {quoted(task.title)}{why}", data=task)


def _said(status: str) -> str:
    return {Status.DOING: "in progress", Status.TODO: "open"}.get(Status(status), status)


def edit(cmd: c.EditTask, s: Scope) -> Reply:
    """Each change as its own command would make it, in one unit of work: all or none."""
    task = s.task(cmd.number)
    lines = []
    if cmd.project:
        before = _touch_project(task, s)
        project = s.project(cmd.project)
        task.project_id, task.updated_at, project.scope_dirty = project.id, s.now, True
        moved = f" (from {before.name})" if before and before is not project else ""
        lines.append(f"{task.ref} {quoted(task.title)} is now in {project.name}{moved}.")
    if cmd.estimate is not None:
        task.estimate, task.updated_at = cmd.estimate, s.now
        _touch_project(task, s)
        lines.append(f"{task.ref} {quoted(task.title)} is now estimated at {cmd.estimate:g}.")
    if cmd.assignee:
        lines.append(assign(c.AssignTask(cmd.number, cmd.assignee), s).text)
    if cmd.due:
        lines.append(reschedule(c.RescheduleTask(cmd.number, cmd.due), s).text)
    return Reply("\n".join(lines), data=task)


def rename(cmd: c.RenameTask, s: Scope) -> Reply:
    task = s.task(cmd.number)
    before, task.title, task.updated_at = task.title, cmd.title, s.now
    _touch_project(task, s)
    return Reply(f"Renamed {task.ref}: {quoted(before)} → {quoted(task.title)}.", data=task)


def reschedule(cmd: c.RescheduleTask, s: Scope) -> Reply:
    task = s.task(cmd.number)
    due_on, due_at = _when(cmd.due, s, "task due")
    task.reschedule(due_on, due_at, s.now)
    _plan_reminders(task, s)
    _touch_project(task, s)
    return Reply(
        f"{task.ref} {quoted(task.title)} is now {due_said(task, s.today, s.tz)}.", data=task
    )


def assign(cmd: c.AssignTask, s: Scope) -> Reply:
    task = s.task(cmd.number)
    person = s.person(cmd.person)
    task.assignee_id, task.updated_at = person.id, s.now
    _plan_reminders(task, s)
    return Reply(f"{task.ref} {quoted(task.title)} is now assigned to {person.mention}.", data=task)


def snooze(cmd: c.SnoozeTask, s: Scope) -> Reply:
    task = s.task(cmd.number)
    if not task.is_open or task.due_on is None:
        raise RoleCallError(f"{task.ref} has no reminder to snooze (it is {task.status}"
                            + ("" if task.due_on else ", with no due date") + ").")  # fmt: skip
    task.snoozes += 1
    # "Remind me again in a day": a day from now, or the planned reminder if that is later.
    task.remind_at = max(task.remind_at or s.now, s.now + timedelta(days=1))
    tz = s.timezone_of(s.person_by_id(task.assignee_id))
    day = next_working_moment(task.remind_at, tz).astimezone(zone(tz)).date()  # not at weekends
    return Reply(f"Snoozed {task.ref} {quoted(task.title)}: the next reminder comes "
                 f"{show_day(day)}.", data=task)  # fmt: skip


def show(cmd: c.ShowTask, s: Scope) -> Reply:
    task = s.task(cmd.number)
    project = s.uow.projects.get(task.project_id) if task.project_id else None
    lines = [_line(task, s), f"Logged by {s.mention(task.created_by_id)}"
             + (f" on {show_day(task.created_at.date())}" if task.created_at else "")]  # fmt: skip
    if task.due_on:  # the day itself, so a misread date shows
        lines.append(due_said(task, s.today, s.tz).replace("due", "Due", 1))
    if task.estimate is not None:
        lines.append(f"Estimate: {task.estimate:g}")
    if project and project.manager_id:
        lines.append(f"Tracked by the project manager {s.mention(project.manager_id)}")
    return Reply("\n".join(lines), data=task)


def _line(task: Task, s: Scope) -> str:
    project = s.uow.projects.get(task.project_id) if task.project_id else None
    return task_line(
        task, s.mention(task.assignee_id), project.name if project else None, s.today, s.tz
    )


def _fixes(readings: list[tuple[str, str]], task: Task) -> str:
    """The commands that put right what a rule read wrong."""
    fixes = {
        "the due date": f"task due {task.ref} <when>",
        "part of the title": f"task drop {task.ref} and add it again with the title quoted",
    }
    said = [fixes.get(what, f"task edit {task.ref} @name") for _, what in readings]
    return ", or ".join(dict.fromkeys(said))  # fmt: skip


def _project_and_title(cmd: c.AddTask, s: Scope) -> tuple[Project | None, str, list]:
    """The project `in <x>` names. When it names none but the channel or workspace has a
    default one, "in <x>" was part of the title ("Fix bug in cart totals")."""
    readings = list(cmd.readings)
    if not cmd.project:
        return s.default_project(), cmd.title, readings
    found = s.uow.projects.by_name(s.workspace.id, cmd.project)
    if found:
        return found, cmd.title, readings
    title = f"{cmd.title} in {cmd.project}"
    if default := s.default_project():
        return default, title, readings
    names = [p.name for p in s.uow.projects.list(s.workspace.id)]
    if not names or not get_close_matches(cmd.project.casefold(), [n.casefold() for n in names],
                                          n=1, cutoff=0.75):  # fmt: skip
        # Like no project at all ("Fix bug in cart totals"); a near miss ("in Chekout") is
        # a typo, refused below with the projects there are.
        return None, title, [*readings, (f"in {cmd.project}", "part of the title")]
    quoting = "project add <name>  (or quote a title that contains “in”)"
    return s.project(cmd.project, quoting), cmd.title, readings


def _assignee(cmd: c.AddTask, s: Scope, title: str, readings: list):
    """`@name`; else a person the workspace knows, said by name ("for sam", "sam: …");
    else whoever logged the task."""
    if cmd.assignee:
        return s.person(cmd.assignee), title, readings
    if cmd.named and title == cmd.title:
        name, said, rest = cmd.named
        if rest and (known := s.uow.people.by_name(s.workspace.id, name)):
            return (
                s.person(known.handle),
                rest,
                [*readings, (said, f"the assignee, {known.mention}")],
            )
    return s.speaker, title, readings


def _when(text: str, s: Scope, form: str):
    try:
        return parse_when(text, s.tz, s.now)
    except RoleCallError as error:
        if form != "task add":
            raise RoleCallError(error.message, f"{USAGE[form]}, e.g. {DATE_EXAMPLES}") from None
        quoting = 'if “due” is part of the title, quote it: task add "Fix bug due to cache"'
        raise RoleCallError(error.message, f"{error.usage} — or, {quoting}") from None


def _plan_reminders(task: Task, s: Scope) -> None:
    if task.due_on is None or not task.is_open:
        task.remind_at = None
        return
    assignee = s.person_by_id(task.assignee_id)
    task.remind_at = first_check(task.due_on, s.timezone_of(assignee))


def _touch_project(task: Task, s: Scope) -> Project | None:
    project = s.uow.projects.get(task.project_id) if task.project_id else None
    if project:
        project.scope_dirty = True
    return project
