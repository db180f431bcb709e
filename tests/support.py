"""Test helpers: the suite's one reference instant, a chat driver over the service, and the
standard scenario's setup.

Every instant in the suite derives from NOW: `ROLECALL_TEST_NOW` (ISO 8601) when set, else
Thursday 26 November 2026, 10:00 UTC. Scenarios start on THURSDAY, 10:00 UTC on the last
Thursday on or before NOW, and say their days as offsets from it (`day(4)` is the Monday
after), so the suite passes on any date and can be run at any chosen one.
"""

import os
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.model.chat import Message, Reply
from domain.service import RoleCall

DEFAULT_NOW = "2026-11-26T10:00:00+00:00"


def reference_instant() -> datetime:
    moment = datetime.fromisoformat(os.environ.get("ROLECALL_TEST_NOW") or DEFAULT_NOW)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


NOW = reference_instant()
THURSDAY = datetime.combine(NOW.date() - timedelta(days=(NOW.weekday() - 3) % 7), time(10), UTC)


def day(offset: int = 0) -> date:
    """The day `offset` days after THURSDAY's (day(1) is Friday, day(4) Monday)."""
    return THURSDAY.date() + timedelta(days=offset)


def iso(offset: int = 0) -> str:
    """day(offset) as `YYYY-MM-DD`, the way people type an exact date."""
    return day(offset).isoformat()


def _on(when: int | date) -> date:
    return when if isinstance(when, date) else day(when)


def at(when: int | date, clock: str = "10:00") -> datetime:
    """`clock` (HH:MM, UTC) on day(when) (or on the date `when`)."""
    return datetime.combine(_on(when), time.fromisoformat(clock), UTC)


def stamp(offset: int, clock: str = "10:00") -> str:
    """at(offset, clock) in ISO 8601, for `worker --once --at` and friends."""
    return at(offset, clock).isoformat()


def local_at(when: int | date, clock: str, zone: str) -> datetime:
    """`clock` as read on a wall in `zone` on day(when) (or on the date `when`), as a UTC
    instant: the offset in force that day counts, whatever the season."""
    return datetime.combine(_on(when), time.fromisoformat(clock), ZoneInfo(zone)).astimezone(UTC)


def local(when: int | date, clock: str, zone: str) -> str:
    """local_at(when, clock, zone) in ISO 8601."""
    return local_at(when, clock, zone).isoformat()


BERLIN, NEW_YORK = "Europe/Berlin", "America/New_York"
# The UTC offsets (hours) the law gives a zone before and after its clocks go forward (True)
# or back (False), stated here so that tests about those days do not take zoneinfo's word.
CLOCK_OFFSETS = {
    (BERLIN, True): (1, 2),  # CET → CEST at 02:00, the last Sunday of March
    (BERLIN, False): (2, 1),  # back at 03:00, the last Sunday of October
    (NEW_YORK, True): (-5, -4),  # EST → EDT at 02:00, the second Sunday of March
    (NEW_YORK, False): (-4, -5),  # back at 02:00, the first Sunday of November
}


def on_wall(when: int | date, clock: str, hours: int) -> datetime:
    """`clock` on day(when) (or the date `when`) on a wall `hours` ahead of UTC."""
    return at(when, clock) - timedelta(hours=hours)


def clock_change(zone: str, forward: bool) -> date:
    """The first day after THURSDAY on which `zone`'s clocks go forward (or back)."""
    tz, on = ZoneInfo(zone), day(1)
    offset = datetime.combine(on, time(12), tz).utcoffset()
    for _ in range(400):
        on += timedelta(days=1)
        changed = datetime.combine(on, time(12), tz).utcoffset()
        if changed != offset and (changed > offset) == forward:
            return on
        offset = changed
    raise ValueError(f"{zone} never changes its clocks")


class ChatDriver:
    def __init__(self, service: RoleCall, workspace="acme", user="erin", channel="general"):
        self.service, self.workspace, self.user, self.channel = service, workspace, user, channel

    def say(self, text: str, user=None, workspace=None, channel=None, platform="console") -> Reply:
        return self.service.handle(Message(
            platform, workspace or self.workspace, user or self.user, channel or self.channel, text
        ))  # fmt: skip

    def ok(self, text: str, **kw) -> str:
        reply = self.say(text, **kw)
        assert reply.ok, f"{text!r} failed: {reply.text}"
        return reply.text

    def fails(self, text: str, **kw) -> str:
        reply = self.say(text, **kw)
        assert not reply.ok, f"{text!r} should have failed: {reply.text}"
        assert "Traceback" not in reply.text
        return reply.text


RELEASE_BY = day(95)  # Web Store's release-by date, a Monday about three months on
CHECKOUT_ENDS = day(81)  # the Monday two weeks before it

SETUP = (
    'product add Web Store pm @alice vision "The easiest store for small shops"',
    f"product constraint Web Store release-by {RELEASE_BY}",
    "product constraint Web Store budget 80k",
    'product constraint Web Store out-of-scope "mobile app"',
    f"project add Checkout for Web Store pm @dave ends {CHECKOUT_ENDS} budget 50k",
)


def set_up_store(chat: ChatDriver) -> None:
    for line in SETUP:
        chat.ok(line)
