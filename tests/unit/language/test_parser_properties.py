"""Whatever the text, parse() answers with a command or a RoleCallError — nothing else."""

import sys
import typing

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from domain.language import commands as c
from domain.language.parser import parse
from domain.model.errors import RoleCallError

COMMAND_TYPES = typing.get_args(c.Command)

HEADS = [
    "task", "tasks", "task add", "task new", "task list", "task done", "task start",
    "task drop", "task reopen", "task block", "task due", "task assign", "task show",
    "task approve", "task defer", "who owns", "who decides", "who", "who-owns", "decision",
    "decision log", "decision list", "decision confirm", "product", "product add",
    "product metric", "product constraint", "product show", "project", "project add",
    "project baseline", "project drift", "project use", "role", "roles", "owners",
    "owners set", "standup", "standup at", "standup now", "standup off", "checkin",
    "check-in", "timezone", "help", "?", "standup at 9:30", "standup at 5:15pm",
    "task add Write notes", "task Write notes", "task list mine", "project add Web",
    "product add App", "product constraint App", "decision log we ship", "role @bob",
    "role @bob product", "task block #3", "task due #3", "task assign #3",
]  # fmt: skip

WORDS = [
    "add", "list", "done", "start", "block", "due", "in", "for", "estimate", "area", "pm",
    "vision", "ends", "budget", "release-by", "release", "out-of-scope", "oos", "tz", "days",
    "on", "at", "mine", "overdue", "blocked", "late", "product-manager", "project-manager",
    "product", "project", "manager", "yesterday:", "today:", "blockers:", "blocked:", "@bob",
    "@zoë", "@", "@.", "#3", "#", "3", "0", "-1", "1e9", "123456789012", "D7", "9:30", "9am",
    "5:15pm", "12am", "25:99", "24:00", "mon-fri", "mon,wed,fri", "fri-mon", "weekdays",
    "daily", "every", "day", "sun", "-", ",", "$1,200", "1.5m", "50k", "€", "2h", "friday",
    "next friday 5pm", "in 3 days", "2027-03-01", "Europe/Berlin", "Checkout", '"', "“", "”",
    "„", '"quoted in title"', "“smart”", "?", "!", ".", "\n", "\t", "٣", "٩:٣٠",
]  # fmt: skip

PREFIXES = ["", "@RoleCall ", "@rolecall: ", "<@U123> ", "<@U1>, ", "/", "  "]


fragments = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]),
    max_size=8,
)
grammar_text = st.builds(
    lambda prefix, head, parts, sep: prefix + head + sep + sep.join(parts),
    st.sampled_from(PREFIXES),
    st.sampled_from(HEADS),
    st.lists(st.one_of(st.sampled_from(WORDS), fragments), max_size=12),
    st.sampled_from([" ", "  ", " \n "]),
)


def _answers_with_a_command_or_a_user_error(text: str, implicit_task_add: bool) -> None:
    try:
        command = parse(text, implicit_task_add=implicit_task_add)
    except RoleCallError as error:
        assert error.message
        assert "Traceback" not in str(error)
    else:
        assert isinstance(command, COMMAND_TYPES), command


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(), implicit_task_add=st.booleans())
@example(text="", implicit_task_add=False)
@example(text="\x00\x01\u200b\u202e", implicit_task_add=True)
@example(text='task add "', implicit_task_add=False)
@example(text="x" * 4001, implicit_task_add=False)
def test_any_text_parses_to_a_command_or_a_user_error(text, implicit_task_add):
    _answers_with_a_command_or_a_user_error(text, implicit_task_add)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=grammar_text, implicit_task_add=st.booleans())
@example(text="task add @bob due in in in", implicit_task_add=False)
@example(text="standup at 9:30 days mon- tz", implicit_task_add=False)
@example(text="product constraint release-by", implicit_task_add=False)
@example(text="role @bob product manager", implicit_task_add=False)
@example(text="decision log area x in", implicit_task_add=False)
def test_grammar_shaped_text_parses_to_a_command_or_a_user_error(text, implicit_task_add):
    _answers_with_a_command_or_a_user_error(text, implicit_task_add)


@settings(max_examples=50, deadline=None)
@given(
    head=st.sampled_from(["task add", "task list", "standup at", "project add", "checkin"]),
    size=st.integers(min_value=4001, max_value=6000),
)
def test_an_overlong_message_is_refused_whole(head, size):
    text = head + " " + "w" * size
    with pytest.raises(RoleCallError, match="the limit is 4,000"):
        parse(text)


NON_DECIMAL_DIGITS = [
    ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isdigit() and not ch.isdecimal()
]  # fmt: skip


@settings(max_examples=50, deadline=None)
@given(
    form=st.sampled_from(
        ["task done #{}", "task show {}", "task block {} legal", "task due {} fri"]
    ),
    digit=st.sampled_from(NON_DECIMAL_DIGITS),
)
def test_a_non_decimal_digit_in_a_task_number_is_a_user_error(form, digit):
    _answers_with_a_command_or_a_user_error(form.format(digit), False)
