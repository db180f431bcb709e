"""`me`: one person's view — open tasks, due soon, blocked, decisions waiting for them, roles.
Slack's App Home renders the same data."""

from dataclasses import dataclass, field, replace
from datetime import timedelta

from domain.language import commands as c
from domain.model.calendar import add_working_days
from domain.model.chat import Reply
from domain.model.context import Scope
from domain.model.decisions import Decision, DecisionStatus
from domain.model.ports import TaskQuery
from domain.model.tasks import OPEN_STATUSES, Status, Task
from domain.model.text import quoted, task_line

LIMIT = 20


@dataclass(frozen=True)
class Home:
    mention: str
    open_tasks: list[Task] = field(default_factory=list)
    due_soon: list[Task] = field(default_factory=list)
    blocked: list[Task] = field(default_factory=list)
    waiting: list[Decision] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    lines: dict[int, str] = field(default_factory=dict)  # task id → its rendered row


def show_mine(cmd: c.ShowMine, s: Scope) -> Reply:
    mine = TaskQuery(s.workspace.id, statuses=OPEN_STATUSES, assignee_id=s.speaker.id,
                     limit=LIMIT)  # fmt: skip
    open_tasks = s.uow.tasks.find(mine)
    horizon = add_working_days(s.today, 2) + timedelta(days=1)
    soon = s.uow.tasks.find(replace(mine, due_before=horizon))
    blocked = s.uow.tasks.find(replace(mine, statuses=(Status.BLOCKED,)))
    waiting = [d for d in s.uow.decisions.recent(s.workspace.id, None, None, 200)
               if d.status == DecisionStatus.PROPOSED and d.owner_id == s.speaker.id]  # fmt: skip
    roles = [f"product manager of {p.name}" for p in s.uow.products.list(s.workspace.id)
             if p.manager_id == s.speaker.id] + [f"project manager of {p.name}" for p in
             s.uow.projects.list(s.workspace.id) if p.manager_id == s.speaker.id]  # fmt: skip
    lines = {t.id: _line(t, s) for t in {*open_tasks, *soon, *blocked}}
    home = Home(s.speaker.mention, open_tasks, soon, blocked, waiting[:LIMIT], roles, lines)
    return Reply(_text(home), data=home)


def _line(task: Task, s: Scope) -> str:
    project = s.uow.projects.get(task.project_id) if task.project_id else None
    return task_line(task, s.mention(task.assignee_id), project.name if project else None,
                     s.today, s.tz)  # fmt: skip


def _text(home: Home) -> str:
    parts = [f"{home.mention}:"]
    for title, tasks in (("Open tasks", home.open_tasks), ("Due soon", home.due_soon),
                         ("Blocked", home.blocked)):  # fmt: skip
        rows = [home.lines[t.id] for t in tasks] or ["none"]
        parts.append(f"{title}:\n" + "\n".join(f"  {row}" for row in rows))
    waiting = [f"  {d.ref} {quoted(d.text)} — decision confirm {d.ref}" for d in home.waiting]
    parts.append("Decisions waiting for you:\n" + ("\n".join(waiting) or "  none"))
    parts.append("Your roles: " + (", ".join(home.roles) or "none"))
    return "\n".join(parts)
