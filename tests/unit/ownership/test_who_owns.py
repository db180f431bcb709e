"""`who owns`: the responsibility matrix and the free-text classifier behind it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.model.errors import RoleCallError
from domain.model.roles import Role
from domain.ownership.areas import AREAS, OWNERS_SET_USAGE, find_area
from domain.ownership.classifier import classify, scores, stem, words

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
    ("how we review pull requests on the project", "process", PROJECT),
    # tasks
    ("who assigns the QA tickets", "tasks", PROJECT),
    ("who should pick up the payment bug", "tasks", PROJECT),
    ("Bob is overloaded, who reassigns his work?", "tasks", PROJECT),
    ("who's tracking the open tasks for the redesign", "tasks", PROJECT),
    ("Alice has too much on her plate, who rebalances?", "tasks", PROJECT),
    ("who's in charge of prioritising the bug backlog", "tasks", PROJECT),
    ("who breaks the epic into tasks", "tasks", PROJECT),
    ("who decides how many engineers we need", "tasks", PROJECT),
    ("who approves PTO for the frontend devs?", "tasks", PROJECT),
    ("who tracks the burndown for the migration", "timeline", PROJECT),
    # product calls that a single word had sent elsewhere
    ("who decides if we buy or build the search feature?", "vision", PRODUCT),
    ("who decides on the free trial length?", "pricing", PRODUCT),
    ("who decides the version number?", "lifecycle", PRODUCT),
    ("who owns the dependency on the payments team?", "cross-team", PRODUCT),
    ("who decides the test strategy for billing", "cross-team", PRODUCT),
    ("who owns GDPR compliance for patient data?", "cross-team", PRODUCT),
    # a project manager's, whether filed as scope or budget
    ("who owns the project plan", "scope", PROJECT),
    ("who decides if we can hire another designer", "budget", PROJECT),
    # risks (once filed under process: the risk register is the project's plan against risks)
    ("who owns the risk register", "risks", PROJECT),
    ("who owns risks", "risks", PROJECT),
    ("what's our plan B if the supplier can't deliver the panels", "risks", PROJECT),
    ("we're blocked by the identity team's API, who owns that dependency", "risks", PROJECT),
    # pricing
    ("who decides the price of the pro plan", "pricing", PRODUCT),
    ("should the free tier include exports", "pricing", PRODUCT),
    ("do we offer a discount for annual billing", "pricing", PRODUCT),
    # market
    ("which market do we go after first", "market", PRODUCT),
    ("who owns our go-to-market plan for Germany", "market", PRODUCT),
    ("should we sell to mid-market companies or stay with startups", "market", PRODUCT),
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


# The QA trial with unseen wording: the text after `who owns`, the area QA expected (`|`
# separates acceptable ones) and its owner. These were answered wrongly before; QA accepts
# lifecycle or scope for the next release of Harbor, and prefers lifecycle.
QA_MISSES = [
    (
        "deciding what problem Harbor is ultimately trying to solve for ops leads",
        "vision|client-needs",
        PRODUCT,
    ),
    ("choosing the KPIs we report on", "metrics", PRODUCT),
    ("how we run code reviews on this project", "process", PROJECT),
    ("splitting the work among the team", "tasks", PROJECT),
    ("figuring out why we lost the deal to Power BI", "competitors", PRODUCT),
    ("deciding what goes in the next release of Harbor", "lifecycle", PRODUCT),
    ("making sure support is trained before launch", "cross-team", PRODUCT),
    ("the statement of work for the rewrite", "scope", PROJECT),
    ("deciding the go-live date of the pipeline project", "timeline", PROJECT),
    ("buying more Snowflake credits", "budget", PROJECT),
    ("how bugs get triaged on this project", "process", PROJECT),
]

# The rest of the QA trial, answered rightly before: kept as regressions.
QA_TRIAL = [
    ("what the north star of the product should be", "vision", PRODUCT),
    ("the long-term product strategy", "vision", PRODUCT),
    ("rewriting the product's mission statement", "vision", PRODUCT),
    ("figuring out what our customers actually want from the dashboards", "client-needs", PRODUCT),
    ("prioritizing feature requests from enterprise clients", "client-needs", PRODUCT),
    ("talking to users about their pain points", "client-needs", PRODUCT),
    ("the user research interviews next month", "client-needs", PRODUCT),
    ("setting the target for weekly active teams", "metrics", PRODUCT),
    ("deciding how we measure success after release", "metrics", PRODUCT),
    ("defining churn and retention goals", "metrics", PRODUCT),
    ("keeping an eye on what Tableau and Looker are shipping", "competitors", PRODUCT),
    ("the competitive analysis", "competitors", PRODUCT),
    ("responding to a rival's new pricing", "competitors", PRODUCT),
    ("deciding when we sunset the legacy reporting product", "lifecycle", PRODUCT),
    ("the product roadmap for next year", "lifecycle", PRODUCT),
    ("whether we should delay the GA launch", "lifecycle", PRODUCT),
    ("the go-to-market launch date of version 2", "lifecycle", PRODUCT),
    ("getting engineering, design and marketing on the same page", "cross-team", PRODUCT),
    ("aligning the QA team with the marketing team on the release", "cross-team", PRODUCT),
    ("coordinating between engineering and sales on features", "cross-team", PRODUCT),
    ("making sure the testing team knows what marketing promised", "cross-team", PRODUCT),
    ("deciding whether SSO is in or out of this project", "scope", PROJECT),
    ("adding a new deliverable to the pipeline rewrite", "scope", PROJECT),
    ("approving a change request for the project", "scope", PROJECT),
    ("cutting features to fit the project scope", "scope", PROJECT),
    ("moving the milestone by two weeks", "timeline", PROJECT),
    ("the project schedule", "timeline", PROJECT),
    ("deciding if we can slip the deadline to January 20", "timeline", PROJECT),
    ("setting the sprint dates", "timeline", PROJECT),
    ("approving an extra 10k for cloud costs", "budget", PROJECT),
    ("the project budget", "budget", PROJECT),
    ("whether we can afford another contractor", "budget", PROJECT),
    ("tracking spend against the plan", "budget", PROJECT),
    ("our sprint ceremonies and workflow", "process", PROJECT),
    ("changing the definition of done", "process", PROJECT),
    ("the QA sign-off procedure", "process", PROJECT),
    ("assigning the load-test ticket to someone", "tasks", PROJECT),
    ("reassigning Kwame's tasks while he's on leave", "tasks", PROJECT),
    ("tracking who is working on what", "tasks", PROJECT),
    ("sending the weekly status update to the VP", "stakeholders", PROJECT),
    ("telling upper management we're behind", "stakeholders", PROJECT),
    ("the steering committee report", "stakeholders", PROJECT),
    ("keeping stakeholders informed about progress", "stakeholders", PROJECT),
    ("the dashboard conversion rate target?", "metrics", PRODUCT),
    ("when is the pipeline rewrite going to be finished", "timeline", PROJECT),
    ("how much money we spend on the project", "budget", PROJECT),
    ("where this thing should be in three years", "vision", PRODUCT),
    ("the big picture for Harbor?", "vision", PRODUCT),
    ("the product direction", "vision", PRODUCT),
    ("the customer feedback backlog", "client-needs", PRODUCT),
    ("what Acme Corp asked for in the last QBR", "client-needs", PRODUCT),
    ("deciding which customer asks go into the product", "client-needs", PRODUCT),
    ("the OKRs for the product", "metrics", PRODUCT),
    ("our NPS goal", "metrics", PRODUCT),
    ("deciding which analytics events to track for adoption", "metrics", PRODUCT),
    ("the success criteria for the dashboard feature", "metrics", PRODUCT),
    ("benchmarking against the competition", "competitors", PRODUCT),
    ("the market landscape doc", "competitors", PRODUCT),
    ("whether we retire version 1", "lifecycle", PRODUCT),
    ("the release plan for the product", "lifecycle", PRODUCT),
    ("the beta program timing", "lifecycle", PRODUCT),
    ("end-of-life for the old API", "lifecycle", PRODUCT),
    ("syncing design and dev on the new charts", "cross-team", PRODUCT),
    ("the handoff between UX and engineering", "cross-team", PRODUCT),
    ("saying no to extra work mid-project", "scope", PROJECT),
    ("what's included in phase 1", "scope", PROJECT),
    ("the Gantt chart", "timeline", PROJECT),
    ("rescheduling the cutover weekend", "timeline", PROJECT),
    ("whether we're on track to finish by Jan 15", "timeline", PROJECT),
    ("the cost overrun", "budget", PROJECT),
    ("the project's financial forecast", "budget", PROJECT),
    ("our branching strategy and release process", "process", PROJECT),
    ("the standup format", "process", PROJECT),
    ("who picks up the data migration ticket", "tasks", PROJECT),
    ("the to-do list for the team", "tasks", PROJECT),
    ("delegating the parquet benchmark", "tasks", PROJECT),
    ("the monthly update to the CFO", "stakeholders", PROJECT),
    ("writing the executive summary for leadership", "stakeholders", PROJECT),
    ("communicating the delay to the client's sponsor", "stakeholders", PROJECT),
    ("informing the product manager about project risks", "stakeholders", PROJECT),
]

# Held-out phrasings, to measure the cue matrix rather than to tune it one sentence at a time:
# set A (the first 42) was written before the QA fixes; sets B (37) and C (32) were each
# written after a round of vocabulary work and before being run. Before the QA fixes the
# classifier got A 28/42, B 25/37 and C 25/32 of them. The known misses stay visible.
HELD_OUT = [
    ("can we purchase a Datadog license for the team", "budget", PROJECT),
    ("who signs off on renewing the Slack subscription", "budget", PROJECT),
    # once missed (now trained on): model "training" reads as training people (cross-team)
    ("we need more GPU credits for the training runs", "budget", PROJECT),
    ("how much are we allowed to spend on consultants", "budget", PROJECT),
    ("is it worth paying for a second staging environment", "budget", PROJECT),
    ("who divides up the migration work between Ana and Raj", "tasks", PROJECT),
    ("who decides who does what on the rewrite", "tasks", PROJECT),
    ("who allocates the tickets for the next sprint", "tasks", PROJECT),
    ("Raj's workload is too heavy, who moves some of it to Ana", "tasks", PROJECT),
    ("who hands out the work for the data export", "tasks", PROJECT),
    ("who splits the epic into tickets for the team", "tasks", PROJECT),
    ("who decides how pull requests get approved", "process", PROJECT),
    ("should we hold retros every sprint or every month", "process", PROJECT),
    ("who sets up the on-call rotation for the project", "process", PROJECT),
    ("who defines our bug triage workflow", "process", PROJECT),
    ("do we need a design review step before merging", "process", PROJECT),
    ("who writes the SOW for the integration", "scope", PROJECT),
    ("is offline mode included in the project or not", "scope", PROJECT),
    ("who says whether reporting exports are in scope", "scope", PROJECT),
    # once missed (now trained on): a client's ask (client-needs) outweighs the project's scope
    ("the client wants three more screens added to the project, who decides", "scope", PROJECT),
    ("who draws the line on what this project delivers", "scope", PROJECT),
    ("we lost two deals to Metabase this month, who looks into it", "competitors", PRODUCT),
    ("a big customer is switching to Looker, who owns our response", "competitors", PRODUCT),
    ("who tracks what other vendors in our space are doing", "competitors", PRODUCT),
    ("how does our pricing stack up against Domo", "competitors", PRODUCT),
    ("who sets the go-live date for the migration project", "timeline", PROJECT),
    ("who decides the cutover date for the pipeline project", "timeline", PROJECT),
    ("when is the product launching publicly", "lifecycle", PRODUCT),
    ("who decides when we end support for the desktop app", "lifecycle", PRODUCT),
    ("what features go into the next release of the app", "lifecycle", PRODUCT),
    ("when is the sprint 4 deadline", "timeline", PROJECT),
    ("who decides the date we hit the milestone for phase two", "timeline", PROJECT),
    ("which KPIs go into the monthly report", "metrics", PRODUCT),
    ("who picks the metrics we put in the quarterly business review", "metrics", PRODUCT),
    ("who decides what counts as an active user", "metrics", PRODUCT),
    ("who makes sure sales is trained on the new features before launch", "cross-team", PRODUCT),
    ("who gets docs and support ready for the release", "cross-team", PRODUCT),
    ("who coordinates with the security team on the audit", "cross-team", PRODUCT),
    ("what problem is this product meant to solve for hospitals", "client-needs|vision", PRODUCT),
    ("who decides which customer segment we target next year", "client-needs|vision", PRODUCT),
    ("who tells the sponsor the project will be late", "stakeholders", PROJECT),
    ("who preps the slides for the quarterly exec review", "stakeholders", PROJECT),
    ("who approves the invoice from the design contractor", "budget", PROJECT),
    ("can we get a bigger AWS reservation for the migration", "budget", PROJECT),
    ("who decides whether we pay for Figma seats for the interns", "budget", PROJECT),
    ("do we have money left for a load-testing tool", "budget", PROJECT),
    ("who works out who takes which ticket this week", "tasks", PROJECT),
    ("Priya has nothing to do, who gives her something", "tasks", PROJECT),
    ("who balances the workload between the backend devs", "tasks", PROJECT),
    ("who decides which developer owns the export bug", "tasks", PROJECT),
    ("who decides how we do sprint demos", "process", PROJECT),
    ("should every PR need two approvals", "process", PROJECT),
    ("who sets the rules for merging to main", "process", PROJECT),
    ("who changes how we estimate stories", "process", PROJECT),
    ("who decides if the audit log is part of the rewrite", "scope", PROJECT),
    ("can we squeeze bulk import into the current project", "scope", PROJECT),
    ("who approves adding another report to the deliverables", "scope", PROJECT),
    ("who decides what the pipeline project will not do", "scope", PROJECT),
    # once missed (now trained on): the classifier cannot know that Looker is a competitor
    ("Looker just added embedded dashboards, should we care", "competitors", PRODUCT),
    ("who studies why prospects pick Tableau over us", "competitors", PRODUCT),
    # once missed (now trained on): "releasing" (lifecycle) outweighs "other … tools"
    ("who watches what other BI tools are releasing", "competitors", PRODUCT),
    ("who decides the end date of the rewrite project", "timeline", PROJECT),
    ("the migration will be two weeks late, who decides what happens", "timeline", PROJECT),
    ("who sets the date for the sprint review", "process|timeline", PROJECT),
    ("when do we announce the product publicly", "lifecycle", PRODUCT),
    ("who decides to stop selling the old on-prem edition", "lifecycle", PRODUCT),
    ("who plans which features land in Harbor next quarter", "lifecycle", PRODUCT),
    ("who picks the success metric for the new onboarding", "metrics", PRODUCT),
    ("which numbers tell us the product is healthy", "metrics", PRODUCT),
    ("who decides what we measure in the weekly report", "metrics", PRODUCT),
    ("who makes sure marketing and engineering agree on the launch story", "cross-team", PRODUCT),
    ("who gets the support team ready for the new pricing", "cross-team", PRODUCT),
    ("who keeps design, QA and dev talking to each other", "cross-team", PRODUCT),
    ("what should Harbor be known for in five years", "vision", PRODUCT),
    ("who decides if we move upmarket", "vision", PRODUCT),
    ("what do hospital admins actually need from the reports", "client-needs", PRODUCT),
    ("who reads through the feedback from beta users", "client-needs", PRODUCT),
    ("who tells the VP of sales that the project slipped", "stakeholders", PROJECT),
    ("who writes the monthly update for the sponsors", "stakeholders", PROJECT),
    # once missed (now trained on): "PO" may be a purchase order or a product owner
    ("who signs the PO for the new laptops", "budget", PROJECT),
    ("can we expense the conference tickets to the project", "budget", PROJECT),
    # once missed (now trained on): an "enterprise plan" upgrade reads as an enterprise client
    ("who decides if we upgrade to the enterprise plan of Sentry", "budget", PROJECT),
    ("who is picking up the flaky test fixes", "tasks", PROJECT),
    ("Lena is swamped, can someone take her tickets", "tasks", PROJECT),
    ("who decides which of us handles the Kafka upgrade", "tasks", PROJECT),
    ("who sets our branching and release conventions", "process", PROJECT),
    ("should we stop doing sprint planning on Mondays", "process", PROJECT),
    ("who owns the incident postmortem template", "process", PROJECT),
    ("is multi-tenant support in or out for the rewrite", "scope", PROJECT),
    ("who says no when sales tries to add work to the project", "scope", PROJECT),
    ("who decides whether the rewrite includes the admin UI", "scope", PROJECT),
    ("who keeps tabs on what Qlik is doing", "competitors", PRODUCT),
    ("we keep losing bids to a cheaper rival", "competitors", PRODUCT),
    ("who decides how we position Harbor against Power BI", "competitors|vision", PRODUCT),
    ("who moves the sprint end date", "timeline", PROJECT),
    ("the vendor integration is slipping, who updates the plan dates", "timeline", PROJECT),
    ("is the project still finishing in June", "timeline", PROJECT),
    ("when does Harbor 3.0 come out", "lifecycle", PRODUCT),
    ("who decides to put the old reporting app into maintenance mode", "lifecycle", PRODUCT),
    ("who decides when the mobile product exits beta", "lifecycle", PRODUCT),
    ("who defines what a healthy retention rate is", "metrics", PRODUCT),
    ("who decides what goes on the product health dashboard", "metrics", PRODUCT),
    ("who owns tracking daily active users", "metrics", PRODUCT),
    ("who brings marketing and the devs together before the launch", "cross-team", PRODUCT),
    ("who makes sure QA knows what the designers changed", "cross-team", PRODUCT),
    ("who decides the long-term direction of Harbor", "vision", PRODUCT),
    ("what should this product become", "vision", PRODUCT),
    ("who listens to what our enterprise customers are struggling with", "client-needs", PRODUCT),
    ("a customer asked for SSO via Okta, who decides", "client-needs", PRODUCT),
    ("who tells leadership the budget is blown", "budget|stakeholders", PROJECT),
    ("who keeps the sponsor updated on the rewrite", "stakeholders", PROJECT),
]


def _assert_filed(question, keys, owner):
    area = classify(question).area
    assert area.key in keys.split("|"), (question, area.key)
    assert area.owner == owner


@pytest.mark.parametrize(("question", "keys", "owner"), QA_MISSES + QA_TRIAL)
def test_the_qa_trial_is_filed_under_the_expected_area_and_owner(question, keys, owner):
    _assert_filed(question, keys, owner)


@pytest.mark.parametrize(("question", "keys", "owner"), HELD_OUT)
def test_held_out_phrasings_are_filed_under_their_area_and_owner(question, keys, owner):
    _assert_filed(question, keys, owner)


def test_the_held_out_phrasings_cover_every_area_and_are_mostly_right():
    rows = HELD_OUT
    new = {"pricing", "market", "risks"}  # added after these were written: QUESTIONS has them
    assert {keys.split("|")[0] for _, keys, _ in rows} == {a.key for a in AREAS} - new
    right = sum(classify(q).area.key in keys.split("|") for q, keys, _ in rows)
    assert right / len(rows) >= 0.9


# The shapes issue 14 names, in wording the model never trained on (bench/who_owns/train.py
# reads every list of this file but this one): `|` separates acceptable areas.
UNSEEN = [
    # a product feature named with a project word
    ("should the finance app have a budgeting feature at all", "client-needs|vision", PRODUCT),
    ("whether our to-do app should support recurring tasks", "client-needs|vision", PRODUCT),
    ("does the calendar product get a shared scheduling view", "client-needs|vision", PRODUCT),
    # pricing and packaging, with money named
    ("UK pricing: £9.99 or £12.99 a month?", "pricing", PRODUCT),
    ("per-seat price $12 vs $15", "pricing", PRODUCT),
    pytest.param(
        "should the team plan cost more than the solo plan",
        "pricing",
        PRODUCT,
        marks=pytest.mark.xfail(
            reason="a known miss: 'plan' and 'cost' read as the project's plan and spend",
            strict=True,
        ),
    ),
    # "adds X" / MVP
    ("whether the game's next season adds a PvP mode at all", "client-needs|lifecycle", PRODUCT),
    ("does the mvp of the app need offline mode", "client-needs|scope|lifecycle", None),
    # distractors, negation and contrast
    (
        "the customer satisfaction score we hold the product to, not the project's on-time rate",
        "metrics",
        PRODUCT,
    ),
    ("forget the cost for now: by when do the expo stands get built", "timeline", PROJECT),
    ("not the price, the date we hand the keys over", "timeline", PROJECT),
    # vocabulary gaps
    ("who defines our ICP", "market", PRODUCT),
    ("entering the Brazilian market next year", "market", PRODUCT),
    ("who's doing what on the catalogue shoot", "tasks", PROJECT),
    ("do we build a mobile app at all", "client-needs|vision", PRODUCT),
    # typos of the key word
    ("teh schedual for the checkuot proj", "timeline", PROJECT),
    ("who aproves the budjet for the offsite", "budget", PROJECT),
    # an agency's client kept up to date is a stakeholder; a vendor dependency is a risk
    ("keeping the agency's client updated on where the redesign stands", "stakeholders", PROJECT),
    ("the flooring supplier could hold up handover, who plans for that", "risks", PROJECT),
]


@pytest.mark.parametrize(("question", "keys", "owner"), UNSEEN)
def test_the_issues_shapes_go_to_the_right_manager_in_wording_never_trained_on(
    question, keys, owner
):
    assert classify(question).area.owner == (owner or find_area(keys.split("|")[0]).owner)


def test_the_issues_shapes_are_mostly_filed_under_their_area_too():
    rows = [getattr(row, "values", row) for row in UNSEEN]
    right = sum(classify(q).area.key in keys.split("|") for q, keys, _ in rows)
    assert right / len(rows) >= 0.7  # 14 of 19 when written


def test_the_unseen_phrasings_are_not_in_the_training_data():
    from bench.who_owns.train import examples

    trained = {text.casefold() for text, _ in examples()}
    rows = [getattr(row, "values", row) for row in UNSEEN]
    assert not trained & {question.casefold() for question, _, _ in rows}


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("deciding the go-live date of the pipeline project", "timeline"),
        ("the go-live date of the project", "timeline"),
        ("the sprint's go-live date", "timeline"),
        ("can we move the go-live to next month", "lifecycle"),
        ("what goes in the next release of the product", "lifecycle"),
        ("what goes in this sprint", "scope"),
    ],
)
def test_the_subject_decides_between_a_project_date_and_the_product_lifecycle(question, key):
    assert classify(question).area.key == key


@pytest.mark.parametrize(
    ("question", "owner"),
    [("this project", PROJECT), ("the product", PRODUCT), ("our sprint", PROJECT)],
)
def test_a_subject_alone_names_no_cue_but_names_its_manager(question, owner):
    assert max(scores(question)) == 0
    assert classify(question).area.owner == owner


def test_the_go_live_date_of_the_product_is_a_near_thing_that_names_both():
    result = classify("the go-live date of the product")
    assert {result.area.key, result.runner_up.key} == {"timeline", "lifecycle"}
    assert not result.confident  # the answer says so and names both managers


def test_a_subject_with_a_weak_hint_goes_to_that_subjects_manager():
    result = classify("the project thing on friday")
    assert result.area.key == "timeline" and result.area.owner == PROJECT


def test_a_manager_named_in_the_question_is_a_role_not_a_subject():
    assert scores("ask the product manager about the go-live date") == scores(
        "ask the manager about the go-live date"
    )
    assert scores("ask the project lead about the launch") == scores(
        "ask the lead about the launch"
    )


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("the statement", None),  # "statement" stems like "stat" but is no statistic
        ("buying", "budget"),  # "buyer" once made buying a client question
        ("our KPIs", "metrics"),  # "kpis" keeps its s: it ends like "analysis"
        ("purchasing seats", "budget"),
    ],
)
def test_words_that_only_look_like_another_areas_cue(question, key):
    totals = scores(question)
    if key is None:
        assert max(totals) == 0
    else:
        assert classify(question).area.key == key
        assert totals.count(max(totals)) == 1


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
    assert result.area.owner == PROJECT
    assert not result.confident
    assert "timeline" in {result.area.key, result.runner_up.key}


def test_two_areas_of_one_manager_go_to_that_manager_with_the_other_as_runner_up():
    result = classify("budget and timeline")
    assert result.area.owner == PROJECT
    assert {result.area.key, result.runner_up.key} == {"budget", "timeline"}


@pytest.mark.xfail(
    strict=True,
    reason="the model reads 'roadmap' as the stronger cue (74 %), "
    "so it answers the product manager without hedging; a person would hedge",
)
def test_a_near_thing_between_the_managers_is_not_confident_and_names_the_other():
    result = classify("the roadmap budget")
    assert not result.confident
    assert {result.area.owner, result.runner_up.owner} == {PRODUCT, PROJECT}


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("who presents at the board meeting", "stakeholders"),
        ("what is our north star metric", "metrics"),
        ("what are the customer success folks asking", "cross-team"),
        ("we got a support ticket about exports", "client-needs"),
    ],
)
def test_a_phrase_wins_over_the_words_inside_it_in_the_lexicon(question, key):
    totals = scores(question)
    assert AREAS[totals.index(max(totals))].key == key


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


def test_the_matrix_has_fifteen_distinct_areas():
    assert len({area.key for area in AREAS}) == len(AREAS) == 15


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
