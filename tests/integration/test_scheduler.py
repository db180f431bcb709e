"""Scheduler passes on a real database: the right notification to the right person, once."""

from datetime import UTC, datetime

import pytest

from bot.worker import run_once
from domain.notifications import DeliveryError, Notifier
from tests.support import set_up_store


class Recorder(Notifier):
    def __init__(self, failures: list[DeliveryError] | None = None) -> None:
        self.sent: list[tuple[str, str, str]] = []
        self.failures = failures or []

    def send(self, notification, step_done=None) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((notification.to, notification.kind, notification.text))


@pytest.fixture
def recorder(app) -> Recorder:
    app.notifiers = {"console": Recorder()}
    return app.notifiers["console"]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def pass_at(app, when: str) -> list[tuple[str, str]]:
    return [(n.to, n.kind) for n in run_once(app, at(when))]


def test_the_deadline_ladder_reaches_assignee_then_project_manager_once(app, chat, recorder):
    set_up_store(chat)
    chat.ok("task add Write release notes @bob due 2026-12-01 in Checkout")  # a Tuesday
    assert pass_at(app, "2026-11-27T12:00") == []
    assert pass_at(app, "2026-11-30T10:00") == [("@bob", "deadline")]
    assert "due tomorrow" in recorder.sent[-1][2]
    assert pass_at(app, "2026-11-30T18:00") == []
    assert pass_at(app, "2026-12-01T09:00") == [("@bob", "deadline")]
    assert "due today" in recorder.sent[-1][2]
    assert pass_at(app, "2026-12-01T09:00") == []
    assert sorted(pass_at(app, "2026-12-02T09:00")) == [("@bob", "overdue"), ("@dave", "overdue")]
    assert pass_at(app, "2026-12-03T09:00") == []
    assert pass_at(app, "2026-12-10T09:00") == []


def test_done_and_dropped_tasks_get_no_reminders(app, chat, recorder):
    chat.ok("task add Finished early @bob due 2026-11-27")
    chat.ok("task add Not needed @bob due 2026-11-27")
    chat.ok("task done #1")
    chat.ok("task drop #2")
    for when in ("2026-11-26T10:00", "2026-11-27T10:00", "2026-11-28T10:00"):
        assert pass_at(app, when) == []


def test_a_worker_down_for_days_sends_only_the_overdue_notice(app, chat, recorder):
    set_up_store(chat)
    chat.ok("task add Write release notes @bob due 2026-11-27 in Checkout")
    assert sorted(pass_at(app, "2026-11-30T09:00")) == [("@bob", "overdue"), ("@dave", "overdue")]


def test_reminders_follow_the_assignees_time_zone(app, chat, recorder):
    chat.ok("timezone America/Los_Angeles", user="bob")
    chat.ok("task add Call the vendor @bob due 2026-12-01")
    # Monday 08:00 in Los Angeles is 16:00 UTC: the start of bob's working day.
    assert pass_at(app, "2026-11-30T15:59") == []
    assert pass_at(app, "2026-11-30T16:00") == [("@bob", "deadline")]


def test_a_new_due_date_starts_a_new_ladder(app, chat, recorder):
    chat.ok("task add Ship it @bob due 2026-11-27")
    assert pass_at(app, "2026-11-26T10:00") == [("@bob", "deadline")]
    chat.ok("task due #1 2026-12-02")
    assert pass_at(app, "2026-11-27T10:00") == []
    assert pass_at(app, "2026-12-01T10:00") == [("@bob", "deadline")]


def test_drift_and_breach_warnings_go_to_the_right_manager_once(app, chat, recorder):
    set_up_store(chat)
    for n in range(10):
        chat.ok(f"task add Planned {n} in Checkout")
    chat.ok("project baseline Checkout")
    pass_at(app, "2026-11-26T10:00")
    recorder.sent.clear()
    chat.ok("task add Extra scope in Checkout", user="dave")  # 10 %: amber
    assert pass_at(app, "2026-11-26T11:00") == [("@dave", "drift")]
    assert "AMBER" in recorder.sent[-1][2]
    chat.ok("task drop #1", user="dave")  # still amber (20 %): no repeat
    assert pass_at(app, "2026-11-26T12:00") == []
    chat.ok("task add Even more scope in Checkout", user="dave")  # 30 %: red
    assert pass_at(app, "2026-11-26T13:00") == [("@dave", "drift")]
    chat.ok("task add Native mobile app shell due 2027-01-10 in Checkout", user="dave")
    sent = pass_at(app, "2026-11-26T14:00")
    assert sorted(sent) == [("@alice", "breach"), ("@dave", "breach")]
    assert pass_at(app, "2026-11-26T15:00") == []


def test_drift_that_returns_to_ok_and_rises_again_is_told_again(app, chat, recorder):
    set_up_store(chat)
    for n in range(4):
        chat.ok(f"task add Planned {n} in Checkout")
    chat.ok("project baseline Checkout", user="dave")
    chat.ok("task add Surprise in Checkout")  # 1 of 4: red
    assert ("@dave", "drift") in pass_at(app, "2026-11-26T10:00")
    with app.uow_factory() as uow:  # looked at again, still red: nothing new to tell
        uow.projects.by_name(1, "Checkout").scope_dirty = True
        uow.commit()
    assert ("@dave", "drift") not in pass_at(app, "2026-11-26T10:30")
    chat.ok("task approve #5", user="dave")  # into scope: back to OK
    pass_at(app, "2026-11-26T11:00")
    chat.ok("task add Another surprise in Checkout")
    chat.ok("task add A third surprise in Checkout")  # 2 of 5: red again
    assert ("@dave", "drift") in pass_at(app, "2026-11-26T11:30")
    assert "RED" in recorder.sent[-1][2]


def test_an_unplanned_task_is_reported_to_the_project_manager(app, chat, recorder):
    set_up_store(chat)
    chat.ok("project baseline Checkout")
    chat.ok("task add Surprise request @bob in Checkout", user="bob")
    assert ("@dave", "unplanned") in pass_at(app, "2026-11-26T10:00")
    assert "task approve #1" in recorder.sent[0][2]
    assert "Approved #1 into scope" in chat.ok("task approve #1", user="dave")
    assert "level" not in chat.ok("project drift Checkout")
    assert "OK — 0%" in chat.ok("project drift Checkout")


def test_a_digest_is_posted_once_at_the_local_time_on_configured_days(app, chat, recorder):
    chat.ok("standup at 09:30 tz Europe/Berlin days mon-fri")
    chat.ok("task add Something underway @bob")
    chat.ok("task start #1")
    assert pass_at(app, "2026-11-27T08:29") == []
    assert pass_at(app, "2026-11-27T08:30") == [("#general", "digest")]  # 09:30 in Berlin
    assert "In progress" in recorder.sent[-1][2]
    assert pass_at(app, "2026-11-27T12:00") == []
    assert pass_at(app, "2026-11-28T08:30") == []  # Saturday
    assert pass_at(app, "2026-11-29T08:30") == []  # Sunday
    assert pass_at(app, "2026-11-30T08:30") == [("#general", "digest")]


def test_after_a_long_outage_only_the_latest_digest_is_posted(app, chat, recorder):
    chat.ok("standup at 09:30 tz Europe/Berlin days mon-fri")
    assert pass_at(app, "2026-12-04T15:00") == [("#general", "digest")]
    assert pass_at(app, "2026-12-04T16:00") == []


def test_a_digest_with_nothing_to_report_is_one_line(app, chat, recorder):
    chat.ok("standup at 09:30 tz UTC days daily")
    pass_at(app, "2026-11-27T09:30")
    assert recorder.sent[-1][2] == "Standup for #general — Fri 27 Nov 2026: nothing to report."


def test_a_check_in_is_in_the_next_digest_only(app, chat, recorder):
    chat.ok("standup at 11:00 tz UTC days daily")
    chat.ok("checkin yesterday: wrote the spec today: review it blockers: none", user="bob")
    pass_at(app, "2026-11-26T11:00")  # the same day, an hour after the check-in
    assert "@bob" in recorder.sent[-1][2]
    pass_at(app, "2026-11-27T11:00")
    assert recorder.sent[-1][2] == "Standup for #general — Fri 27 Nov 2026: nothing to report."


def test_a_rate_limited_notification_is_retried_and_sent_once(app, chat):
    app.notifiers = {"console": Recorder([DeliveryError("rate limited", retry_after=30)])}
    chat.ok("task add Ship it @bob due 2026-11-27")
    assert pass_at(app, "2026-11-26T10:00") == []
    assert pass_at(app, "2026-11-26T10:00:10") == []  # still backing off
    assert pass_at(app, "2026-11-26T10:05") == [("@bob", "deadline")]
    assert pass_at(app, "2026-11-26T10:10") == []
    assert len(app.notifiers["console"].sent) == 1


def test_a_permanent_failure_leaves_a_failed_row_with_its_reason(app, chat):
    app.notifiers = {"console": Recorder([DeliveryError("channel_not_found")])}
    chat.ok("task add Ship it @bob due 2026-11-27")
    assert pass_at(app, "2026-11-26T10:00") == []
    with app.uow_factory() as uow:
        [row] = uow.outbox.listing(("failed",), 10)
        assert row.error == "channel_not_found" and row.to == "@bob"


def test_a_reassigned_task_reminds_its_new_assignee(app, chat, recorder):
    chat.ok("task add Ship it @bob due 2026-11-27")
    assert pass_at(app, "2026-11-26T10:00") == [("@bob", "deadline")]
    chat.ok("task assign #1 @carol")
    assert pass_at(app, "2026-11-26T11:00") == [("@carol", "deadline")]


def test_a_missed_digest_runs_late_under_its_own_day_and_todays_still_runs(app, chat, recorder):
    chat.ok("standup at 09:30 tz Europe/Berlin days mon-fri")
    # The worker is down all Friday; it comes back on Monday at 07:00 Berlin.
    assert pass_at(app, "2026-11-30T06:00") == [("#general", "digest")]
    assert "Fri 27 Nov 2026" in recorder.sent[-1][2]
    assert pass_at(app, "2026-11-30T08:30") == [("#general", "digest")]
    assert "Mon 30 Nov 2026" in recorder.sent[-1][2]


def test_the_delivery_ledger_forgets_after_a_week(app, chat, recorder):
    from domain.chat import Message

    message = Message("console", "acme", "erin", "general", "task add Once", delivery_id="E1")
    assert app.service.handle(message).ok
    assert app.service.handle(message).duplicate
    pass_at(app, "2026-12-04T10:00")  # eight days later
    assert not app.service.handle(message).duplicate
