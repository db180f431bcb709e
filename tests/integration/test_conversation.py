"""The whole command language against a real database (SQLite, or PostgreSQL in CI)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from adapters.persistence import tables
from domain.model.calendar import show_day
from tests.support import day, iso, local, set_up_store


def test_a_team_plans_tracks_and_asks_who_owns_what(chat):
    set_up_store(chat)
    assert "#1" in chat.ok("task add Write release notes @bob due friday in Checkout")
    assert f"due {day(4):%a} {day(4).day} {day(4):%b}" in chat.ok(
        f"task add Design payment form @carol due {iso(4)} in Checkout"
    )
    added = chat.ok('task add "Fix bug in login due to cache" in Checkout')
    assert "“Fix bug in login due to cache” for @erin" in added  # no @person: the speaker

    assert "@bob's open tasks (1)" in chat.ok("task list @bob")
    assert "#3" in chat.ok("task list mine") and "#1" not in chat.ok("task list mine")
    assert "Open tasks in Checkout (3)" in chat.ok("task list in Checkout")
    chat.ok("task done #3")
    chat.ok("task block #2 waiting for API keys")
    assert "waiting for API keys" in chat.ok("task list blocked")
    assert "now assigned to @frank" in chat.ok("task assign #1 @frank")
    assert "(tomorrow)" in chat.ok("task due #1 tomorrow")

    chat.ok("project baseline Checkout")
    chat.ok(f"task add Build mobile app prototype @bob due {iso(126)} in Checkout")
    drift = chat.ok("project drift Checkout")
    assert drift.startswith("Scope drift for Checkout: RED — 33% of 3 baselined tasks: 1 added")
    assert "out-of-scope area: mobile app" in drift
    assert f"after the release-by date {show_day(day(95))}" in drift

    owner = chat.ok("who owns can we push the launch to March?").splitlines()[0]
    assert "product manager" in owner and "@alice" in owner
    owner = chat.ok("who owns moving the deadline of the payment form").splitlines()[0]
    assert "project manager" in owner and "@dave" in owner

    # Cutting a feature to fit the release is the project's scope (the corpus brief's rule).
    logged = chat.ok("decision log We will cut the loyalty feature from the release", user="bob")
    assert "as proposed" in logged and "@dave" in logged
    logged = chat.ok("decision log We will sunset the loyalty programme", user="bob")
    assert "as proposed" in logged and "@alice" in logged
    confirmed = chat.ok("decision log Retros every second Friday", user="dave")
    assert "confirmed" in confirmed


def test_the_overdue_filter_lists_only_late_open_tasks(chat, clock):
    chat.ok(f"task add Old thing due {iso(-6)}")
    chat.ok(f"task add Done old thing due {iso(-7)}")
    chat.ok(f"task add Future thing due {iso(24)}")
    chat.ok("task done #2")
    listed = chat.ok("task list overdue")
    assert "#1" in listed and "#2" not in listed and "#3" not in listed


def test_data_persists_across_processes(app, database_url, clock):
    from bot.bootstrap import bootstrap
    from bot.config import Config
    from tests.support import ChatDriver

    ChatDriver(app.service).ok("task add Persist me @bob due friday")
    again = bootstrap(Config(database_url=database_url), clock=clock)
    assert "Persist me" in ChatDriver(again.service).ok("task list @bob")
    again.engine.dispose()


def test_one_workspace_never_sees_or_changes_another(chat):
    chat.ok("task add Acme secret @bob")
    chat.ok("project add Apollo", workspace="beta")
    assert "Open tasks: none" in chat.ok("task list", workspace="beta")
    assert "no task #1" in chat.fails("task done #1", workspace="beta")
    assert "Read “in Apollo” as part of the title" in chat.ok("task add x in Apollo")
    assert "☐ #1 Acme secret" in chat.ok("task list")
    assert "#1" in chat.ok("task add Beta's first", workspace="beta")  # numbers per workspace


def test_user_text_is_stored_and_shown_as_plain_text(chat, app):
    reply = chat.ok("task add <!channel> please <https://evil.example|click> & see")
    assert "<!channel> please <https://evil.example|click> & see" in reply
    with app.engine.connect() as connection:
        title = connection.execute(select(tables.tasks.c.title)).scalar_one()
    assert title == "<!channel> please <https://evil.example|click> & see"


def test_unapproved_decisions_can_only_be_confirmed_by_their_owner(chat):
    set_up_store(chat)
    chat.ok("decision log We sunset the old checkout in Q3", user="bob")
    assert "Only the product manager (@alice)" in chat.fails("decision confirm D1", user="bob")
    assert "Confirmed D1" in chat.ok("decision confirm D1", user="alice")


def test_a_workspace_can_give_an_area_to_the_other_manager(chat):
    set_up_store(chat)
    assert "Only a product or project manager" in chat.fails("owners set budget product-manager")
    chat.ok("owners set budget product-manager", user="alice")
    first = chat.ok("who owns the budget for extra contractors").splitlines()[0]
    assert "product manager" in first and "@alice" in first


def test_handles_match_in_any_case(chat, app):
    chat.ok("task add Review the copy @kwame")
    assert "Review the copy" in chat.ok("TASK LIST @KWAME")
    chat.ok("task assign #1 @Kwame")
    with app.uow_factory() as uow:
        assert [p.handle for p in uow.people.list(1)] == ["erin", "kwame"]


def test_a_project_can_be_updated_and_a_later_end_is_schedule_drift(chat):
    set_up_store(chat)
    chat.ok("task add Planned work in Checkout")
    chat.ok("project baseline Checkout")
    updated = chat.ok(f"project update Checkout ends {iso(114)} budget 90k")
    assert "after Web Store's release-by date" in updated and "exceeds" in updated
    drift = chat.ok("project drift Checkout")
    assert (
        "AMBER" in drift and f"Schedule drift: the end moved from {iso(81)} to {iso(114)}" in drift
    )
    assert "Budget drift: raised from 50,000 to 90,000" in drift


def test_a_multi_word_product_takes_a_metric_without_quotes(chat):
    chat.ok("product add Harbor Analytics Suite pm @mei")
    reply = chat.ok("product metric Harbor Analytics Suite weekly active teams 500")
    assert reply == "Harbor Analytics Suite: metric weekly active teams, target 500."


def test_only_the_project_manager_approves_unplanned_work(chat):
    set_up_store(chat)
    chat.ok("project baseline Checkout")
    chat.ok("task add Surprise @bob in Checkout", user="bob")
    assert "Only the project manager of Checkout, @dave" in chat.fails(
        "task approve #1", user="bob"
    )
    assert "Approved #1" in chat.ok("task approve #1", user="dave")


def test_a_due_time_is_shown_in_each_readers_own_zone(chat):
    chat.ok("timezone America/Los_Angeles", user="lee")
    chat.ok("timezone Pacific/Auckland", user="kiri")
    chat.ok("task add Call the vendor due friday 5pm", user="lee")  # Fri 17:00 in LA
    assert "due tomorrow at 17:00" in chat.ok("task list", user="lee")
    there = datetime.fromisoformat(local(1, "17:00", "America/Los_Angeles"))
    there = there.astimezone(ZoneInfo("Pacific/Auckland"))  # Saturday afternoon in Auckland
    assert f"due in 2 days at {there:%H:%M}" in chat.ok("task list", user="kiri")


def test_first_messages_at_once_from_a_new_workspace_all_succeed(app):
    """Eight people's first commands race to create the workspace and themselves: the losers
    of the race run again instead of apologising."""
    from concurrent.futures import ThreadPoolExecutor

    from domain.model.chat import Message

    def first(n: int):
        return app.service.handle(Message("slack", "TRACE", f"U{n}", "C1", f"task add Race {n}"))

    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(pool.map(first, range(8)))
    assert all(r.ok for r in replies), [r.text for r in replies if not r.ok]
    numbers = sorted(int(r.text.split("#")[1].split()[0]) for r in replies)
    assert numbers == list(range(1, 9))


def test_tally_counts_like_count_in_one_query(app, chat):
    from dataclasses import replace

    from domain.model.ports import TaskQuery

    for n in range(5):
        chat.ok(f"task add Tally {n} due {day(n - 6)}")
    chat.ok("task start #1")
    chat.ok("task done #2")
    with app.uow_factory() as uow:
        workspace = uow.workspaces.by_key("console:acme")
        base = TaskQuery(workspace.id)
        queries = {"doing": replace(base, statuses=("doing",)),
                   "done": replace(base, statuses=("done",)),
                   "early": replace(base, due_before=day(-3)), "all": base}  # fmt: skip
        expected = {name: uow.tasks.count(query) for name, query in queries.items()}
        assert uow.tasks.tally(queries) == expected == {"doing": 1, "done": 1, "early": 3, "all": 5}


def test_several_tasks_change_at_once_or_not_at_all(chat, app):
    for n in range(4):
        chat.ok(f"task add Task {n}")
    assert chat.ok("task done #1 #3") == "Done: #1 “Task 0”\nDone: #3 “Task 2”"
    assert "no task #9" in chat.fails("task done #2, #9")  # one wrong number: nothing done
    assert "☐ #2 Task 1" in chat.ok("task list")
    assert chat.ok("task assign #2 and #4 @lee").count("assigned to @lee") == 2
    with app.engine.connect() as connection:
        statuses = connection.execute(select(tables.tasks.c.status).order_by(
            tables.tasks.c.number)).scalars().all()  # fmt: skip
    assert statuses == ["done", "todo", "done", "todo"]
    assert "At most 20 tasks" in chat.fails("task done " + " ".join(f"#{n}" for n in range(30)))


def test_a_task_can_be_renamed_and_a_twin_title_is_pointed_out(chat):
    chat.ok("task add Fix login")
    assert "Note: #1 “Fix login” is open with the same title" in chat.ok("task add fix LOGIN")
    assert "Note:" not in chat.ok("task add Fix logout")
    assert chat.ok("task rename #2 Fix the signup form") == (
        "Renamed #2: “fix LOGIN” → “Fix the signup form”."
    )
    assert "☐ #2 Fix the signup form" in chat.ok("task list")
    assert "new title" in chat.fails("task rename #2")


def test_tasks_are_listed_by_when_they_are_due(chat):
    chat.ok("task add Today's due today")
    chat.ok("task add Tomorrow's due tomorrow")
    chat.ok(f"task add Later due {iso(14)}")
    today = chat.ok("task list today")
    assert "Today's" in today and "Tomorrow's" not in today
    assert "Tomorrow's" in chat.ok("task list tomorrow") and "Later" not in chat.ok(
        "task list this week")  # fmt: skip
    assert "Later" in chat.ok(f"task list due {iso(14)}")
    assert "can't read “never” as a date" in chat.fails("task list due never")


def test_the_owner_rejects_a_proposed_decision_with_its_reason(chat, app):
    set_up_store(chat)
    chat.ok("decision log Sunset the legacy API next year in Web Store", user="bob")
    assert "Only the product manager (@alice) can reject D1" in chat.fails(
        "decision reject D1", user="bob")  # fmt: skip
    assert chat.ok("decision reject D1 the launch event is booked", user="alice") == (
        "Rejected D1: “Sunset the legacy API next year” — the launch event is booked"
    )
    assert "D1 is already rejected." in chat.ok("decision confirm D1", user="alice")
    with app.engine.connect() as connection:
        row = connection.execute(select(tables.decisions.c.status, tables.decisions.c.reason))
        assert row.one() == ("rejected", "the launch event is booked")
    assert "decision reject <D#n> [reason]" in chat.fails("decision reject", user="alice")


def test_task_edit_changes_what_is_said_all_of_it_or_none(chat, app):
    chat.ok("project add Apollo")
    chat.ok("project add Zeus")
    chat.ok("task add Ship it in Apollo")
    edited = chat.ok("task edit #1 by friday for @sam estimate 3 in Zeus")
    assert "is now in Zeus (from Apollo)" in edited and "assigned to @sam" in edited
    assert "estimated at 3" in edited and f"due {day(1):%a} {day(1).day} {day(1):%b}" in edited
    assert "can't read “never” as a date" in chat.fails("task edit #1 @lee due never")
    assert "@sam" in chat.ok("task show #1")  # the failed edit changed nothing
    assert "Say what to change" in chat.fails("task edit #1 make it nicer")
