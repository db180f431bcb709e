"""Plain-text rendering shared by replies and notifications (the console shows it as is;
Slack and Teams build richer views from the same data)."""

from datetime import date

from domain.model.calendar import show_day, zone
from domain.model.tasks import Status, Task

STATUS_MARK = {
    Status.TODO: "☐",
    Status.DOING: "▶",
    Status.BLOCKED: "⛔",
    Status.DONE: "✔",
    Status.DROPPED: "✖",
}


def quoted(text: str) -> str:
    return f"“{text}”"


def due_phrase(task: Task, today: date, tz: str = "UTC") -> str:
    """ "due tomorrow", "due in 3 days 17:00", "due Thu 1 Apr 2027 (overdue)", in the reader's
    zone (`today` and `tz` are the reader's)."""
    if task.due_on is None:
        return "no due date"
    local = task.due_at.astimezone(zone(tz)) if task.due_at else None
    day = local.date() if local else task.due_on
    days = (day - today).days
    relative = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(days)
    if relative is None:
        relative = f"in {days} days" if 0 < days < 7 else show_day(day)
    at = f" at {local:%H:%M}" if local else ""
    late = " (overdue)" if task.is_open and day < today else ""
    return f"due {relative}{at}{late}"


def due_said(task: Task, today: date, tz: str = "UTC") -> str:
    """ "due Thu 10 Dec (in 3 days)": the day itself beside how far it is, so a misreading
    shows at once (replies that set a date, `task show`)."""
    if task.due_on is None:
        return "no due date"
    local = task.due_at.astimezone(zone(tz)) if task.due_at else None
    day = local.date() if local else task.due_on
    days = (day - today).days
    relative = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(days)
    relative = relative or (f"in {days} days" if days > 0 else f"{-days} days ago")
    late = ", overdue" if task.is_open and day < today else ""
    year = f" {day.year}" if day.year != today.year else ""
    at = f" at {local:%H:%M}" if local else ""
    return f"due {day:%a} {day.day} {day:%b}{year}{at} ({relative}{late})"


def task_line(task: Task, assignee: str, project: str | None, today: date, tz: str) -> str:
    parts = [f"{STATUS_MARK[Status(task.status)]} {task.ref} {task.title}", assignee]
    parts.append(due_phrase(task, today, tz))
    if task.status == Status.BLOCKED and task.blocked_reason:
        parts.append(f"blocked: {task.blocked_reason}")
    elif task.status != Status.TODO:
        parts.append(task.status)
    if project:
        parts.append(project)
    return " · ".join(parts)


def listing(lines: list[str], total: int, limit: int) -> str:
    more = total - len(lines)
    return "\n".join(lines + ([f"…and {more} more"] if more > 0 else []))
