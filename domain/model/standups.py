"""Standup schedules per channel and the check-ins people post for them."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from domain.model.calendar import zone

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(eq=False)
class Standup:
    workspace_id: int
    channel: str
    at: str  # "HH:MM", local to `timezone`
    timezone: str
    days: str  # weekday numbers, "0,1,2,3,4"
    project_id: int | None = None
    next_run_at: datetime | None = None
    last_run_at: datetime | None = None
    id: int | None = None

    @property
    def weekdays(self) -> tuple[int, ...]:
        return tuple(int(d) for d in self.days.split(",") if d)

    def next_after(self, moment: datetime) -> datetime:
        """The first scheduled instant strictly after `moment`, exact across DST changes."""
        tz = zone(self.timezone)
        hour, minute = (int(p) for p in self.at.split(":"))
        day = moment.astimezone(tz).date()
        for offset in range(8):
            candidate_day = day + timedelta(days=offset)
            if candidate_day.weekday() not in self.weekdays:
                continue
            local = datetime.combine(candidate_day, time(hour, minute), tz)
            # A wall time skipped by a DST jump resolves via fold=0, one hour later in UTC.
            candidate = local.astimezone(UTC)
            if candidate > moment:
                return candidate
        raise ValueError("a standup needs at least one weekday")

    def posted_on(self, day: date) -> bool:
        """Whether a digest already went out on `day` (local): one a day, even when the
        time is moved to later on a day that had its digest."""
        last = self.last_run_at
        return last is not None and last.astimezone(zone(self.timezone)).date() == day

    def next_digest_after(self, moment: datetime) -> datetime:
        """The next scheduled instant after `moment` on a day that has had no digest yet."""
        following = self.next_after(moment)
        while self.posted_on(following.astimezone(zone(self.timezone)).date()):
            following = self.next_after(following)
        return following

    def describe(self) -> str:
        days = ", ".join(DAY_NAMES[d] for d in self.weekdays)
        return f"{self.at} {self.timezone} on {days}"


@dataclass(eq=False)
class Checkin:
    workspace_id: int
    person_id: int
    day: date
    yesterday: str | None = None
    today: str | None = None
    blockers: str | None = None
    created_at: datetime | None = None
    id: int | None = None
