"""Standup schedules, `standup now`, check-ins and the speaker's time zone."""

from datetime import timedelta

from domain.language import commands as c
from domain.model.calendar import zone
from domain.model.chat import Reply
from domain.model.context import Scope
from domain.model.standups import Checkin, Standup
from domain.standups.query import gather_digest


def schedule(cmd: c.ScheduleStandup, s: Scope) -> Reply:
    tz = cmd.timezone or s.tz
    zone(tz)  # an unknown zone is the user's error, before anything is written
    project = s.project(cmd.project) if cmd.project else None
    standup = s.uow.standups.for_channel(s.workspace.id, s.channel)
    if standup is None:
        standup = s.uow.standups.add(Standup(s.workspace.id, s.channel, cmd.at, tz, ""))
    standup.at, standup.timezone = cmd.at, zone(tz).key
    standup.days = ",".join(str(d) for d in cmd.days)
    standup.project_id = project.id if project else None
    standup.next_run_at = standup.next_digest_after(s.now)
    nxt = standup.next_run_at.astimezone(zone(tz))
    scope = f" for {project.name}" if project else ""
    return Reply(
        f"Standup digest for #{s.channel}{scope}: {standup.describe()}. "
        f"Next: {nxt:%a} {nxt.day} {nxt:%b %H:%M}.",
        data=standup,
    )


def run_now(cmd: c.RunStandup, s: Scope) -> Reply:
    standup = s.uow.standups.for_channel(s.workspace.id, s.channel)
    since = (standup.last_run_at if standup else None) or s.now - timedelta(days=1)
    digest = gather_digest(s.uow, s.workspace, s.channel, standup.project_id if standup else None,
                           since, s.now, standup.timezone if standup else s.tz)  # fmt: skip
    return Reply(digest.text, public=True, data=digest)


def stop(cmd: c.StopStandup, s: Scope) -> Reply:
    standup = s.uow.standups.for_channel(s.workspace.id, s.channel)
    if standup is None:
        return Reply(f"#{s.channel} has no standup digest scheduled.")
    s.uow.standups.remove(standup)
    return Reply(f"Standup digest for #{s.channel} turned off.")


def show(cmd: c.ShowStandup, s: Scope) -> Reply:
    standup = s.uow.standups.for_channel(s.workspace.id, s.channel)
    if standup is None:
        return Reply(f"#{s.channel} has no standup digest.\nTry: standup at 09:30 days mon-fri")
    return Reply(f"Standup digest for #{s.channel}: {standup.describe()}.", data=standup)


def checkin(cmd: c.CheckIn, s: Scope) -> Reply:
    entry = s.uow.checkins.of(s.workspace.id, s.speaker.id, s.today)
    if entry is None:
        entry = s.uow.checkins.add(Checkin(s.workspace.id, s.speaker.id, s.today, created_at=s.now))
    entry.yesterday, entry.today, entry.blockers = cmd.yesterday, cmd.today, cmd.blockers
    entry.created_at = s.now  # an edited check-in is news for the next digest again
    note = " Blockers noted for the digest." if cmd.blockers else ""
    return Reply(f"Thanks {s.speaker.mention}, check-in recorded for the next digest.{note}")


def set_timezone(cmd: c.SetTimezone, s: Scope) -> Reply:
    s.speaker.timezone = zone(cmd.timezone).key
    return Reply(f"Your time zone is now {s.speaker.timezone}.")
