"""The standup digest: a pure function of the tasks, decisions, check-ins and drift it is
given, and of the day it is for. Short summary for the channel, details per person."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from domain.model.calendar import show_day
from domain.model.decisions import Decision
from domain.model.standups import Checkin
from domain.model.tasks import Task
from domain.model.text import quoted

SECTION_LIMIT = 10


@dataclass(frozen=True)
class DigestData:
    title: str  # "Standup for #general — Thu 26 Nov 2026"
    today: date
    done: list[Task] = field(default_factory=list)
    doing: list[Task] = field(default_factory=list)
    blocked: list[Task] = field(default_factory=list)
    due_soon: list[Task] = field(default_factory=list)
    overdue: list[Task] = field(default_factory=list)
    scope: list[str] = field(default_factory=list)  # "Checkout: AMBER — 20% …"
    decisions: list[Decision] = field(default_factory=list)
    checkins: list[Checkin] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)  # person id → mention
    totals: dict[str, int] = field(default_factory=dict)  # "done" → count, where lists are cut


@dataclass(frozen=True)
class Digest:
    summary: str
    sections: list[tuple[str, list[str]]]
    details: list[tuple[str, list[str]]]  # per person: mention, lines

    @property
    def empty(self) -> bool:
        return not self.sections

    @property
    def text(self) -> str:
        lines = [self.summary]
        for heading, items in self.sections:
            lines.append(f"{heading}:")
            lines += [f"  {item}" for item in items]
        if self.details:
            lines.append("Details by person:")
            for who, items in self.details:
                lines.append(f"  {who}: " + "; ".join(items))
        return "\n".join(lines)


def build_digest(d: DigestData) -> Digest:
    def name(person_id: int) -> str:
        return d.names.get(person_id, "someone")

    def task_item(t: Task) -> str:
        reason = f" ({t.blocked_reason})" if t.blocked_reason else ""
        due = f", due {_short_day(t.due_on, d.today)}" if t.due_on else ""
        return f"{t.ref} {quoted(t.title)} — {name(t.assignee_id)}{due}{reason}"

    groups = [
        ("Done", d.done), ("In progress", d.doing), ("Blocked", d.blocked),
        ("Due in the next 2 working days", d.due_soon), ("Overdue", d.overdue),
    ]  # fmt: skip
    total = dict(zip((h for h, _ in groups), (d.totals.get(key, len(ts)) for key, ts in (
        ("done", d.done), ("doing", d.doing), ("blocked", d.blocked),
        ("due_soon", d.due_soon), ("overdue", d.overdue))), strict=True))  # fmt: skip
    sections = [(h, _capped([task_item(t) for t in ts[:SECTION_LIMIT]], total[h]))
                for h, ts in groups if ts]  # fmt: skip
    if d.scope:
        sections.append(("Scope", _capped(d.scope)))
    if d.decisions:
        sections.append(("Decisions", _capped(
            [f"{x.ref} [{x.status}] {x.text} — {name(x.decided_by_id)}" for x in d.decisions]
        )))  # fmt: skip
    if d.checkins:
        sections.append(("Check-ins", _capped([
            f"{name(c.person_id)} checked in" + (f", blocked: {c.blockers}" if c.blockers else "")
            for c in d.checkins])))  # fmt: skip
    counts = [f"{total[h]} {h.lower().replace('in the next 2 working days', 'soon')}"
              for h, ts in groups if ts]  # fmt: skip
    for items, noun in (
        (d.decisions, "decision"),
        (d.checkins, "check-in"),
        (d.scope, "scope note"),
    ):
        if items:
            counts.append(f"{len(items)} {noun}{'s' * (len(items) != 1)}")
    if not sections:
        return Digest(f"{d.title}: nothing to report.", [], [])
    return Digest(f"{d.title}: " + " · ".join(counts) + ".", sections, _details(d, name))


def _details(d: DigestData, name) -> list[tuple[str, list[str]]]:
    per_person: dict[int, list[str]] = defaultdict(list)
    for label, tasks in (("done", d.done), ("doing", d.doing), ("blocked", d.blocked),
                         ("overdue", d.overdue), ("due soon", d.due_soon)):  # fmt: skip
        for t in tasks:
            per_person[t.assignee_id].append(f"{label} {t.ref}")
    for c in d.checkins:
        said = [
            f"{k}: {v}"
            for k, v in (("yesterday", c.yesterday), ("today", c.today), ("blockers", c.blockers))
            if v
        ]
        per_person[c.person_id].append("checkin — " + ", ".join(said))  # fmt: skip
    return sorted(((name(pid), items) for pid, items in per_person.items()), key=lambda x: x[0])


def _short_day(day: date, today: date) -> str:
    """ "Tue 1 Dec"; with its year when that is not today's, so that a date across New Year
    (a task overdue since last year, one due next year) is not read as this year's."""
    return f"{day:%a} {day.day} {day:%b}" if day.year == today.year else show_day(day)


def _capped(items: list[str], total: int | None = None) -> list[str]:
    more = (len(items) if total is None else total) - SECTION_LIMIT
    return items[:SECTION_LIMIT] + ([f"…and {more} more"] if more > 0 else [])
