"""`task add` the way people type it, read through the whole core on fakes: the phrasings
in tests/data/everyday_task_phrasings.jsonl were written by someone who never read the
parser, each with the title, assignee, due day and project a reader would expect."""

import json
from datetime import date
from pathlib import Path

import pytest

from domain.model.chat import Message
from domain.model.clock import FixedClock
from domain.service import RoleCall
from tests.fakes import FakeUnitOfWork
from tests.support import ChatDriver, at, day

MONDAY = at(4, "10:00")  # the phrasings count their days from a Monday
PEOPLE = ("sam", "lee", "priya", "marco", "ana", "bob")
PROJECTS = ("Checkout", "Mobile App", "Billing")
PHRASINGS = [
    json.loads(line)
    for line in (Path(__file__).parents[2] / "data" / "everyday_task_phrasings.jsonl").open()
]


def a_workspace() -> tuple[ChatDriver, FakeUnitOfWork]:
    uow = FakeUnitOfWork()
    chat = ChatDriver(RoleCall(lambda: uow, FixedClock(MONDAY)))
    for name in PROJECTS:
        chat.ok(f"project add {name}")
    for person in PEOPLE:  # people the workspace knows: they have spoken
        chat.ok("task list", user=person)
    return chat, uow


def added(text: str) -> tuple:
    chat, uow = a_workspace()
    reply = chat.service.handle(Message("console", "acme", "erin", "general", text))
    assert reply.ok, reply.text
    task = uow.tasks.items[-1]
    assignee = next(p.handle for p in uow.people.items if p.id == task.assignee_id)
    project = next((p.name for p in uow.projects.items if p.id == task.project_id), None)
    due = (task.due_on - day(4)).days if task.due_on else None
    return task.title, assignee, due, project


@pytest.mark.parametrize("item", PHRASINGS, ids=[p["text"][:60] for p in PHRASINGS])
def test_an_everyday_phrasing_is_read_as_a_person_means_it(item):
    assert added(item["text"]) == (
        item["title"],
        item["assignee"],
        item["due_day"],
        item["project"],
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # the misreadings new users met, each once filed silently wrong
        ("/task fix the login bug for sam by thursday", ("fix the login bug", "sam", 3, None)),
        ("task add fix login @sam by thursday", ("fix login", "sam", 3, None)),
        ("task add sam: add 3DS support due 12/21", ("add 3DS support", "sam", "12/21", None)),
        ("task add fix login, due thu, @sam", ("fix login", "sam", 3, None)),
        ("task add 'Load test checkout in staging'", ("Load test checkout in staging", "erin",
                                                      None, None)),
        ("task add ‘Load test checkout’ in Billing", ("Load test checkout", "erin", None,
                                                      "Billing")),
        ("task add Review by legal", ("Review by legal", "erin", None, None)),
        ("task add Sign off on the design on friday", ("Sign off on the design", "erin", 4, None)),
        ("task add Write due diligence notes", ("Write due diligence notes", "erin", None, None)),
        ("task add Prepare for monday", ("Prepare for monday", "erin", None, None)),
        ("task add Copy for marketing for lee", ("Copy for marketing", "lee", None, None)),
        ("task add Copy for marketing", ("Copy for marketing", "erin", None, None)),
        ("task add Ship it next wed", ("Ship it", "erin", 9, None)),
        ("task add Ship it this wed", ("Ship it", "erin", 2, None)),
        ("task add Ship it asap", ("Ship it", "erin", 0, None)),
    ],
)  # fmt: skip
def test_the_phrasings_that_were_misread_are_read_right(text, expected):
    title, assignee, due, project = expected
    if isinstance(due, str):  # a month/day: the next one to come
        month, dom = (int(p) for p in due.split("/"))
        year = MONDAY.year + ((month, dom) < (MONDAY.month, MONDAY.day))
        due = (date(year, month, dom) - day(4)).days
    assert added(text) == (title, assignee, due, project)


def test_the_reply_shows_the_day_itself_and_what_was_read_by_which_rule():
    chat, _ = a_workspace()
    reply = chat.ok("task add fix the login bug for sam by thursday")
    thursday = day(7)
    assert f"due {thursday:%a} {thursday.day} {thursday:%b}" in reply and "(in 3 days)" in reply
    assert "Read “by thursday” as the due date; “for sam” as the assignee, @sam." in reply


def test_in_a_name_close_to_a_project_is_a_typo_not_a_title():
    chat, _ = a_workspace()
    assert "no project “Chekout”" in chat.fails("task add Fix the cart in Chekout")
