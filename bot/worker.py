"""The scheduler worker: a pass queues what is due, then the dispatcher sends it."""

import contextlib
import logging
from datetime import datetime

from bot.bootstrap import Application
from domain.dispatch import dispatch
from domain.notifications import Notification
from domain.scheduler import run_pass

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 30


def run_once(app: Application, at: datetime | None = None) -> list[Notification]:
    now = at or app.clock.now()
    queued = run_pass(app.uow_factory, now)
    sent = dispatch(app.uow_factory, app.notifiers, now)
    log.info("pass at %s: %d queued, %d sent", now.isoformat(), queued, len(sent))
    return sent


def tick(app: Application) -> None:
    """One scheduled tick; a failure is logged and the next tick tries again."""
    try:
        run_once(app)
    except Exception:
        log.exception("scheduler pass failed")


def run_forever(app: Application) -> None:
    from apscheduler.schedulers.blocking import BlockingScheduler

    scheduler = BlockingScheduler(timezone="UTC")
    scheduler.add_job(tick, "interval", args=[app], seconds=INTERVAL_SECONDS,
                      max_instances=1, coalesce=True, next_run_time=app.clock.now())  # fmt: skip
    log.info("worker started: a pass every %d s", INTERVAL_SECONDS)
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        scheduler.start()
