"""Routing by role, quiet hours, weekends, daylight-saving days and catch-up, with a
controllable clock on a real database."""

from datetime import timedelta

import pytest

from domain.dispatch import LEASE, dispatch
from domain.notifications import Delivery, Notifier
from domain.scheduler import run_pass
from tests.integration.test_scheduler import Recorder, at, pass_at
from tests.support import set_up_store


@pytest.fixture
def recorder(app) -> Recorder:
    app.notifiers = {"console": Recorder()}
    return app.notifiers["console"]


def test_a_reminder_due_at_night_waits_for_the_working_morning(app, chat, recorder):
    chat.ok("task add Ship it @bob due 2026-12-02")  # Wednesday; bob is on UTC
    assert pass_at(app, "2026-12-01T00:30") == []  # "due tomorrow" has begun, but it is night
    assert pass_at(app, "2026-12-01T07:59") == []
    assert pass_at(app, "2026-12-01T08:00") == [("@bob", "deadline")]


def test_nothing_personal_is_sent_after_eight_in_the_evening(app, chat, recorder):
    chat.ok("task add Ship it @bob due 2026-12-02")
    assert pass_at(app, "2026-12-01T20:00") == []
    assert pass_at(app, "2026-12-02T08:00") == [("@bob", "deadline")]
    assert "due today" in recorder.sent[-1][2]  # the eve's reminder was overtaken, not doubled


def test_a_monday_deadline_is_announced_once_on_monday_morning(app, chat, recorder):
    chat.ok("task add Ship it @bob due 2026-11-30")  # Monday
    for when in ("2026-11-28T10:00", "2026-11-29T10:00", "2026-11-30T07:00"):
        assert pass_at(app, when) == []  # the weekend is quiet
    assert pass_at(app, "2026-11-30T08:00") == [("@bob", "deadline")]
    assert "due today" in recorder.sent[-1][2]


def test_a_manager_notice_waits_for_the_managers_own_working_hours(app, chat, recorder):
    set_up_store(chat)
    chat.ok("timezone Pacific/Auckland", user="dave")
    chat.ok("project baseline Checkout")
    chat.ok("task add Surprise @bob in Checkout", user="bob")  # Thu 10:00 UTC: 23:00 there
    assert pass_at(app, "2026-11-26T10:00") == []
    assert pass_at(app, "2026-11-26T18:59") == []
    sent = pass_at(app, "2026-11-26T19:00")  # Friday 08:00 in Auckland
    assert sorted(sent) == [("@dave", "drift"), ("@dave", "unplanned")]


@pytest.mark.parametrize(
    ("zone", "due", "too_early", "morning"),
    [
        # Clocks go forward on Sunday 2027-03-28 in Berlin: Monday 08:00 is 06:00 UTC.
        ("Europe/Berlin", "2027-03-29", "2027-03-29T05:59", "2027-03-29T06:00"),
        # ... and back on Sunday 2027-10-31: Monday 08:00 is 07:00 UTC.
        ("Europe/Berlin", "2027-11-01", "2027-11-01T06:59", "2027-11-01T07:00"),
        # New York springs forward on 2027-03-14 and falls back on 2027-11-07.
        ("America/New_York", "2027-03-15", "2027-03-15T11:59", "2027-03-15T12:00"),
        ("America/New_York", "2027-11-08", "2027-11-08T12:59", "2027-11-08T13:00"),
    ],
)
def test_reminders_after_a_clock_change_arrive_at_eight_local(
    app, chat, recorder, zone, due, too_early, morning
):
    chat.ok(f"timezone {zone}", user="bob")
    chat.ok(f"task add Ship it @bob due {due}")
    assert pass_at(app, too_early) == []
    assert pass_at(app, morning) == [("@bob", "deadline")]


@pytest.mark.parametrize(
    ("zone", "day_before", "dst_day"),
    [
        ("Europe/Berlin", "2027-03-27T08:30", "2027-03-28T07:30"),  # 09:30 CET, then CEST
        ("Europe/Berlin", "2027-10-30T07:30", "2027-10-31T08:30"),
        ("America/New_York", "2027-03-13T14:30", "2027-03-14T13:30"),  # 09:30 EST, then EDT
        ("America/New_York", "2027-11-06T13:30", "2027-11-07T14:30"),
    ],
)
def test_a_daily_digest_keeps_its_local_time_across_a_clock_change(
    app, chat, recorder, zone, day_before, dst_day
):
    chat.ok(f"standup at 09:30 tz {zone} days daily")
    catch_up = (at(day_before) - timedelta(hours=12)).isoformat()[:16]
    pass_at(app, catch_up)  # the missed runs since the standup was set: one catch-up digest
    assert pass_at(app, day_before) == [("#general", "digest")]
    assert pass_at(app, (at(dst_day) - timedelta(minutes=1)).isoformat()[:16]) == []
    assert pass_at(app, dst_day) == [("#general", "digest")]


def test_a_missing_project_manager_is_reported_in_the_channel_once(app, chat, recorder):
    chat.ok("project add Orphan ends 2027-01-31", channel="orphans")
    chat.ok("task add Late thing @bob due 2026-11-25 in Orphan")
    chat.ok("task add Later thing @bob due 2026-11-24 in Orphan")
    sent = pass_at(app, "2026-11-26T10:00")
    assert sorted(sent) == [
        ("#orphans", "missing-manager"),
        ("@bob", "overdue"),
        ("@bob", "overdue"),
    ]
    [notice] = [text for to, _, text in recorder.sent if to == "#orphans"]
    assert "Orphan has no project manager" in notice
    chat.ok("task add One more late thing @bob due 2026-11-23 in Orphan")
    assert pass_at(app, "2026-11-26T11:00") == [("@bob", "overdue")]


def test_a_missing_product_manager_is_reported_when_a_constraint_breaks(app, chat, recorder):
    chat.ok("product add Store")
    chat.ok("product constraint Store release-by 2027-01-01")
    chat.ok("project add Revamp for Store pm @dave ends 2027-02-01", channel="store")
    sent = sorted(pass_at(app, "2026-11-26T10:00"))
    assert sent == [("#store", "missing-manager"), ("@dave", "breach")]
    notice = next(text for to, _, text in recorder.sent if to == "#store")
    assert notice.startswith("Store has no product manager, so ")


def test_snooze_moves_the_next_reminder_by_a_day(app, chat, recorder):
    chat.ok("task add Ship it @bob due 2026-12-02")
    assert pass_at(app, "2026-12-01T10:00") == [("@bob", "deadline")]
    chat.ok("task snooze #1", user="bob")  # at the clock's Thursday 10:00, before the passes
    with app.uow_factory() as uow:
        task = uow.tasks.by_number(1, 1)
        task.remind_at = at("2026-12-02T10:00")  # as if snoozed on Tuesday at 10:00
        uow.commit()
    assert pass_at(app, "2026-12-02T09:00") == []
    assert pass_at(app, "2026-12-02T10:00") == [("@bob", "deadline")]
    assert pass_at(app, "2026-12-02T11:00") == []


def test_the_project_manager_hears_of_an_overdue_task_once_per_due_date(app, chat, recorder):
    set_up_store(chat)
    chat.ok("task add Ship it @bob due 2026-11-27 in Checkout")  # a Friday
    assert sorted(pass_at(app, "2026-11-30T10:00")) == [("@bob", "overdue"), ("@dave", "overdue")]
    chat.ok("task snooze #1", user="bob")
    chat.ok("task assign #1 @erin")
    with app.uow_factory() as uow:
        uow.tasks.by_number(1, 1).remind_at = at("2026-12-01T10:00")  # the snooze has run out
        uow.commit()
    assert pass_at(app, "2026-12-01T10:00") == [("@erin", "overdue")]


def test_a_notice_waiting_for_working_hours_is_dropped_if_its_task_is_closed(app, chat, recorder):
    set_up_store(chat)
    chat.ok("timezone America/Los_Angeles", user="dave")
    chat.ok("task add Ship it @bob due 2026-11-27 in Checkout")
    assert pass_at(app, "2026-11-30T10:00") == [("@bob", "overdue")]  # 02:00 for dave
    chat.ok("task done #1", user="bob")
    assert pass_at(app, "2026-11-30T16:00") == []  # 08:00 for dave: no longer news
    with app.uow_factory() as uow:
        statuses = sorted(n.status for n in uow.outbox.listing(tuple(Delivery), 10))
    assert statuses == [Delivery.OUTDATED, Delivery.SENT]


def test_a_notice_waiting_for_working_hours_is_dropped_if_the_date_moved(app, chat, recorder):
    set_up_store(chat)
    chat.ok("timezone America/Los_Angeles", user="dave")
    chat.ok("task add Ship it @bob due 2026-11-27 in Checkout")
    assert pass_at(app, "2026-11-30T10:00") == [("@bob", "overdue")]  # 02:00 for dave
    chat.ok("task due #1 2026-12-04")
    assert pass_at(app, "2026-11-30T16:00") == []  # no longer overdue when dave wakes


def test_a_review_request_is_dropped_if_the_task_was_approved_meanwhile(app, chat, recorder):
    set_up_store(chat)
    chat.ok("timezone America/New_York", user="dave")
    chat.ok("project baseline Checkout", user="dave")
    chat.ok("task add Surprise in Checkout", user="bob")  # 05:00 for dave: the request waits
    chat.ok("task approve #1", user="dave")
    assert ("@dave", "unplanned") not in pass_at(app, "2026-11-26T14:00")


def test_a_proposed_decision_reaches_its_owner_once(app, chat, recorder):
    set_up_store(chat)
    chat.ok("decision log Move the release to April in Web Store", user="bob")
    assert pass_at(app, "2026-11-26T10:00") == [("@alice", "decision")]
    assert "decision confirm D1" in recorder.sent[-1][2] and "@bob" in recorder.sent[-1][2]
    assert pass_at(app, "2026-11-26T11:00") == []
    chat.ok("decision log Keep the release date in Web Store", user="alice")  # hers: confirmed
    assert pass_at(app, "2026-11-26T12:00") == []


def test_a_decision_notice_is_dropped_if_the_owner_confirmed_it_meanwhile(app, chat, recorder):
    set_up_store(chat)
    chat.ok("timezone Pacific/Auckland", user="alice")  # 23:00 there: the notice waits
    chat.ok("decision log Move the release to April in Web Store", user="bob")
    chat.ok("decision confirm D1", user="alice")
    assert pass_at(app, "2026-11-26T19:00") == []  # 08:00 in Auckland: nothing left to confirm


def test_a_worker_killed_between_claim_and_send_leaves_the_row_to_be_sent_later(app, chat):
    class Killed(Notifier):
        def send(self, notification, step_done=None):
            raise KeyboardInterrupt  # the process dies mid-send

    chat.ok("task add Ship it @bob due 2026-11-27")
    app.notifiers = {"console": Killed()}
    with pytest.raises(KeyboardInterrupt):
        pass_at(app, "2026-11-26T10:00")
    survivor = Recorder()
    assert dispatch(app.uow_factory, {"console": survivor}, at("2026-11-26T10:01")) == []
    after_the_lease = at("2026-11-26T10:00") + LEASE
    sent = dispatch(app.uow_factory, {"console": survivor}, after_the_lease)
    assert [n.to for n in sent] == ["@bob"] and len(survivor.sent) == 1
    assert dispatch(app.uow_factory, {"console": survivor}, after_the_lease + LEASE) == []


def test_a_slow_batch_never_sends_outside_its_lease(app, chat):
    """Each post here takes ten minutes: a batch stops before its lease runs out and the
    rest is claimed afresh, so a second worker could never take a row being sent."""
    wall = [at("2026-11-26T10:00")]
    leases = []

    class Slow(Notifier):
        def send(self, notification, step_done=None):
            with app.uow_factory() as uow:
                [row] = [n for n in uow.outbox.listing(("pending",), 10) if n.id == notification.id]
                leases.append(row.next_attempt_at - wall[0])
            wall[0] += timedelta(minutes=10)

    for n in range(3):
        chat.ok(f"task add Ship {n} @bob due 2026-11-27")
    assert run_pass(app.uow_factory, wall[0]) == 3
    sent = dispatch(app.uow_factory, {"console": Slow()}, wall[0], clock=lambda: wall[0])
    assert len(sent) == 3 and all(lease > timedelta(0) for lease in leases)


def test_commands_go_on_while_a_notification_is_being_sent(app, chat):
    """Nothing is sent inside a transaction: on SQLite, whose write lock covers the whole
    database, a command answered during a slow post would otherwise wait for it."""
    answers = []

    class Slow(Notifier):
        def send(self, notification, step_done=None):
            answers.append(chat.ok("task add Written while the reminder is on its way"))

    chat.ok("task add Ship it @bob due 2026-11-27")
    app.notifiers = {"console": Slow()}
    assert pass_at(app, "2026-11-26T10:00") == [("@bob", "deadline")]
    assert len(answers) == 1 and "#2" in answers[0]
    assert pass_at(app, "2026-11-26T10:01") == []
