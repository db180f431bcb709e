"""`who owns`: the responsibility matrix and the free-text classifier behind it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.areas import AREAS, OWNERS_SET_USAGE, find_area
from domain.classifier import classify, stem, words
from domain.errors import RoleCallError
from domain.roles import Role

PRODUCT = Role.PRODUCT_MANAGER
PROJECT = Role.PROJECT_MANAGER

# (question as a team member would type it in Slack, area key, owner role)
QUESTIONS = [
    # vision
    ("what's the long-term direction of the app", "vision", PRODUCT),
    ("What's the vision for the mobile app?", "vision", PRODUCT),
    ("are we still building for SMBs or pivoting to enterprise?", "vision", PRODUCT),
    ("What problem are we really solving here, big picture?", "vision", PRODUCT),
    ("who defines the product strategy for 2025", "vision", PRODUCT),
    ("should the app focus on teachers or on students long term", "vision", PRODUCT),
    ("PRODUCT STRATEGY FOR NEXT YEAR???", "vision", PRODUCT),
    # client-needs
    ("should we add a dark mode for enterprise customers", "client-needs", PRODUCT),
    ("customers keep asking for CSV export, should we build it?", "client-needs", PRODUCT),
    (
        "Three clients complained about the onboarding flow, what do we change?",
        "client-needs",
        PRODUCT,
    ),
    ("a big customer wants SAML, is that worth doing?", "client-needs", PRODUCT),
    ("who decides which customer requests make the cut", "client-needs", PRODUCT),
    ("we got tons of feedback about slow exports", "client-needs", PRODUCT),
    ("who talks to customers about their pain points", "client-needs", PRODUCT),
    ("are we building the right thing for our users?", "client-needs", PRODUCT),
    # metrics
    ("what KPI should we track for onboarding", "metrics", PRODUCT),
    ("how do we measure success for the new search page", "metrics", PRODUCT),
    ("Retention dropped 5% last month, who owns fixing the numbers?", "metrics", PRODUCT),
    ("should we set a target for weekly active users", "metrics", PRODUCT),
    ("who picks the OKRs for the growth team", "metrics", PRODUCT),
    ("is 3% conversion good enough?", "metrics", PRODUCT),
    ("our signup rate is tanking, who owns that?", "metrics", PRODUCT),
    # competitors
    ("Acme just shipped the same feature, do we respond?", "competitors", PRODUCT),
    ("Competitor X dropped their price by 20%, what do we do", "competitors", PRODUCT),
    ("are we losing deals to Asana?", "competitors", PRODUCT),
    ("how are we doing compared to Trello", "competitors", PRODUCT),
    ("I think our main competitor is about to undercut us", "competitors", PRODUCT),
    ("who keeps an eye on what the rivals are doing?", "competitors", PRODUCT),
    # lifecycle
    ("can we push the launch to March?", "lifecycle", PRODUCT),
    ("should we sunset the legacy API", "lifecycle", PRODUCT),
    ("what goes on the Q3 roadmap?", "lifecycle", PRODUCT),
    ("When do we go GA with the mobile app?", "lifecycle", PRODUCT),
    ("should we deprecate v1 next year", "lifecycle", PRODUCT),
    ("is the product ready for general availability?", "lifecycle", PRODUCT),
    ("what's the plan for when v1 reaches end of life", "lifecycle", PRODUCT),
    ("can we move the go-live to next month", "lifecycle", PRODUCT),
    # cross-team
    ("who aligns marketing and engineering on the release", "cross-team", PRODUCT),
    ("who syncs with marketing on the campaign", "cross-team", PRODUCT),
    ("can someone get the QA folks and the developers on the same page", "cross-team", PRODUCT),
    ("engineering and sales disagree on the demo build, who sorts it out", "cross-team", PRODUCT),
    ("how do we coordinate between the data team and support", "cross-team", PRODUCT),
    ("who is the bridge between design and engineering", "cross-team", PRODUCT),
    # scope
    ("can we add SSO to this sprint", "scope", PROJECT),
    ("Is the admin panel in scope for this project?", "scope", PROJECT),
    ("should the PDF export be part of this project", "scope", PROJECT),
    ("we keep adding stuff mid-sprint, who says no?", "scope", PROJECT),
    ("what is out of scope for the Q2 redesign", "scope", PROJECT),
    ("who decides what's in the MVP", "scope", PROJECT),
    ("who determines the project's scope", "scope", PROJECT),
    # timeline
    ("who decides if we slip the beta by a week", "timeline", PROJECT),
    ("the API work is two weeks behind, can we move the end date?", "timeline", PROJECT),
    ("who sets the deadlines for the checkout project", "timeline", PROJECT),
    ("is the onboarding revamp still on track for the 30th", "timeline", PROJECT),
    ("QA needs two more days, can the release wait?", "timeline", PROJECT),
    ("who decides when each milestone is due", "timeline", PROJECT),
    ("the project is running late, who decides on the new deadline", "timeline", PROJECT),
    # budget
    ("who approves extra spend on contractors", "budget", PROJECT),
    ("how much can we spend on the AWS bill this quarter", "budget", PROJECT),
    ("do we have budget for a Figma license?", "budget", PROJECT),
    ("is there money for a second designer?", "budget", PROJECT),
    ("our cloud costs doubled, who decides what to do?", "budget", PROJECT),
    ("we need to pay for a penetration test, who approves?", "budget", PROJECT),
    ("who approves the design agency invoice", "budget", PROJECT),
    # process
    ("how should we run retros", "process", PROJECT),
    ("should we switch from scrum to kanban", "process", PROJECT),
    ("what should our definition of done be", "process", PROJECT),
    ("can we stop doing daily standups", "process", PROJECT),
    ("what's our process for hotfixes", "process", PROJECT),
    ("should we do two week or one week sprints?", "process", PROJECT),
    ("who maintains the team's working agreements", "process", PROJECT),
    # tasks
    ("who assigns the QA tickets", "tasks", PROJECT),
    ("who should pick up the payment bug", "tasks", PROJECT),
    ("Bob is overloaded, who reassigns his work?", "tasks", PROJECT),
    ("who's tracking the open tasks for the redesign", "tasks", PROJECT),
    ("Alice has too much on her plate, who rebalances?", "tasks", PROJECT),
    ("who's in charge of prioritising the bug backlog", "tasks", PROJECT),
    ("who breaks the epic into tasks", "tasks", PROJECT),
    # stakeholders
    ("who tells the execs about the delay", "stakeholders", PROJECT),
    ("who sends the weekly status update to leadership", "stakeholders", PROJECT),
    ("should we loop in the CFO about the overrun", "stakeholders", PROJECT),
    ("who presents the project to the steering committee", "stakeholders", PROJECT),
    ("who keeps the board informed", "stakeholders", PROJECT),
    ("do we need to tell upper management about the slip?", "stakeholders", PROJECT),
    ("who gives the exec team a heads-up about the risk", "stakeholders", PROJECT),
]


@pytest.mark.parametrize(("question", "key", "owner"), QUESTIONS)
def test_a_question_is_filed_under_its_area_and_owner(question, key, owner):
    area = classify(question).area
    assert (area.key, area.owner) == (key, owner)


def test_the_questions_cover_every_area():
    assert {key for _, key, _ in QUESTIONS} == {area.key for area in AREAS}


@pytest.mark.parametrize(
    "question",
    [
        "can we push the launch to March?",
        "who decides if we slip the beta by a week",
        "who approves extra spend on contractors",
        "who assigns the QA tickets",
        "how should we run retros",
        "who tells the execs about the delay",
        "Acme just shipped the same feature, do we respond?",
    ],
)
def test_a_clear_question_is_answered_with_confidence(question):
    assert classify(question).confident


@pytest.mark.parametrize("question", ["hello there", "", "   ", "🙂🙂", "?!...", "lol ok"])
def test_a_question_without_any_cue_is_not_confident_and_offers_two_areas(question):
    result = classify(question)
    assert not result.confident
    assert (result.area.key, result.runner_up.key) == ("scope", "lifecycle")


def test_a_single_weak_hint_is_not_confident_but_still_offers_a_runner_up():
    result = classify("anything for friday?")
    assert result.area.key == "timeline"
    assert not result.confident
    assert result.runner_up is not None


def test_two_equally_named_areas_are_not_confident():
    result = classify("budget and timeline")
    assert not result.confident
    assert {result.area.key, result.runner_up.key} == {"budget", "timeline"}


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("who presents at the board meeting", "stakeholders"),
        ("what is our north star metric", "metrics"),
        ("what are the customer success folks asking", "cross-team"),
        ("we got a support ticket about exports", "client-needs"),
    ],
)
def test_a_phrase_wins_over_the_words_inside_it(question, key):
    assert classify(question).area.key == key


@pytest.mark.parametrize(
    "variants",
    [
        ("deadline", "deadlines", "Deadlines"),
        ("prioritise", "prioritize", "prioritised", "prioritizing"),
        ("budget", "budgets", "budgeting"),
        ("schedule", "scheduled", "scheduling"),
        ("slip", "slipped", "slipping", "slips"),
        ("stakeholder", "stakeholders"),
        ("assignee", "assignees", "assignment", "assigned"),
        ("process", "processes"),
    ],
)
def test_inflections_and_spellings_share_one_stem(variants):
    assert len({stem(words(v)[0]) for v in variants}) == 1


def test_text_is_normalised_before_matching():
    expected = ["whos", "got", "the", "money", "money", "for", "q3"]
    assert words("Who\u2019s  got the $$ for Q3?!") == expected
    assert classify("DEADLINES!!!").area.key == classify("deadline").area.key == "timeline"
    assert classify("café budgét").area.key == "budget"


@pytest.mark.parametrize(
    ("question", "touches"),
    [
        ("can we slip past the release date by a week", True),
        ("who decides the launch date", True),
        ("the budget cap is 50k, can we exceed it", True),
        ("is dark mode out of scope", True),
        ("we are over budget on the redesign", True),
        ("who assigns the QA tickets", False),
        ("how should we run retros", False),
    ],
)
def test_a_product_constraint_is_noticed(question, touches):
    assert classify(question).touches_constraint is touches


def test_the_product_manager_is_consulted_on_the_timeline_only_when_a_constraint_is_touched():
    timeline = find_area("timeline")
    assert timeline.consulted(touches_constraint=False) == ()
    assert timeline.consulted(touches_constraint=True) == (PRODUCT,)
    assert find_area("client-needs").consulted(touches_constraint=True) == (PROJECT,)


@pytest.mark.parametrize(
    ("key", "owner", "consult", "on_constraint"),
    [
        ("vision", PRODUCT, (), None),
        ("client-needs", PRODUCT, (PROJECT,), None),
        ("metrics", PRODUCT, (), None),
        ("competitors", PRODUCT, (), None),
        ("lifecycle", PRODUCT, (PROJECT,), None),
        ("cross-team", PRODUCT, (PROJECT,), None),
        ("scope", PROJECT, (PRODUCT,), None),
        ("timeline", PROJECT, (), PRODUCT),
        ("budget", PROJECT, (), PRODUCT),
        ("process", PROJECT, (), None),
        ("tasks", PROJECT, (), None),
        ("stakeholders", PROJECT, (PRODUCT,), None),
    ],
)
def test_the_matrix_follows_the_design_table(key, owner, consult, on_constraint):
    area = find_area(key)
    assert (area.owner, area.consult, area.consult_on_constraint) == (owner, consult, on_constraint)
    assert area.basis.startswith(f"The {owner.label} ")


def test_the_matrix_has_twelve_distinct_areas():
    assert len({area.key for area in AREAS}) == len(AREAS) == 12


def test_every_cue_is_a_positive_weight_on_real_words():
    for area in AREAS:
        for cue, weight in area.cues:
            assert weight > 0, (area.key, cue)
            assert words(cue), (area.key, cue)
            assert not cue.endswith("*") or " " not in cue, (area.key, cue)


def test_every_alias_names_exactly_one_area():
    names = [name.casefold() for area in AREAS for name in (area.key, *area.aliases)]
    assert len(names) == len(set(names))


def test_a_workspace_override_makes_the_seed_owner_a_consultee():
    budget = find_area("budget").owned_by(PRODUCT)
    assert (budget.owner, budget.consult, budget.consult_on_constraint) == (
        PRODUCT,
        (PROJECT,),
        None,
    )
    assert find_area("vision").owned_by(PRODUCT) is find_area("vision")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("schedule", "timeline"),
        ("Deadlines", "timeline"),
        ("stakeholder", "stakeholders"),
        ("roadmap", "lifecycle"),
        ("launch", "lifecycle"),
        ("task", "tasks"),
        ("assignment", "tasks"),
        ("cross-functional", "cross-team"),
        ("CROSS_TEAM", "cross-team"),
        ("client needs", "client-needs"),
        ("kpi", "metrics"),
        ("competitor", "competitors"),
        ("  Budget ", "budget"),
    ],
)
def test_an_area_is_found_by_key_or_obvious_alias(name, key):
    assert find_area(name).key == key


@pytest.mark.parametrize("name", ["weather", "", "product-manager"])
def test_an_unknown_area_is_refused_with_the_list_of_areas(name):
    with pytest.raises(RoleCallError) as caught:
        find_area(name)
    assert name in caught.value.message
    assert all(area.key in caught.value.message for area in AREAS)
    assert caught.value.usage == OWNERS_SET_USAGE


@pytest.mark.parametrize(
    "question",
    [
        "\x00\x07\x1b[31m",
        "a" * 10_000,
        "scope " * 2_000,
        "مرحبا بالعالم",
        "e\u0301\u0301\u0301",
        "ß" * 99,
    ],
)
def test_odd_text_is_classified_without_error(question):
    assert classify(question).area in AREAS


CUE_WORDS = [cue.rstrip("*") for area in AREAS for cue, _ in area.cues]


@given(
    st.one_of(st.text(), st.lists(st.sampled_from(CUE_WORDS) | st.text(max_size=5)).map(" ".join))
)
def test_classify_never_raises_and_always_names_a_known_area(question):
    result = classify(question)
    assert result.area in AREAS
    assert result.runner_up is None or (
        result.runner_up in AREAS and result.runner_up != result.area
    )
    assert result.confident or result.runner_up is not None
