"""The standup digest: short sections for the channel, details per person, one line when
there is nothing to report."""

import re
from datetime import date, timedelta

import pytest

from domain.model.calendar import show_day
from domain.model.decisions import Decision, DecisionStatus
from domain.model.standups import Checkin
from domain.model.tasks import Status, Task
from domain.standups.digest import SECTION_LIMIT, DigestData, build_digest
from tests.support import day

TODAY = day(0)  # a Thursday
TITLE = f"Standup for #general — {show_day(TODAY)}"
ALICE, BOB, CAROL = 1, 2, 3
NAMES = {ALICE: "@alice", BOB: "@bob", CAROL: "@carol"}


def task(n, title, who, status=Status.TODO, due=None, reason=None) -> Task:
    return Task(
        workspace_id=1,
        number=n,
        title=title,
        created_by_id=ALICE,
        assignee_id=who,
        status=status,
        due_on=due,
        blocked_reason=reason,
        id=n,
    )


def decision(n, text, by=ALICE, status=DecisionStatus.PROPOSED) -> Decision:
    return Decision(1, n, text, "timeline", by, status=status)


def checkin(person, yesterday=None, today=None, blockers=None) -> Checkin:
    return Checkin(1, person, TODAY, yesterday=yesterday, today=today, blockers=blockers)


def digest(**parts):
    return build_digest(DigestData(TITLE, TODAY, names=NAMES, **parts))


def headings(result) -> list[str]:
    return [heading for heading, _ in result.sections]


def test_nothing_to_report_is_one_line_not_silence():
    result = build_digest(DigestData(TITLE, TODAY))
    assert result.empty
    assert result.text == f"{TITLE}: nothing to report."
    assert (result.sections, result.details) == ([], [])


def test_a_full_digest_has_every_section_in_order():
    result = digest(
        done=[task(1, "Ship it", ALICE, Status.DONE)],
        doing=[task(2, "Write docs", BOB, Status.DOING)],
        blocked=[task(3, "Sign contract", BOB, Status.BLOCKED, reason="waiting on legal")],
        due_soon=[task(4, "Release notes", CAROL, due=day(1))],
        overdue=[task(5, "Old bug", CAROL, due=day(-2))],
        scope=["Checkout: AMBER — 12%"],
        decisions=[decision(4, "we ship in March")],
        checkins=[checkin(BOB, today="docs")],
    )
    assert not result.empty
    assert headings(result) == [
        "Done",
        "In progress",
        "Blocked",
        "Due in the next 2 working days",
        "Overdue",
        "Scope",
        "Decisions",
        "Check-ins",
    ]


def test_an_empty_section_is_left_out():
    result = digest(done=[task(1, "Ship it", ALICE, Status.DONE)], scope=["Checkout: RED — 30%"])
    assert headings(result) == ["Done", "Scope"]
    assert "In progress" not in result.text
    assert "Decisions" not in result.text


def test_the_summary_counts_each_kind_of_news():
    result = digest(
        done=[task(1, "a", ALICE, Status.DONE), task(2, "b", BOB, Status.DONE)],
        blocked=[task(3, "c", BOB, Status.BLOCKED)],
        due_soon=[task(4, "d", CAROL, due=day(1))],
        decisions=[decision(1, "x")],
    )
    assert result.summary == f"{TITLE}: 2 done · 1 blocked · 1 due soon · 1 decision."


def test_several_decisions_are_counted_in_the_plural():
    result = digest(decisions=[decision(1, "x"), decision(2, "y")])
    assert result.summary.endswith("2 decisions.")


def shown(on: date) -> str:
    """A day as the digest shows it: "Mon 15 Mar", and its year when not TODAY's."""
    return f"{on:%a} {on.day} {on:%b}" if on.year == TODAY.year else show_day(on)


def test_a_task_line_shows_number_title_assignee_due_date_and_block_reason():
    result = digest(
        blocked=[task(3, "Sign contract", BOB, Status.BLOCKED, day(4), "waiting on legal")]
    )
    assert result.sections == [
        ("Blocked", [f"#3 “Sign contract” — @bob, due {shown(day(4))} (waiting on legal)"])
    ]


def test_a_due_date_in_another_year_shows_its_year():
    eve = date(TODAY.year, 12, 31)
    days = [eve - timedelta(days=1), eve + timedelta(days=4), eve - timedelta(days=400)]
    tasks = [task(n, "t", ALICE, Status.DOING, on) for n, on in enumerate(days, 1)]
    (_, items), *_ = build_digest(DigestData(TITLE, eve, names=NAMES, doing=tasks)).sections
    assert [item.split(", due ")[1] for item in items] == [
        f"{days[0]:%a} {days[0].day} {days[0]:%b}",  # this year's: no year
        f"{days[1]:%a} {days[1].day} {days[1]:%b} {eve.year + 1}",  # next January
        f"{days[2]:%a} {days[2].day} {days[2]:%b} {eve.year - 1}",  # overdue since last year
    ]


def test_a_decision_line_shows_its_reference_status_text_and_who_decided():
    result = digest(decisions=[decision(4, "we ship in March", BOB, DecisionStatus.CONFIRMED)])
    assert result.sections == [("Decisions", ["D4 [confirmed] we ship in March — @bob"])]


def test_an_unknown_person_is_shown_as_someone():
    result = digest(doing=[task(1, "Write docs", 99, Status.DOING)])
    assert result.sections == [("In progress", ["#1 “Write docs” — someone"])]


def test_the_details_group_each_persons_tasks_and_checkin_sorted_by_name():
    result = digest(
        done=[task(1, "a", CAROL, Status.DONE)],
        doing=[task(2, "b", ALICE, Status.DOING)],
        blocked=[task(3, "c", CAROL, Status.BLOCKED)],
        overdue=[task(4, "d", BOB, due=day(-10))],
        due_soon=[task(5, "e", ALICE, due=day(1))],
        checkins=[checkin(BOB, yesterday="tests", today="docs", blockers="none")],
    )
    assert result.details == [
        ("@alice", ["doing #2", "due soon #5"]),
        ("@bob", ["overdue #4", "checkin — yesterday: tests, today: docs, blockers: none"]),
        ("@carol", ["done #1", "blocked #3"]),
    ]


def test_a_checkin_detail_leaves_out_the_parts_not_given():
    result = digest(checkins=[checkin(ALICE, today="docs")])
    assert result.details == [("@alice", ["checkin — today: docs"])]
    assert result.sections == [("Check-ins", ["@alice checked in"])]


def test_the_channel_text_holds_the_summary_sections_and_details():
    result = digest(
        done=[task(1, "Ship it", ALICE, Status.DONE)],
        checkins=[checkin(BOB, today="docs")],
    )
    assert result.text.splitlines() == [
        result.summary,
        "Done:",
        "  #1 “Ship it” — @alice",
        "Check-ins:",
        "  @bob checked in",
        "Details by person:",
        "  @alice: done #1",
        "  @bob: checkin — today: docs",
    ]


@pytest.mark.parametrize("field", ["done", "doing", "blocked", "due_soon", "overdue"])
def test_a_long_task_section_is_capped_with_and_n_more(field):
    tasks = [task(n, f"t{n}", ALICE, due=TODAY) for n in range(1, SECTION_LIMIT + 4)]
    (_, items), *_ = digest(**{field: tasks}).sections
    assert len(items) == SECTION_LIMIT + 1
    assert items[SECTION_LIMIT - 1].startswith(f"#{SECTION_LIMIT} ")
    assert items[-1] == "…and 3 more"


def test_a_section_at_the_limit_is_not_capped():
    tasks = [task(n, f"t{n}", ALICE, Status.DOING) for n in range(1, SECTION_LIMIT + 1)]
    (_, items), *_ = digest(doing=tasks).sections
    assert len(items) == SECTION_LIMIT
    assert not any(item.startswith("…and") for item in items)


def test_the_summary_counts_every_task_even_when_the_section_is_capped():
    tasks = [task(n, f"t{n}", ALICE, Status.DOING) for n in range(1, 14)]
    assert digest(doing=tasks).summary == f"{TITLE}: 13 in progress."


def test_a_long_decision_section_is_capped_with_and_n_more():
    (_, items), *_ = digest(decisions=[decision(n, "x") for n in range(1, 13)]).sections
    assert items[-1] == "…and 2 more"
    assert len(items) == SECTION_LIMIT + 1


def test_the_details_list_every_task_even_when_the_section_is_capped():
    tasks = [task(n, f"t{n}", ALICE, Status.DOING) for n in range(1, 14)]
    assert len(digest(doing=tasks).details[0][1]) == 13


# --- bugs found while writing these tests --------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "word"),
    [
        ({"checkins": [checkin(BOB, today="docs")]}, r"check-?in"),
        ({"scope": ["Checkout: RED — 30%"]}, r"scope"),
    ],
)
def test_the_summary_mentions_checkins_and_scope_when_they_are_all_there_is(parts, word):
    result = digest(**parts)
    assert not result.summary.endswith(": .")
    assert re.search(word, result.summary, re.IGNORECASE)


@pytest.mark.parametrize(
    "parts",
    [
        {"checkins": [checkin(n, today="x") for n in range(1, 16)]},
        {"scope": [f"Project {n}: RED — 30%" for n in range(1, 16)]},
    ],
)
def test_the_scope_and_checkin_sections_are_capped_too(parts):
    (_, items), *_ = digest(**parts).sections
    assert len(items) == SECTION_LIMIT + 1
    assert items[-1] == "…and 5 more"


def test_sections_cut_at_the_fetch_limit_still_count_every_task(fake_chat):
    """A project of thousands: the digest reads a hundred per section and counts the rest."""
    from domain.standups.query import FETCH_LIMIT

    total = FETCH_LIMIT + 20
    for n in range(1, total + 1):
        fake_chat.ok(f"task add Item {n}")
        fake_chat.ok(f"task start #{n}")
    digest = fake_chat.ok("standup now")
    assert f"{total} in progress" in digest
    assert f"…and {total - SECTION_LIMIT} more" in digest


def test_a_check_in_with_blockers_shows_them_in_the_check_ins_section():
    result = digest(checkins=[Checkin(1, BOB, day(-1), today="deploy",
                                      blockers="need GPU quota")])  # fmt: skip
    assert "checked in, blocked: need GPU quota" in result.text
