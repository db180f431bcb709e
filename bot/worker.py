"""The scheduler worker: every minute a pass queues what is due, then the dispatcher sends it.

APScheduler holds one interval job, not one job per reminder: the database is the schedule.
`coalesce` and `misfire_grace_time=None` mean a worker that was asleep or down runs once when
it wakes, and the pass catches up on everything missed (each notification once).
"""

import asyncio
import logging
from datetime import datetime

from bot.bootstrap import Application
from bot.locks import WorkerLock
from domain.delivery.dispatch import dispatch
from domain.delivery.scheduler import run_pass
from domain.model.notifications import Notification

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 60


def run_once(app: Application, at: datetime | None = None) -> list[Notification]:
    started = app.clock.now()
    now = at or started

    def clock() -> datetime:  # the pass's time as it goes on: `at` (a replay) + time taken
        return now + (app.clock.now() - started)

    queued = run_pass(app.uow_factory, now)
    sent = dispatch(app.uow_factory, app.notifiers, now, clock=clock)
    if queued or sent:  # a quiet minute is not news: no line every minute forever
        log.info("pass at %s: %d queued, %d sent", now.isoformat(), queued, len(sent))
    return sent


def tick(app: Application) -> None:
    """One scheduled tick; a failure is logged and the next tick tries again."""
    try:
        run_once(app)
    except Exception:
        log.exception("scheduler pass failed")


def start_scheduler(app: Application):
    """An AsyncIOScheduler on the running loop; the pass runs in its thread pool."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(
        tick,
        "interval",
        args=[app],
        seconds=INTERVAL_SECONDS,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
        next_run_time=app.clock.now(),
    )
    scheduler.start()
    log.info("scheduler started: a pass every %d s", INTERVAL_SECONDS)
    return scheduler


def run_forever(app: Application) -> None:
    WorkerLock.for_engine(app.engine).acquire()

    async def main() -> None:
        start_scheduler(app)
        await asyncio.Event().wait()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        log.info("worker stopped")
