"""Scheduler passes on a real database: the right notification to the right person, once."""

from datetime import UTC, datetime

import pytest

from bot.worker import run_once
from domain.model.calendar import show_day
from domain.model.notifications import DeliveryError, Notifier
from tests.support import at, day, iso, local, set_up_store, stamp

BERLIN = "Europe/Berlin"


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


def pass_at(app, when: str) -> list[tuple[str, str]]:
    """One worker pass at `when` (ISO 8601; UTC unless it says otherwise)."""
    moment = datetime.fromisoformat(when)
    return [(n.to, n.kind) for n in run_once(app, moment.replace(tzinfo=moment.tzinfo or UTC))]


def test_the_deadline_ladder_reaches_assignee_then_project_manager_once(app, chat, recorder):
    set_up_store(chat)
    chat.ok(f"task add Write release notes @bob due {iso(5)} in Checkout")  # a Tuesday
    assert pass_at(app, stamp(1, "12:00")) == []
    assert pass_at(app, stamp(4)) == [("@bob", "deadline")]
    assert "due tomorrow" in recorder.sent[-1][2]
    assert pass_at(app, stamp(4, "18:00")) == []
    assert pass_at(app, stamp(5, "09:00")) == [("@bob", "deadline")]
    assert "due today" in recorder.sent[-1][2]
    assert pass_at(app, stamp(5, "09:00")) == []
    assert sorted(pass_at(app, stamp(6, "09:00"))) == [("@bob", "overdue"), ("@dave", "overdue")]
    assert pass_at(app, stamp(7, "09:00")) == []
    assert pass_at(app, stamp(14, "09:00")) == []


def test_done_and_dropped_tasks_get_no_reminders(app, chat, recorder):
    chat.ok(f"task add Finished early @bob due {iso(1)}")
    chat.ok(f"task add Not needed @bob due {iso(1)}")
    chat.ok("task done #1")
    chat.ok("task drop #2")
    for when in (stamp(0), stamp(1), stamp(2)):
        assert pass_at(app, when) == []


def test_a_worker_down_for_days_sends_only_the_overdue_notice(app, chat, recorder):
    set_up_store(chat)
    chat.ok(f"task add Write release notes @bob due {iso(1)} in Checkout")
    assert sorted(pass_at(app, stamp(4, "09:00"))) == [("@bob", "overdue"), ("@dave", "overdue")]


def test_reminders_follow_the_assignees_time_zone(app, chat, recorder):
    chat.ok("timezone America/Los_Angeles", user="bob")
    chat.ok(f"task add Call the vendor @bob due {iso(5)}")
    # Monday 08:00 in Los Angeles: the start of bob's working day.
    assert pass_at(app, local(4, "07:59", "America/Los_Angeles")) == []
    assert pass_at(app, local(4, "08:00", "America/Los_Angeles")) == [("@bob", "deadline")]


def test_a_new_due_date_starts_a_new_ladder(app, chat, recorder):
    chat.ok(f"task add Ship it @bob due {iso(1)}")
    assert pass_at(app, stamp(0)) == [("@bob", "deadline")]
    chat.ok(f"task due #1 {iso(6)}")
    assert pass_at(app, stamp(1)) == []
    assert pass_at(app, stamp(5)) == [("@bob", "deadline")]


def test_drift_and_breach_warnings_go_to_the_right_manager_once(app, chat, recorder):
    set_up_store(chat)
    for n in range(10):
        chat.ok(f"task add Planned {n} in Checkout")
    chat.ok("project baseline Checkout")
    pass_at(app, stamp(0))
    recorder.sent.clear()
    chat.ok("task add Extra scope in Checkout", user="dave")  # 10 %: amber
    assert pass_at(app, stamp(0, "11:00")) == [("@dave", "drift")]
    assert "AMBER" in recorder.sent[-1][2]
    chat.ok("task drop #1", user="dave")  # still amber (20 %): no repeat
    assert pass_at(app, stamp(0, "12:00")) == []
    chat.ok("task add Even more scope in Checkout", user="dave")  # 30 %: red
    assert pass_at(app, stamp(0, "13:00")) == [("@dave", "drift")]
    chat.ok(f"task add Native mobile app shell due {iso(45)} in Checkout", user="dave")
    sent = pass_at(app, stamp(0, "14:00"))
    assert sorted(sent) == [("@alice", "breach"), ("@dave", "breach")]
    assert pass_at(app, stamp(0, "15:00")) == []


def test_drift_that_returns_to_ok_and_rises_again_is_told_again(app, chat, recorder):
    set_up_store(chat)
    for n in range(4):
        chat.ok(f"task add Planned {n} in Checkout")
    chat.ok("project baseline Checkout", user="dave")
    chat.ok("task add Surprise in Checkout")  # 1 of 4: red
    assert ("@dave", "drift") in pass_at(app, stamp(0))
    with app.uow_factory() as uow:  # looked at again, still red: nothing new to tell
        uow.projects.by_name(1, "Checkout").scope_dirty = True
        uow.commit()
    assert ("@dave", "drift") not in pass_at(app, stamp(0, "10:30"))
    chat.ok("task approve #5", user="dave")  # into scope: back to OK
    pass_at(app, stamp(0, "11:00"))
    chat.ok("task add Another surprise in Checkout")
    chat.ok("task add A third surprise in Checkout")  # 2 of 5: red again
    assert ("@dave", "drift") in pass_at(app, stamp(0, "11:30"))
    assert "RED" in recorder.sent[-1][2]


def test_an_unplanned_task_is_reported_to_the_project_manager(app, chat, recorder):
    set_up_store(chat)
    chat.ok("project baseline Checkout")
    chat.ok("task add Surprise request @bob in Checkout", user="bob")
    assert ("@dave", "unplanned") in pass_at(app, stamp(0))
    assert "task approve #1" in recorder.sent[0][2]
    assert "Approved #1 into scope" in chat.ok("task approve #1", user="dave")
    assert "level" not in chat.ok("project drift Checkout")
    assert "OK — 0%" in chat.ok("project drift Checkout")


def test_a_digest_is_posted_once_at_the_local_time_on_configured_days(app, chat, recorder):
    chat.ok("standup at 09:30 tz Europe/Berlin days mon-fri")
    chat.ok("task add Something underway @bob")
    chat.ok("task start #1")
    assert pass_at(app, local(1, "09:29", BERLIN)) == []
    assert pass_at(app, local(1, "09:30", BERLIN)) == [("#general", "digest")]
    assert "In progress" in recorder.sent[-1][2]
    assert pass_at(app, stamp(1, "12:00")) == []
    assert pass_at(app, local(2, "09:30", BERLIN)) == []  # Saturday
    assert pass_at(app, local(3, "09:30", BERLIN)) == []  # Sunday
    assert pass_at(app, local(4, "09:30", BERLIN)) == [("#general", "digest")]


def test_after_a_long_outage_only_the_latest_digest_is_posted(app, chat, recorder):
    chat.ok("standup at 09:30 tz Europe/Berlin days mon-fri")
    assert pass_at(app, stamp(8, "15:00")) == [("#general", "digest")]
    assert pass_at(app, stamp(8, "16:00")) == []


def test_a_digest_with_nothing_to_report_is_one_line(app, chat, recorder):
    chat.ok("standup at 09:30 tz UTC days daily")
    pass_at(app, stamp(1, "09:30"))
    assert recorder.sent[-1][2] == f"Standup for #general — {show_day(day(1))}: nothing to report."


def test_a_check_in_is_in_the_next_digest_only(app, chat, recorder):
    chat.ok("standup at 11:00 tz UTC days daily")
    chat.ok("checkin yesterday: wrote the spec today: review it blockers: none", user="bob")
    pass_at(app, stamp(0, "11:00"))  # the same day, an hour after the check-in
    assert "@bob" in recorder.sent[-1][2]
    pass_at(app, stamp(1, "11:00"))
    assert recorder.sent[-1][2] == f"Standup for #general — {show_day(day(1))}: nothing to report."


def test_a_rate_limited_notification_is_retried_and_sent_once(app, chat):
    app.notifiers = {"console": Recorder([DeliveryError("rate limited", retry_after=30)])}
    chat.ok(f"task add Ship it @bob due {iso(1)}")
    assert pass_at(app, stamp(0)) == []
    assert pass_at(app, stamp(0, "10:00:10")) == []  # still backing off
    assert pass_at(app, stamp(0, "10:05")) == [("@bob", "deadline")]
    assert pass_at(app, stamp(0, "10:10")) == []
    assert len(app.notifiers["console"].sent) == 1


def test_a_permanent_failure_leaves_a_failed_row_with_its_reason(app, chat):
    app.notifiers = {"console": Recorder([DeliveryError("channel_not_found")])}
    chat.ok(f"task add Ship it @bob due {iso(1)}")
    assert pass_at(app, stamp(0)) == []
    with app.uow_factory() as uow:
        [row] = uow.outbox.listing(("failed",), 10)
        assert row.error == "channel_not_found" and row.to == "@bob"


def test_a_reassigned_task_reminds_its_new_assignee(app, chat, recorder):
    chat.ok(f"task add Ship it @bob due {iso(1)}")
    assert pass_at(app, stamp(0)) == [("@bob", "deadline")]
    chat.ok("task assign #1 @carol")
    assert pass_at(app, stamp(0, "11:00")) == [("@carol", "deadline")]


def test_a_digest_missed_on_an_earlier_day_is_skipped_and_the_next_covers_since_the_last(
    app, chat, recorder, clock
):
    chat.ok("standup at 09:30 tz Europe/Berlin days mon-fri")
    chat.ok("task add Fix the cart @bob")
    assert pass_at(app, local(1, "09:30", BERLIN)) == [("#general", "digest")]  # Friday's
    clock.at = at(1, "12:00")
    chat.ok("task done #1", user="bob")  # after Friday's digest
    # The worker is down from Friday until Monday 07:00 in Berlin: Friday's is not posted
    # again, and nothing at all is posted on the weekend, whatever the downtime.
    for when in (local(2, "10:00", BERLIN), local(3, "23:00", BERLIN), local(4, "07:00", BERLIN)):
        assert pass_at(app, when) == []
    assert pass_at(app, local(4, "09:30", BERLIN)) == [("#general", "digest")]
    monday = recorder.sent[-1][2]
    assert show_day(day(4)) in monday and "Fix the cart" in monday  # done since Friday's


def test_a_digest_is_never_posted_on_a_day_it_does_not_run_after_an_outage(app, chat, recorder):
    chat.ok("standup at 09:30 tz UTC days mon-fri")  # set on Thursday: the next is Friday's
    assert pass_at(app, stamp(2, "09:31")) == []  # back on Saturday: Friday's is skipped
    assert pass_at(app, stamp(3, "12:00")) == []
    assert pass_at(app, stamp(4, "09:29")) == []
    assert pass_at(app, stamp(4, "09:30")) == [("#general", "digest")]
    assert show_day(day(4)) in recorder.sent[-1][2]


def test_a_digest_late_on_its_own_day_is_posted_and_dated_that_day(app, chat, recorder):
    chat.ok("standup at 09:30 tz UTC days mon-fri")
    assert pass_at(app, stamp(1, "16:00")) == [("#general", "digest")]  # down all morning
    assert show_day(day(1)) in recorder.sent[-1][2]
    assert pass_at(app, stamp(1, "16:01")) == []


def test_the_delivery_ledger_forgets_after_a_week(app, chat, recorder):
    from domain.model.chat import Message

    message = Message("console", "acme", "erin", "general", "task add Once", delivery_id="E1")
    assert app.service.handle(message).ok
    assert app.service.handle(message).duplicate
    pass_at(app, stamp(8))  # eight days later
    assert not app.service.handle(message).duplicate


def test_moving_the_standup_later_on_a_day_it_posted_loses_nothing(app, chat, recorder, clock):
    chat.ok("standup at 09:00 tz UTC days mon-fri")
    assert pass_at(app, stamp(1, "09:01")) == [("#general", "digest")]  # Friday's
    clock.at = at(1, "10:00")
    chat.ok("task add Late work @bob")
    chat.ok("task done #1", user="bob")
    moved = chat.ok("standup at 15:00 tz UTC days mon-fri")
    assert f"Next: {day(4):%a} {day(4).day} {day(4):%b} 15:00" in moved  # not today's again
    assert pass_at(app, stamp(1, "15:05")) == []  # Friday had its digest
    assert pass_at(app, stamp(4, "15:05")) == [("#general", "digest")]
    assert "Late work" in recorder.sent[-1][2]  # done since the last digest posted
