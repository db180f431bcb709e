"""The bot's front door: a chat message in, a reply out, for every adapter.

Parses once, runs the command's handler inside one unit of work, and commits only when the
handler succeeds, so a bad input never half-writes. User errors become a short reply; bugs are
logged with a traceback and the user gets an apology.
"""

import logging
import random
import time
from collections.abc import Callable

from domain.handlers import catalog, help, home, ownership, scope, standup, tasks
from domain.handlers.unplanned import review
from domain.language import commands as c
from domain.language.parser import parse
from domain.model.chat import Message, Reply
from domain.model.clock import Clock
from domain.model.context import Scope
from domain.model.errors import RoleCallError
from domain.model.notifications import Kind, Notification
from domain.model.ports import AbstractUnitOfWork
from domain.model.workspace import Person, Workspace

log = logging.getLogger(__name__)

HANDLERS: dict[type, Callable[..., Reply]] = {
    c.AddTask: tasks.add_task, c.ListTasks: tasks.list_tasks,
    c.ChangeTaskStatus: tasks.change_status, c.RescheduleTask: tasks.reschedule,
    c.AssignTask: tasks.assign, c.ShowTask: tasks.show, c.SnoozeTask: tasks.snooze,
    c.RenameTask: tasks.rename, c.EditTask: tasks.edit,
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
    c.ShowMine: home.show_mine,
}  # fmt: skip


def _several(cmd: c.Several, s) -> Reply:
    """Each in turn in one unit of work: one that fails (a wrong number) leaves all unchanged."""
    replies = [HANDLERS[type(one)](one, s) for one in cmd.commands]
    return Reply("\n".join(reply.text for reply in replies), public=replies[0].public)


HANDLERS[c.Several] = _several

ATTEMPTS = 5  # a unit of work that lost a race with a concurrent one runs again
APOLOGY = "Sorry, something went wrong on our side. It has been logged; please try again."


class _Conflict(Exception):
    """The unit of work lost a race with a concurrent one; nothing of it was written."""


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
        """Parse chat text and run it."""
        try:
            command = parse(message.text, implicit_task_add)
        except RoleCallError as error:
            return Reply(str(error), ok=False)
        except Exception:
            log.exception("parsing failed: %r", message.text[:200])
            return Reply(APOLOGY, ok=False)
        return self.run(message, command)

    def run(self, message: Message, command: c.Command) -> Reply:
        """Run a command built by an adapter (a modal, a button) or parsed from text.

        A platform retry of a delivery already handled (same `delivery_id`) does nothing: the
        ledger row commits with the command's changes, so a first attempt that crashed
        half-way leaves no row and the retry does the work."""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return self._once(message, command)
            except RoleCallError as error:
                return Reply(str(error), ok=False)
            except _Conflict as conflict:
                if attempt < ATTEMPTS:
                    log.info("a concurrent change won; running the command again: %s",
                             conflict.__cause__)  # fmt: skip
                    time.sleep(random.uniform(0, 0.01 * attempt))  # let the winner finish
                    continue
                log.error("command failed: %r", message.text[:200], exc_info=conflict.__cause__)
            except Exception:
                log.exception("command failed: %r", message.text[:200])
            return Reply(APOLOGY, ok=False)
        raise AssertionError("unreachable")

    def _once(self, message: Message, command: c.Command) -> Reply:
        with self.uow_factory() as uow:
            try:
                now = self.clock.now()
                key = message.delivery_id and f"{message.workspace_key}:{message.delivery_id}"
                if key and not uow.inbound.first(key, now):
                    return Reply("", duplicate=True)
                reply = HANDLERS[type(command)](command, self._scope(uow, message, now))
                uow.commit()
            except Exception as error:
                if uow.retryable(error):
                    raise _Conflict() from error
                raise
        return reply

    def first_delivery(self, workspace_key: str, delivery_id: str) -> bool:
        """Record a platform event handled outside any command (an install's welcome); False
        when it was seen before: a platform's retry."""
        with self.uow_factory() as uow:
            fresh = uow.inbound.first(f"{workspace_key}:{delivery_id}", self.clock.now())
            uow.commit()
        return fresh

    def queue_reply(self, workspace_key: str, delivery_id: str, to: str, text: str,
                    payload: dict, progress: dict | None = None) -> bool:  # fmt: skip
        """A reply the platform refused after its command committed goes through the outbox,
        to be retried like any notification rather than lost; once per delivery (`payload`
        and `progress` are the adapter's, read back by its notifier). True when queued."""
        with self.uow_factory() as uow:
            workspace = uow.workspaces.by_key(workspace_key)
            if workspace is None:  # the command made it: only a bug gets here
                raise LookupError(f"no workspace {workspace_key}")
            now = self.clock.now()
            queued = uow.outbox.add(Notification(
                workspace.id, f"{workspace.id}:reply:{delivery_id}", workspace.platform, to,
                Kind.REPLY, text, payload, created_at=now, next_attempt_at=now,
                progress=progress or None,
            ))  # fmt: skip
            uow.commit()
        return queued

    def set_paused(self, workspace_key: str, paused: bool) -> None:
        """An uninstalled app's workspace keeps its data; its notifications wait."""
        with self.uow_factory() as uow:
            workspace = uow.workspaces.by_key(workspace_key)
            if workspace is not None and workspace.paused != paused:
                workspace.paused = paused
                uow.commit()
                log.info("workspace %s %s", workspace_key, "paused" if paused else "resumed")

    def _scope(self, uow: AbstractUnitOfWork, message: Message, now) -> Scope:
        workspace = uow.workspaces.by_key(message.workspace_key)
        if workspace is None:
            workspace = uow.workspaces.add(
                Workspace(message.workspace_key, message.platform, self.default_timezone)
            )
        if workspace.paused:  # a message from the workspace: the app is installed again
            workspace.paused = False
        speaker = uow.people.by_name(workspace.id, message.user.lstrip("@"))
        if speaker is None:
            speaker = uow.people.add(Person(workspace.id, message.user.lstrip("@")))
        if message.user_name:
            speaker.display_name = message.user_name
        if message.user_timezone and speaker.timezone != message.user_timezone:
            speaker.timezone = message.user_timezone  # the platform's profile is the truth
        profiles = {p.handle.lower(): p for p in message.profiles}
        return Scope(uow, workspace, speaker, message.channel.lstrip("#"), now, profiles=profiles)
