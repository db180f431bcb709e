"""A notice that a role nobody holds made a notification reach nobody: posted once in the
project's channel, so it is never silently skipped."""

from datetime import datetime

from domain.model.notifications import Kind, Notification
from domain.model.roles import Role
from domain.model.workspace import Project, Workspace


def missing_manager(
    workspace: Workspace, project: Project, role: Role, what: str, target: str, now: datetime
) -> Notification | None:
    """`target` is the project or product that needs the role."""
    if not project.channel:
        return None  # a project from before channels were recorded: nowhere to say it
    text = (
        f"{target} has no {role.label}, so {what} reached nobody. "
        f"Name one: role @person {role.value} {target}"
    )
    return Notification(
        workspace_id=workspace.id,
        dedupe_key=f"{workspace.id}:missing:{project.id}:{role}:{target}",
        platform=workspace.platform,
        to=f"#{project.channel}",
        kind=Kind.MISSING,
        text=text,
        payload={"project": project.name, "role": role.value},
        created_at=now,
        next_attempt_at=now,
    )
