"""The bot's front door: a chat message in, a reply out, for every adapter.

Parses once, runs the command's handler inside one unit of work, and commits only when the
handler succeeds, so a bad input never half-writes. User errors become a short reply; bugs are
logged with a traceback and the user gets an apology.
"""

import logging
from collections.abc import Callable

from domain import commands as c
from domain.chat import Message, Reply
from domain.clock import Clock
from domain.context import Scope
from domain.errors import RoleCallError
from domain.handlers import catalog, help, ownership, scope, standup, tasks
from domain.model import Person, Workspace
from domain.parser import parse
from domain.ports import AbstractUnitOfWork
from domain.unplanned import review

log = logging.getLogger(__name__)

HANDLERS: dict[type, Callable[..., Reply]] = {
    c.AddTask: tasks.add_task, c.ListTasks: tasks.list_tasks,
    c.ChangeTaskStatus: tasks.change_status, c.RescheduleTask: tasks.reschedule,
    c.AssignTask: tasks.assign, c.ShowTask: tasks.show, c.SnoozeTask: tasks.snooze,
    c.ReviewUnplannedTask: review,
    c.AskWhoOwns: ownership.who_owns, c.LogDecision: ownership.log_decision,
    c.ListDecisions: ownership.list_decisions, c.ConfirmDecision: ownership.confirm_decision,
    c.AssignRole: ownership.assign_role, c.ListRoles: ownership.list_roles,
    c.SetAreaOwner: ownership.set_area_owner, c.ShowOwners: ownership.show_owners,
    c.AddProduct: catalog.add_product, c.SetProductMetric: catalog.set_metric,
    c.UpdateProduct: catalog.update_product, c.UpdateProject: catalog.update_project,
    c.SetProductConstraint: catalog.set_constraint, c.ShowProducts: catalog.show_products,
    c.AddProject: catalog.add_project, c.ShowProjects: catalog.show_projects,
    c.UseProject: catalog.use_project, c.SetBaseline: scope.set_baseline,
    c.ShowDrift: scope.show_drift, c.ScheduleStandup: standup.schedule,
    c.RunStandup: standup.run_now, c.StopStandup: standup.stop, c.ShowStandup: standup.show,
    c.CheckIn: standup.checkin, c.SetTimezone: standup.set_timezone, c.Help: help.show_help,
}  # fmt: skip

APOLOGY = "Sorry, something went wrong on our side. It has been logged; please try again."


class RoleCall:
    def __init__(
        self,
        uow_factory: Callable[[], AbstractUnitOfWork],
        clock: Clock,
        default_timezone: str = "UTC",
    ) -> None:
        self.uow_factory = uow_factory
        self.clock = clock
        self.default_timezone = default_timezone

    def handle(self, message: Message, implicit_task_add: bool = False) -> Reply:
        try:
            command = parse(message.text, implicit_task_add)
            with self.uow_factory() as uow:
                reply = HANDLERS[type(command)](command, self._scope(uow, message))
                uow.commit()
            return reply
        except RoleCallError as error:
            return Reply(str(error), ok=False)
        except Exception:
            log.exception("command failed: %r", message.text[:200])
            return Reply(APOLOGY, ok=False)

    def _scope(self, uow: AbstractUnitOfWork, message: Message) -> Scope:
        workspace = uow.workspaces.by_key(message.workspace_key)
        if workspace is None:
            workspace = uow.workspaces.add(
                Workspace(message.workspace_key, message.platform, self.default_timezone)
            )
        speaker = uow.people.by_name(workspace.id, message.user.lstrip("@"))
        if speaker is None:
            speaker = uow.people.add(Person(workspace.id, message.user.lstrip("@")))
        if message.user_name:
            speaker.display_name = message.user_name
        if message.user_timezone and speaker.timezone != message.user_timezone:
            speaker.timezone = message.user_timezone  # the platform's profile is the truth
        return Scope(uow, workspace, speaker, message.channel.lstrip("#"), self.clock.now())
