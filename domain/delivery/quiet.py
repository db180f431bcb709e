"""Quiet hours and working days: personal notifications arrive between 08:00 and 20:00 on a
working day in the recipient's own zone; anything due outside waits for the next working
morning. Channel digests keep their configured time."""

from datetime import datetime, time, timedelta

from domain.model.calendar import zone

WORK_START = time(8, 0)
WORK_END = time(20, 0)
WORK_DAYS = (0, 1, 2, 3, 4)  # Monday to Friday


def is_working_time(moment: datetime, tz: str) -> bool:
    local = moment.astimezone(zone(tz))
    return local.weekday() in WORK_DAYS and WORK_START <= local.time() < WORK_END


def next_working_moment(moment: datetime, tz: str) -> datetime:
    """`moment` itself when it is working time, else the start of the next working morning."""
    if is_working_time(moment, tz):
        return moment
    local = moment.astimezone(zone(tz))
    day = local.date() if local.time() < WORK_START else local.date() + timedelta(days=1)
    while day.weekday() not in WORK_DAYS:
        day += timedelta(days=1)
    return datetime.combine(day, WORK_START, zone(tz)).astimezone(moment.tzinfo)
