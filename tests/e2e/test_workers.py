"""Workers as real processes: exactly once across concurrent PostgreSQL workers, one worker
per SQLite database, and the operator's view of the outbox."""

import json
import subprocess
import threading
import time

import pytest

from bot.bootstrap import bootstrap
from bot.config import Config
from bot.worker import run_once
from domain.model.clock import FixedClock
from domain.model.notifications import DeliveryError
from tests.e2e.conftest import ROLECALL
from tests.integration.test_scheduler import Recorder
from tests.support import THURSDAY, ChatDriver, at, iso, stamp

pytestmark = pytest.mark.e2e


def add_tasks(url: str, count: int) -> None:
    app = bootstrap(Config(database_url=url), clock=FixedClock(THURSDAY))
    chat = ChatDriver(app.service)
    for n in range(count):
        chat.ok(f"task add Task {n} @person{n % 7} due {iso(1)}", workspace=f"team{n % 3}")
    app.engine.dispose()


def test_four_postgresql_workers_at_once_deliver_each_notification_exactly_once(cli, db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("concurrent workers need PostgreSQL; SQLite takes one worker")
    add_tasks(db_url, 120)
    workers = [
        subprocess.Popen([ROLECALL, "worker", "--once", "--at", stamp(0)],
                         env=cli.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]  # fmt: skip
    outputs = [w.communicate(timeout=120) for w in workers]
    assert all(w.returncode == 0 for w in workers), [err for _, err in outputs]
    delivered = [json.loads(line) for out, _ in outputs for line in out.splitlines()]
    assert len(delivered) == 120
    assert len({n["text"] for n in delivered}) == 120  # each task's reminder, once in total


def test_a_second_worker_on_sqlite_refuses_and_the_first_keeps_working(cli, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the single-worker lock is for SQLite")
    first = subprocess.Popen([ROLECALL, "worker", "--starting-at", stamp(0)], env=cli.env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(first.stderr), daemon=True).start()
    try:
        _wait_for(lambda: any("scheduler started" in line for line in log), "the first worker")
        second = cli.run("worker", check=False)
        assert second.returncode == 1
        assert "Another rolecall worker is already running" in second.stderr
        assert "rolecall serve --no-scheduler" in second.stderr  # what to do about it
        once = cli.run("worker", "--once", check=False)
        assert once.returncode == 1
        assert first.poll() is None  # still running
        [reply] = cli.chat(["task list"])  # and the database is still served
        assert reply["ok"]
        assert not [line for line in log if "apscheduler" in line]  # no line every minute
    finally:
        first.terminate()
        first.wait(timeout=30)


def test_the_outbox_command_shows_a_failed_notification_and_its_reason(cli, db_url):
    app = bootstrap(Config(database_url=db_url), clock=FixedClock(THURSDAY))
    ChatDriver(app.service).ok(f"task add Ship it @bob due {iso(1)}")
    app.notifiers = {"console": Recorder([DeliveryError("channel_not_found")])}
    run_once(app, at(0, "10:00"))
    app.engine.dispose()
    listing = cli.run("outbox").stdout
    assert "failed" in listing and "channel_not_found" in listing and "@bob" in listing
    assert "console:acme" in listing  # which workspace it is for


def test_the_outbox_command_shows_when_a_pending_notification_is_next_tried(cli, db_url):
    app = bootstrap(Config(database_url=db_url), clock=FixedClock(THURSDAY))
    ChatDriver(app.service).ok(f"task add Ship it @bob due {iso(1)}")
    app.notifiers = {"console": Recorder([DeliveryError("rate limited", retry_after=30)])}
    run_once(app, at(0, "10:00"))
    app.engine.dispose()
    listing = cli.run("outbox").stdout
    assert "pending" in listing and f"next {iso(0)} 10:" in listing


def test_a_pass_is_logged_only_when_it_queued_or_sent_something(cli):
    quiet = cli.run("worker", "--once", "--at", stamp(0))
    assert "pass at" not in quiet.stderr  # nothing due: no line every minute forever
    cli.chat([f"task add Ship it @bob due {iso(1)}"])
    busy = cli.run("worker", "--once", "--at", stamp(0))
    assert "pass at" in busy.stderr and "1 queued, 1 sent" in busy.stderr


def test_the_outbox_command_says_when_it_shows_only_part_of_the_rows(cli):
    cli.chat([f"task add Task {n} @bob due {iso(1)}" for n in range(3)])
    cli.worker(stamp(0))
    listing = cli.run("outbox", "--status", "sent", "--limit", "2").stdout.splitlines()
    assert [line.split()[0] for line in listing[:2]] == ["sent", "sent"]
    assert listing[2].startswith("Shown: the first 2 of 3 rows (sent); --limit N shows more")
    assert len(cli.run("outbox", "--status", "all").stdout.splitlines()) == 3
    assert "nothing pending or failed" in cli.run("outbox").stdout
    refused = cli.run("outbox", "--status", "lost", check=False)
    assert refused.returncode == 2 and "unknown status 'lost'" in refused.stderr
    assert cli.run("outbox", "--limit", "0", check=False).returncode == 2


def _wait_for(condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)
