"""Routing by role, quiet hours, weekends, daylight-saving days and catch-up, with a
controllable clock on a real database."""

from datetime import datetime, timedelta

import pytest

from domain.delivery.dispatch import LEASE, dispatch
from domain.delivery.scheduler import run_pass
from domain.model.notifications import Delivery, Notifier
from tests.integration.test_scheduler import Recorder, pass_at
from tests.support import at, clock_change, iso, local, set_up_store, stamp

BERLIN, NEW_YORK, LOS_ANGELES = "Europe/Berlin", "America/New_York", "America/Los_Angeles"
AUCKLAND = "Pacific/Auckland"


@pytest.fixture
def recorder(app) -> Recorder:
    app.notifiers = {"console": Recorder()}
    return app.notifiers["console"]


def test_a_reminder_due_at_night_waits_for_the_working_morning(app, chat, recorder):
    chat.ok(f"task add Ship it @bob due {iso(6)}")  # Wednesday; bob is on UTC
    assert pass_at(app, stamp(5, "00:30")) == []  # "due tomorrow" has begun, but it is night
    assert pass_at(app, stamp(5, "07:59")) == []
    assert pass_at(app, stamp(5, "08:00")) == [("@bob", "deadline")]


def test_nothing_personal_is_sent_after_eight_in_the_evening(app, chat, recorder):
    chat.ok(f"task add Ship it @bob due {iso(6)}")
    assert pass_at(app, stamp(5, "20:00")) == []
    assert pass_at(app, stamp(6, "08:00")) == [("@bob", "deadline")]
    assert "due today" in recorder.sent[-1][2]  # the eve's reminder was overtaken, not doubled


def test_a_monday_deadline_is_announced_once_on_monday_morning(app, chat, recorder):
    chat.ok(f"task add Ship it @bob due {iso(4)}")  # Monday
    for when in (stamp(2), stamp(3), stamp(4, "07:00")):
        assert pass_at(app, when) == []  # the weekend is quiet
    assert pass_at(app, stamp(4, "08:00")) == [("@bob", "deadline")]
    assert "due today" in recorder.sent[-1][2]


def test_a_manager_notice_waits_for_the_managers_own_working_hours(app, chat, recorder):
    set_up_store(chat)
    chat.ok(f"timezone {AUCKLAND}", user="dave")
    chat.ok("project baseline Checkout")
    chat.ok("task add Surprise @bob in Checkout", user="bob")  # Thu 10:00 UTC: 23:00 there
    assert pass_at(app, stamp(0)) == []
    assert pass_at(app, local(1, "07:59", AUCKLAND)) == []
    sent = pass_at(app, local(1, "08:00", AUCKLAND))  # Friday morning there
    assert sorted(sent) == [("@dave", "drift"), ("@dave", "unplanned")]


CLOCK_CHANGES = [(zone, forward) for zone in (BERLIN, NEW_YORK) for forward in (True, False)]


@pytest.mark.parametrize(("zone", "forward"), CLOCK_CHANGES)
def test_reminders_after_a_clock_change_arrive_at_eight_local(app, chat, recorder, zone, forward):
    monday = clock_change(zone, forward) + timedelta(days=1)  # clocks change on a Sunday
    chat.ok(f"timezone {zone}", user="bob")
    chat.ok(f"task add Ship it @bob due {monday}")
    assert pass_at(app, local(monday, "07:59", zone)) == []
    assert pass_at(app, local(monday, "08:00", zone)) == [("@bob", "deadline")]


@pytest.mark.parametrize(("zone", "forward"), CLOCK_CHANGES)
def test_a_daily_digest_keeps_its_local_time_across_a_clock_change(
    app, chat, recorder, zone, forward
):
    change = clock_change(zone, forward)
    day_before, dst_day = (
        local(change - timedelta(days=1), "09:30", zone),
        local(change, "09:30", zone),
    )
    chat.ok(f"standup at 09:30 tz {zone} days daily")
    catch_up = (datetime.fromisoformat(day_before) - timedelta(hours=12)).isoformat()
    pass_at(app, catch_up)  # the missed runs since the standup was set: one catch-up digest
    assert pass_at(app, day_before) == [("#general", "digest")]
    assert pass_at(app, (datetime.fromisoformat(dst_day) - timedelta(minutes=1)).isoformat()) == []
    assert pass_at(app, dst_day) == [("#general", "digest")]


def test_a_missing_project_manager_is_reported_in_the_channel_once(app, chat, recorder):
    chat.ok(f"project add Orphan ends {iso(66)}", channel="orphans")
    chat.ok(f"task add Late thing @bob due {iso(-1)} in Orphan")
    chat.ok(f"task add Later thing @bob due {iso(-2)} in Orphan")
    sent = pass_at(app, stamp(0))
    assert sorted(sent) == [
        ("#orphans", "missing-manager"),
        ("@bob", "overdue"),
        ("@bob", "overdue"),
    ]
    [notice] = [text for to, _, text in recorder.sent if to == "#orphans"]
    assert "Orphan has no project manager" in notice
    chat.ok(f"task add One more late thing @bob due {iso(-3)} in Orphan")
    assert pass_at(app, stamp(0, "11:00")) == [("@bob", "overdue")]


def test_a_missing_product_manager_is_reported_when_a_constraint_breaks(app, chat, recorder):
    chat.ok("product add Store")
    chat.ok(f"product constraint Store release-by {iso(36)}")
    chat.ok(f"project add Revamp for Store pm @dave ends {iso(67)}", channel="store")
    sent = sorted(pass_at(app, stamp(0)))
    assert sent == [("#store", "missing-manager"), ("@dave", "breach")]
    notice = next(text for to, _, text in recorder.sent if to == "#store")
    assert notice.startswith("Store has no product manager, so ")


def test_snooze_moves_the_next_reminder_by_a_day(app, chat, recorder):
    chat.ok(f"task add Ship it @bob due {iso(6)}")
    assert pass_at(app, stamp(5)) == [("@bob", "deadline")]
    chat.ok("task snooze #1", user="bob")  # at the clock's Thursday 10:00, before the passes
    with app.uow_factory() as uow:
        task = uow.tasks.by_number(1, 1)
        task.remind_at = at(6, "10:00")  # as if snoozed on Tuesday at 10:00
        uow.commit()
    assert pass_at(app, stamp(6, "09:00")) == []
    assert pass_at(app, stamp(6)) == [("@bob", "deadline")]
    assert pass_at(app, stamp(6, "11:00")) == []


def test_the_project_manager_hears_of_an_overdue_task_once_per_due_date(app, chat, recorder):
    set_up_store(chat)
    chat.ok(f"task add Ship it @bob due {iso(1)} in Checkout")  # a Friday
    assert sorted(pass_at(app, stamp(4))) == [("@bob", "overdue"), ("@dave", "overdue")]
    chat.ok("task snooze #1", user="bob")
    chat.ok("task assign #1 @erin")
    with app.uow_factory() as uow:
        uow.tasks.by_number(1, 1).remind_at = at(5, "10:00")  # the snooze has run out
        uow.commit()
    assert pass_at(app, stamp(5)) == [("@erin", "overdue")]


def test_a_notice_waiting_for_working_hours_is_dropped_if_its_task_is_closed(app, chat, recorder):
    set_up_store(chat)
    chat.ok(f"timezone {LOS_ANGELES}", user="dave")
    chat.ok(f"task add Ship it @bob due {iso(1)} in Checkout")
    assert pass_at(app, stamp(4)) == [("@bob", "overdue")]  # night for dave
    chat.ok("task done #1", user="bob")
    assert pass_at(app, local(4, "08:00", LOS_ANGELES)) == []  # dave's morning: no news
    with app.uow_factory() as uow:
        statuses = sorted(n.status for n in uow.outbox.listing(tuple(Delivery), 10))
    assert statuses == [Delivery.OUTDATED, Delivery.SENT]


def test_a_notice_waiting_for_working_hours_is_dropped_if_the_date_moved(app, chat, recorder):
    set_up_store(chat)
    chat.ok(f"timezone {LOS_ANGELES}", user="dave")
    chat.ok(f"task add Ship it @bob due {iso(1)} in Checkout")
    assert pass_at(app, stamp(4)) == [("@bob", "overdue")]  # night for dave
    chat.ok(f"task due #1 {iso(8)}")
    assert pass_at(app, local(4, "08:00", LOS_ANGELES)) == []  # not overdue when dave wakes


def test_a_review_request_is_dropped_if_the_task_was_approved_meanwhile(app, chat, recorder):
    set_up_store(chat)
    chat.ok("timezone America/New_York", user="dave")
    chat.ok("project baseline Checkout", user="dave")
    chat.ok("task add Surprise in Checkout", user="bob")  # 05:00 for dave: the request waits
    chat.ok("task approve #1", user="dave")
    assert ("@dave", "unplanned") not in pass_at(app, stamp(0, "14:00"))


def test_a_proposed_decision_reaches_its_owner_once(app, chat, recorder):
    set_up_store(chat)
    chat.ok("decision log Sunset the legacy API in Web Store", user="bob")
    assert pass_at(app, stamp(0)) == [("@alice", "decision")]
    assert "decision confirm D1" in recorder.sent[-1][2] and "@bob" in recorder.sent[-1][2]
    assert pass_at(app, stamp(0, "11:00")) == []
    chat.ok("decision log Keep the legacy API alive in Web Store", user="alice")  # hers: confirmed
    assert pass_at(app, stamp(0, "12:00")) == []


def test_a_decision_notice_is_dropped_if_the_owner_confirmed_it_meanwhile(app, chat, recorder):
    set_up_store(chat)
    chat.ok(f"timezone {AUCKLAND}", user="alice")  # 23:00 there: the notice waits
    chat.ok("decision log Sunset the legacy API in Web Store", user="bob")
    chat.ok("decision confirm D1", user="alice")
    assert pass_at(app, local(1, "08:00", AUCKLAND)) == []  # nothing left to confirm


def test_a_worker_killed_between_claim_and_send_leaves_the_row_to_be_sent_later(app, chat):
    class Killed(Notifier):
        def send(self, notification, step_done=None):
            raise KeyboardInterrupt  # the process dies mid-send

    chat.ok(f"task add Ship it @bob due {iso(1)}")
    app.notifiers = {"console": Killed()}
    with pytest.raises(KeyboardInterrupt):
        pass_at(app, stamp(0))
    survivor = Recorder()
    assert dispatch(app.uow_factory, {"console": survivor}, at(0, "10:01")) == []
    after_the_lease = at(0, "10:00") + LEASE
    sent = dispatch(app.uow_factory, {"console": survivor}, after_the_lease)
    assert [n.to for n in sent] == ["@bob"] and len(survivor.sent) == 1
    assert dispatch(app.uow_factory, {"console": survivor}, after_the_lease + LEASE) == []


def test_a_slow_batch_never_sends_outside_its_lease(app, chat):
    """Each post here takes ten minutes: a batch stops before its lease runs out and the
    rest is claimed afresh, so a second worker could never take a row being sent."""
    wall = [at(0, "10:00")]
    leases = []

    class Slow(Notifier):
        def send(self, notification, step_done=None):
            with app.uow_factory() as uow:
                [row] = [n for n in uow.outbox.listing(("pending",), 10) if n.id == notification.id]
                leases.append(row.next_attempt_at - wall[0])
            wall[0] += timedelta(minutes=10)

    for n in range(3):
        chat.ok(f"task add Ship {n} @bob due {iso(1)}")
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

    chat.ok(f"task add Ship it @bob due {iso(1)}")
    app.notifiers = {"console": Slow()}
    assert pass_at(app, stamp(0)) == [("@bob", "deadline")]
    assert len(answers) == 1 and "#2" in answers[0]
    assert pass_at(app, stamp(0, "10:01")) == []
