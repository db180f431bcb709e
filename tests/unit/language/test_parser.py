"""The command language of DESIGN §2: every form parsed to its command, every bad input
refused with one short, specific error."""

import pytest

from domain.language import commands as c
from domain.language.parser import parse
from domain.model.errors import RoleCallError
from domain.model.tasks import Status

WEEKDAYS = (0, 1, 2, 3, 4)
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)

TASKS = [
    # task add: options in any order, after the title
    (
        "task add Write release notes @bob due friday in Checkout",
        c.AddTask("Write release notes", assignee="bob", due="friday", project="Checkout"),
    ),
    (
        "task add Write release notes in Checkout due friday @bob estimate 3",
        c.AddTask("Write release notes", "bob", "friday", "Checkout", 3.0),
    ),
    (
        "task add Write release notes estimate 3 in Checkout Web @bob due tomorrow",
        c.AddTask("Write release notes", "bob", "tomorrow", "Checkout Web", 3.0),
    ),
    (
        "task add @bob Write release notes estimate 2h due next friday 5pm",
        c.AddTask("Write release notes", assignee="bob", due="next friday 5pm", estimate=2.0),
    ),
    ("task add Write notes", c.AddTask("Write notes")),
    ("task add Write notes estimate 1.5", c.AddTask("Write notes", estimate=1.5)),
    ("task add Write notes due 2027-03-01", c.AddTask("Write notes", due="2027-03-01")),
    ("task add Write notes due in 3 days", c.AddTask("Write notes", due="in 3 days")),
    (
        "task add Write notes due in 3 days in Checkout",
        c.AddTask("Write notes", due="in 3 days", project="Checkout"),
    ),
    (
        "task add Write notes ESTIMATE 3 DUE friday IN Checkout",
        c.AddTask("Write notes", due="friday", project="Checkout", estimate=3.0),
    ),
    # a mention inside the title assigns the task and stays in the title
    (
        "task add Ask @bob to review the copy",
        c.AddTask("Ask @bob to review the copy", assignee="bob"),
    ),
    # a repeated keyword is part of the title
    ("task add Write due diligence due fri", c.AddTask("Write due diligence", due="fri")),
    # quoting keeps `in` and `due` literal
    (
        'task add "Fix bug in login due to cache" in Checkout',
        c.AddTask("Fix bug in login due to cache", project="Checkout"),
    ),
    (
        'task add "Write tests in pytest" due friday',
        c.AddTask("Write tests in pytest", due="friday"),
    ),
    ("task add “Smart quoted in title” @bob", c.AddTask("Smart quoted in title", "bob")),
    (
        "task add Write tests in pytest due friday",
        c.AddTask("Write tests", None, "friday", "pytest"),
    ),
    (
        "task add Écrire les notes @zoë due vendredi",
        c.AddTask("Écrire les notes", assignee="zoë", due="vendredi"),
    ),
    ("Task Add Write notes", c.AddTask("Write notes")),
    # task list and its filters
    ("task list", c.ListTasks()),
    ("tasks", c.ListTasks()),
    ("task list mine", c.ListTasks(mine=True)),
    ("TASK LIST MINE", c.ListTasks(mine=True)),
    ("task list @bob", c.ListTasks(person="bob")),
    ("task list overdue", c.ListTasks(overdue=True)),
    ("task list late", c.ListTasks(overdue=True)),
    ("task list blocked", c.ListTasks(blocked=True)),
    ("task list done", c.ListTasks(done=True)),
    ("task list in Checkout", c.ListTasks(project="Checkout")),
    ("task list for Checkout Web", c.ListTasks(project="Checkout Web")),
    (
        "task list mine overdue in Checkout Web",
        c.ListTasks(mine=True, overdue=True, project="Checkout Web"),
    ),
    ("task list @bob blocked", c.ListTasks(person="bob", blocked=True)),
    ("task list @bob in Checkout", c.ListTasks(person="bob", project="Checkout")),
    ("task list me blocked overdue", c.ListTasks(mine=True, blocked=True, overdue=True)),
    # status changes, reschedule, assign
    ("task done #3", c.ChangeTaskStatus(3, Status.DONE)),
    ("task done 3", c.ChangeTaskStatus(3, Status.DONE)),
    ("task done #3.", c.ChangeTaskStatus(3, Status.DONE)),
    ("task start #4", c.ChangeTaskStatus(4, Status.DOING)),
    ("task drop #5", c.ChangeTaskStatus(5, Status.DROPPED)),
    ("task reopen #5", c.ChangeTaskStatus(5, Status.TODO)),
    (
        "task block #6 waiting on legal review",
        c.ChangeTaskStatus(6, Status.BLOCKED, "waiting on legal review"),
    ),
    ("task due #7 next friday", c.RescheduleTask(7, "next friday")),
    ("task due #7 in 3 days", c.RescheduleTask(7, "in 3 days")),
    ("task assign #8 @carol", c.AssignTask(8, "carol")),
    ("task assign 8 @carol,", c.AssignTask(8, "carol")),
    ("task show #9", c.ShowTask(9)),
    ("task approve #10", c.ReviewUnplannedTask(10, approve=True)),
    ("task defer #10", c.ReviewUnplannedTask(10, approve=False)),
]

TALK = [
    (
        "who owns can we push the launch to March?",
        c.AskWhoOwns("can we push the launch to March?"),
    ),
    ("WHO OWNS the budget", c.AskWhoOwns("the budget")),
    ("who owns: the budget", c.AskWhoOwns("the budget")),
    ("who decides the budget", c.AskWhoOwns("the budget")),
    ("who-owns the budget", c.AskWhoOwns("the budget")),
    ("/who-owns the budget", c.AskWhoOwns("the budget")),
    # a trailing `in X` is offered as context; the question keeps its words
    (
        "who owns the budget in Checkout?",
        c.AskWhoOwns("the budget in Checkout?", ("Checkout",)),
    ),
    (
        "who owns the release plan in Q3 in Mobile App",
        c.AskWhoOwns("the release plan in Q3 in Mobile App", ("Mobile App", "Q3 in Mobile App")),
    ),
    (
        'who owns pricing in "Mobile App"',
        c.AskWhoOwns('pricing in "Mobile App"', ("Mobile App",)),
    ),
    # an unclosed quote is fine in free text
    ('who owns the "launch date', c.AskWhoOwns('the "launch date')),
    ("decision log we ship in March", c.LogDecision("we ship in March", None, ("March",))),
    (
        "decision log we use Postgres area process",
        c.LogDecision("we use Postgres", "process"),
    ),
    (
        "decision log we ship in March area Timeline",
        c.LogDecision("we ship in March", "timeline", ("March",)),
    ),
    (
        "decision log we ship in March area timeline in Checkout",
        c.LogDecision(
            "we ship in March in Checkout", "timeline", ("Checkout", "March in Checkout")
        ),
    ),
    ("decision list", c.ListDecisions()),
    ("decision list in Checkout", c.ListDecisions("Checkout")),
    ("decision list for Checkout Web", c.ListDecisions("Checkout Web")),
    ("decision confirm D3", c.ConfirmDecision(3)),
    ("decision confirm 3", c.ConfirmDecision(3)),
    (
        "checkin yesterday: wrote tests today: fix the bug blockers: none",
        c.CheckIn("wrote tests", "fix the bug", None),
    ),
    (
        "checkin Yesterday: a  lot   of things Today: b Blockers: c",
        c.CheckIn("a lot of things", "b", "c"),
    ),
    ("checkin yesterday:a today:b blocked: legal", c.CheckIn("a", "b", "legal")),
    ("checkin today: ship it", c.CheckIn(None, "ship it", None)),
    ("checkin blocker: waiting on legal", c.CheckIn(None, None, "waiting on legal")),
    ("checkin just fixing things", c.CheckIn(None, "just fixing things", None)),
    ("check-in yesterday: shipped", c.CheckIn("shipped", None, None)),
]

SETUP = [
    (
        'product add Mobile App pm @alice vision "Pocket banking for students"',
        c.AddProduct("Mobile App", "alice", "Pocket banking for students"),
    ),
    ("product add Mobile App", c.AddProduct("Mobile App")),
    (
        'product metric "Mobile App" weekly active users 10k',
        c.SetProductMetric("Mobile App", "weekly active users", "10k"),
    ),
    ("product metric Checkout conversion 3%", c.SetProductMetric("Checkout", "conversion", "3%")),
    (
        "product constraint Mobile App release-by 2027-03-01",
        c.SetProductConstraint("Mobile App", "release-by", "2027-03-01"),
    ),
    (
        'product constraint "Mobile App" release-by next friday',
        c.SetProductConstraint("Mobile App", "release-by", "next friday"),
    ),
    ("product constraint Checkout budget 50k", c.SetProductConstraint("Checkout", "budget", "50k")),
    (
        "product constraint Checkout budget $1,200",
        c.SetProductConstraint("Checkout", "budget", "$1,200"),
    ),
    (
        "product constraint Checkout budget 1.5m",
        c.SetProductConstraint("Checkout", "budget", "1.5m"),
    ),
    (
        'product constraint Checkout out-of-scope "desktop app"',
        c.SetProductConstraint("Checkout", "out-of-scope", "desktop app"),
    ),
    (
        'product constraint "Budget Planner" budget 5k',
        c.SetProductConstraint("Budget Planner", "budget", "5k"),
    ),
    ("product list", c.ShowProducts()),
    ("product show Checkout", c.ShowProducts("Checkout")),
    (
        "project add Checkout Web for Mobile App pm @bob ends 2027-06-30 budget 40k",
        c.AddProject("Checkout Web", "Mobile App", "bob", "2027-06-30", 40_000.0),
    ),
    (
        "project add Checkout Web budget $1,200 ends next friday",
        c.AddProject("Checkout Web", ends="next friday", budget=1_200.0),
    ),
    ("project add Checkout Web budget 1.5m", c.AddProject("Checkout Web", budget=1_500_000.0)),
    ("project add Checkout Web", c.AddProject("Checkout Web")),
    ("project baseline Checkout Web", c.SetBaseline("Checkout Web")),
    ("project baseline", c.SetBaseline()),
    ("project drift Checkout Web", c.ShowDrift("Checkout Web")),
    ("project use Checkout Web", c.UseProject("Checkout Web")),
    ("project list", c.ShowProjects()),
    (
        "role @alice product-manager Mobile App",
        c.AssignRole("alice", "product-manager", "Mobile App"),
    ),
    (
        "role @alice product manager Mobile App",
        c.AssignRole("alice", "product-manager", "Mobile App"),
    ),
    (
        "role @bob project-manager Checkout Web",
        c.AssignRole("bob", "project-manager", "Checkout Web"),
    ),
    (
        "role @bob Project Manager Checkout Web",
        c.AssignRole("bob", "project-manager", "Checkout Web"),
    ),
    ("roles", c.ListRoles()),
    ("role", c.ListRoles()),
    ("owners set budget product-manager", c.SetAreaOwner("budget", "product-manager")),
    ("owners set Budget product manager", c.SetAreaOwner("budget", "product-manager")),
    ("owners", c.ShowOwners()),
    ("standup at 9:30", c.ScheduleStandup("09:30")),
    ("standup at 09:30", c.ScheduleStandup("09:30")),
    ("standup at 9am", c.ScheduleStandup("09:00")),
    ("standup at 5:15pm", c.ScheduleStandup("17:15")),
    ("standup at 12pm", c.ScheduleStandup("12:00")),
    ("standup at 12am", c.ScheduleStandup("00:00")),
    ("standup at 9:30 tz Europe/Berlin", c.ScheduleStandup("09:30", "Europe/Berlin")),
    ("standup at 9:30 days mon-fri", c.ScheduleStandup("09:30", days=WEEKDAYS)),
    ("standup at 9:30 days Mon-Fri", c.ScheduleStandup("09:30", days=WEEKDAYS)),
    ("standup at 9:30 days mon,wed,fri", c.ScheduleStandup("09:30", days=(0, 2, 4))),
    ("standup at 9:30 days monday,wednesday,friday", c.ScheduleStandup("09:30", days=(0, 2, 4))),
    ("standup at 9:30 days weekdays", c.ScheduleStandup("09:30", days=WEEKDAYS)),
    ("standup at 9:30 days daily", c.ScheduleStandup("09:30", days=EVERY_DAY)),
    ("standup at 9:30 days every day", c.ScheduleStandup("09:30", days=EVERY_DAY)),
    ("standup at 9:30 days fri-mon", c.ScheduleStandup("09:30", days=(0, 4, 5, 6))),
    ("standup at 9:30 in Checkout Web", c.ScheduleStandup("09:30", project="Checkout Web")),
    (
        "standup at 9:30 tz America/New_York days mon,wed,fri in Checkout Web",
        c.ScheduleStandup("09:30", "America/New_York", (0, 2, 4), "Checkout Web"),
    ),
    (
        "standup at 5:15pm in Checkout Web days daily tz Asia/Tokyo",
        c.ScheduleStandup("17:15", "Asia/Tokyo", EVERY_DAY, "Checkout Web"),
    ),
    ("standup now", c.RunStandup()),
    ("standup off", c.StopStandup()),
    ("standup", c.ShowStandup()),
    ("timezone Europe/Berlin", c.SetTimezone("Europe/Berlin")),
    ("help", c.Help()),
    ("help task", c.Help("task")),
    ("help TASK", c.Help("task")),
]

MENTIONS = [
    ("@RoleCall task list", c.ListTasks()),
    ("@rolecall: help", c.Help()),
    ("<@U123> task list mine", c.ListTasks(mine=True)),
    ("<@U123>, who owns the budget", c.AskWhoOwns("the budget")),
    ("  <@U123ABC>   standup now", c.RunStandup()),
    ("/task add Write notes", c.AddTask("Write notes")),
    ("task add Write\x00 notes\u200b", c.AddTask("Write notes")),
]


def _cases(table):
    return [pytest.param(text, expected, id=text[:60]) for text, expected in table]


@pytest.mark.parametrize(("text", "expected"), _cases(TASKS))
def test_a_task_command_is_parsed_to_its_command(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize(("text", "expected"), _cases(TALK))
def test_a_free_text_command_is_parsed_to_its_command(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize(("text", "expected"), _cases(SETUP))
def test_a_setup_command_is_parsed_to_its_command(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize(("text", "expected"), _cases(MENTIONS))
def test_a_leading_bot_mention_slash_and_invisible_characters_are_ignored(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    _cases(
        [
            ("task Write notes", c.AddTask("Write notes")),
            (
                "task Write notes @bob due friday in Checkout",
                c.AddTask("Write notes", "bob", "friday", "Checkout"),
            ),
            (
                "task @bob write the notes due friday",
                c.AddTask("write the notes", assignee="bob", due="friday"),
            ),
            ("task add Write notes", c.AddTask("Write notes")),
            ("task list mine", c.ListTasks(mine=True)),
            ("task done #3", c.ChangeTaskStatus(3, Status.DONE)),
            ("task", c.ListTasks()),
        ]
    ),
)
def test_a_slash_task_with_no_known_verb_adds_a_task(text, expected):
    assert parse(text, implicit_task_add=True) == expected


def test_without_the_slash_task_flag_an_unknown_task_verb_is_an_error():
    with pytest.raises(RoleCallError, match="Unknown task command “Write”"):
        parse("task Write notes")


def test_a_checkin_section_over_a_thousand_characters_is_refused_not_cut():
    assert parse("checkin yesterday: " + "x" * 1000 + " today: ok").yesterday == "x" * 1000
    with pytest.raises(RoleCallError, match="limit is 1,000"):
        parse("checkin yesterday: " + "x" * 2000 + " today: ok")


def test_a_block_reason_over_five_hundred_characters_is_refused_not_cut():
    assert parse("task block #3 " + "y" * 500) == c.ChangeTaskStatus(3, Status.BLOCKED, "y" * 500)
    with pytest.raises(RoleCallError, match="limit is 500"):
        parse("task block #3 " + "y" * 900)


def test_a_title_at_the_limit_is_accepted():
    assert parse("task add " + "t" * 300) == c.AddTask("t" * 300)


# (text, words the error must contain: it says what was wrong)
BAD = [
    ("frobnicate things", "Unknown command “frobnicate”"),
    ("", "Type a command"),
    ("@RoleCall", "Type a command"),
    ("task add", "needs a title"),
    ("task add @bob due friday", "needs a title"),
    ("task add @bob", "needs a title"),
    ("task add " + "x" * 10_000, "limit is 4,000"),
    ("task add " + "x" * 301, "limit is 300"),
    ("task add " + "word " * 70, "limit is 300"),
    ("task add Write notes estimate lots", "not an estimate"),
    ("task add Write notes estimate 200000", "not an estimate"),
    ('task add "Fix bug in login due friday', "quote is not closed"),
    ("task frob", "Unknown task command “frob”"),
    ("task done abc", "“abc” is not a task number"),
    ("task done", "Say which task"),
    ("task done #1234567890", "not a task number"),
    ("task block #3", "why it is blocked"),
    ("task due #3", "the new date"),
    ("task assign #3 bob", "“bob” is not a person; use @name"),
    ("task assign #3", "who takes it"),
    ("task assign @bob", "who takes it"),
    ("task list frobs", "Unknown filter “frobs”"),
    ("who owns", "Ask a question"),
    ("who owns   ?!", "Ask a question"),
    ("decision frob", "Unknown decision command"),
    ("decision log", "Say what was decided"),
    ("decision log area timeline", "Say what was decided"),
    ("decision log " + "d" * 2001, "2,000 characters"),
    ("product frob", "Unknown product command"),
    ("product add pm @bob", "needs a name"),
    ("product add Ledger pm @omar @bob", "one manager"),
    ("project add X8 pm @a pm @b", "one manager"),
    ("product metric Checkout conversion", "the metric and its target"),
    ("product constraint Checkout", "the constraint and its value"),
    ("product constraint Checkout release-by", "the constraint and its value"),
    ("product constraint Checkout budget lots", "“lots” is not an amount"),
    ("project add", "needs a name"),
    ("project add Web budget lots", "“lots” is not an amount"),
    ("project add Web pm bob", "use @name"),
    ("project use", "Say which project"),
    ("project frob", "Unknown project command"),
    ("role @bob scrum-master Checkout", "Unknown role “scrum-master”"),
    ("role @bob", "which role"),
    ("role bob project-manager Checkout", "which role"),
    ("owners set budget", "its owner role"),
    ("owners set budget ceo", "Unknown role “ceo”"),
    ("standup at 25:99", "“25:99” is not a time of day"),
    ("standup at 24:00", "not a time of day"),
    ("standup at 9:60", "not a time of day"),
    ("standup at 13pm", "not a time of day"),
    ("standup at", "when the standup digest is posted"),
    ("standup frob", "when the standup digest is posted"),
    ("standup at 9:30 days funday", "“funday” is not a weekday"),
    ("checkin", "what you did"),
    ("checkin today:   ", "what you did"),
    ("timezone", "Say your time zone"),
]


@pytest.mark.parametrize(
    ("text", "says"), [pytest.param(text, says, id=text[:50]) for text, says in BAD]
)
def test_a_bad_input_gets_one_short_specific_error(text, says):
    with pytest.raises(RoleCallError) as caught:
        parse(text)
    message = str(caught.value)
    assert says in message
    assert len(message) < 300
    assert "Traceback" not in message


@pytest.mark.parametrize("text", ["task add", "task done abc", "standup at 25:99", "who owns"])
def test_an_error_shows_the_right_form(text):
    with pytest.raises(RoleCallError) as caught:
        parse(text)
    assert caught.value.usage
    assert str(caught.value).endswith(f"Try: {caught.value.usage}")


# --- bugs found while writing these tests --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "task done #²",
        "task done ①",
        "task assign #³ @bob",
        "task due #² friday",
        "decision confirm D²",
    ],
)
def test_a_superscript_or_circled_digit_is_not_a_task_number(text):
    with pytest.raises(RoleCallError, match=r"not a (task|decision) number"):
        parse(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "product constraint Release Radar release-by 2027-06-01",
            c.SetProductConstraint("Release Radar", "release-by", "2027-06-01"),
        ),
        (
            "product constraint Budget Planner budget 5k",
            c.SetProductConstraint("Budget Planner", "budget", "5k"),
        ),
    ],
)
def test_a_product_named_like_a_constraint_can_still_be_constrained(text, expected):
    assert parse(text) == expected


def test_a_two_word_role_without_a_target_asks_for_the_target():
    with pytest.raises(RoleCallError, match="Say which product or project"):
        parse("role @bob project manager")


def test_unlabeled_checkin_text_is_not_lost_when_a_today_section_follows():
    checkin = parse("checkin fixed the login bug today: write release notes")
    said = " ".join(part or "" for part in (checkin.yesterday, checkin.today, checkin.blockers))
    assert "fixed the login bug" in said
    assert "write release notes" in said


def test_unlabeled_checkin_text_has_the_same_limit_as_a_labeled_section():
    with pytest.raises(RoleCallError, match="limit is 1,000"):
        parse("checkin " + "z" * 3000)


@pytest.mark.parametrize(
    ("text", "name_of"),
    [
        ("project add Web ends 2027-06-30 budget 50,000 EUR", lambda cmd: cmd.name),
        ("task add Fix login in Checkout estimate 2 days", lambda cmd: cmd.title),
    ],
)
def test_options_are_never_silently_swallowed_into_the_name(text, name_of):
    try:
        command = parse(text)
    except RoleCallError:
        return  # a clear error is an acceptable answer too
    assert "budget" not in name_of(command)
    assert "estimate" not in name_of(command)


@pytest.mark.parametrize(
    "title",
    [
        "Finish the quarterly report",
        "Start the migration",
        "Drop support for IE11",
        "Show the demo to sales",
        "Due diligence on the vendor",
        "List the vendors",
        "Start 2 new servers",
        "Approve 3 vendor invoices",
        "Later",
        "Done",
        "Block #general spam bots",
    ],
)
def test_a_slash_task_title_starting_with_a_verb_word_adds_the_task(title):
    assert parse(f"task {title}", implicit_task_add=True) == c.AddTask(title)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("done #abc", "“#abc” is not a task number"),
        ("done #0", "is not a task number"),
        ("assign #1 nobody", "“nobody” is not a person"),
        ("block #1", "why it is blocked"),
        ("due #1", "the new date"),
        ("done #7 now", "“now” is not a task number"),
        ("snooze #x", "“#x” is not a task number"),
    ],
)
def test_a_mistyped_slash_task_command_is_an_error_not_a_new_task(text, error):
    with pytest.raises(RoleCallError, match=error):
        parse(f"task {text}", implicit_task_add=True)


def test_a_misspelt_decision_area_is_an_error_and_an_ordinary_word_stays_text():
    with pytest.raises(RoleCallError, match="Did you mean “timeline”"):
        parse("decision log Move the QA day area timline")
    assert parse("decision log Expand the delivery area north") == c.LogDecision(
        "Expand the delivery area north", None, ()
    )


@pytest.mark.parametrize("start", ["who's", "who’s", "whos", "whose", "Who's"])
def test_who_questions_may_start_as_people_type_them(start):
    assert parse(f"{start} responsible for the roadmap") == c.AskWhoOwns(
        "responsible for the roadmap", ()
    )


def test_a_bad_decision_reference_is_reported_as_a_decision_not_a_task():
    with pytest.raises(RoleCallError) as caught:
        parse("decision confirm Dx")
    assert "task" not in caught.value.message
    assert "Dx" in caught.value.message


@pytest.mark.parametrize(
    "text", ["owners set budget " + "x" * 500, "role @bob " + "x" * 500 + " Checkout"]
)
def test_an_unknown_role_message_stays_short_however_long_the_role(text):
    with pytest.raises(RoleCallError) as caught:
        parse(text)
    assert len(str(caught.value)) < 300


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("who is responsible for the budget?", "is responsible for the budget?"),
        ("who decides the launch date", "the launch date"),
        ("who should own the roadmap", "should own the roadmap"),
    ],
)
def test_any_who_question_is_a_who_owns_question(text, question):
    assert parse(text) == c.AskWhoOwns(question, ())


def test_a_typed_slash_task_with_a_title_adds_the_task():
    assert parse("/task Write onboarding doc @sam") == c.AddTask("Write onboarding doc", "sam")


@pytest.mark.parametrize(
    "text",
    [
        "is the release date marco's call or priya's?",
        "should priya or marco decide the price?",
        "which manager owns pricing?",
        "is this a product or a project decision?",
        "does the PM or the product manager decide when we launch",
        "Is it my call or the PM’s whether we cut the export feature?",
        "would it be my decision to drop the beta?",
        "what role makes the call on the vendor?",
    ],
)
def test_a_question_asking_whose_call_it_is_is_a_who_owns_question(text):
    assert parse(text) == c.AskWhoOwns(text)


@pytest.mark.parametrize("text", ["is the weather nice", "should we go", "which way"])
def test_other_questions_are_still_unknown_commands(text):
    with pytest.raises(RoleCallError, match="Unknown command"):
        parse(text)


@pytest.mark.parametrize(
    ("text", "form"),
    [("tsk add x", "task add <title>"), ("projet add X", "project add <name>"),
     ("decison log x", "decision log <text>"), ("blah", "help")],
)  # fmt: skip
def test_an_unknown_command_suggests_the_closest_and_shows_its_form(text, form):
    with pytest.raises(RoleCallError) as refused:
        parse(text)
    assert refused.value.usage.startswith(form)
