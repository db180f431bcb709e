"""The responsibility matrix: which manager owns which kind of decision, as data.

Every row comes from the seed (`seed/product-vs-project-managers.md`): the owner, who to
consult, the seed's sentence that justifies it, and the words that identify it in a question.

Cues are written as plain words and phrases, grouped by strength; the classifier normalises
them exactly as it normalises a question (case, punctuation, light stemming), so "deadline"
also matches "deadlines". A trailing `*` matches any word that starts with the stem
("budget*" matches "budgeting", "budgetary"). Phrases weigh more than single words.
"""

from dataclasses import dataclass, field, replace

from domain.model.errors import RoleCallError
from domain.model.roles import Role

PRODUCT = Role.PRODUCT_MANAGER
PROJECT = Role.PROJECT_MANAGER

STRONG, MEDIUM, WEAK = 4.0, 2.5, 1.0
PHRASE_BONUS = 1.0  # a multi-word cue is more specific than any of its words
OWNERS_SET_USAGE = "owners set <area> <product-manager|project-manager>"


@dataclass(frozen=True)
class DecisionArea:
    key: str
    title: str
    owner: Role
    consult: tuple[Role, ...]
    consult_on_constraint: Role | None
    basis: str
    cues: tuple[tuple[str, float], ...] = field(repr=False)
    aliases: tuple[str, ...] = field(default=(), repr=False)

    def consulted(self, touches_constraint: bool = False) -> tuple[Role, ...]:
        """The roles to consult; the constraint role joins only when a constraint is touched."""
        extra = self.consult_on_constraint
        if touches_constraint and extra is not None and extra not in self.consult:
            return (*self.consult, extra)
        return self.consult

    def owned_by(self, role: Role) -> "DecisionArea":
        """This area under a workspace override (`owners set`): the seed's owner is consulted."""
        if role == self.owner:
            return self
        consult = tuple(r for r in self.consult if r != role)
        constraint = None if self.consult_on_constraint == role else self.consult_on_constraint
        return replace(
            self, owner=role, consult=(*consult, self.owner), consult_on_constraint=constraint
        )


def _cues(strong: str = "", medium: str = "", weak: str = "") -> tuple[tuple[str, float], ...]:
    """Comma-separated cues per strength -> ((cue, weight), ...); phrases get a bonus."""
    cues = []
    for text, weight in ((strong, STRONG), (medium, MEDIUM), (weak, WEAK)):
        for cue in filter(None, (c.strip() for c in text.split(","))):
            cues.append((cue, weight + PHRASE_BONUS * (" " in cue)))
    return tuple(cues)


AREAS: tuple[DecisionArea, ...] = (
    DecisionArea(
        key="vision",
        title="product vision and direction",
        owner=PRODUCT,
        consult=(),
        consult_on_constraint=None,
        basis="The product manager sets the vision of the product, based on the clients' needs.",
        aliases=("strategy", "direction", "product-vision", "mission"),
        cues=_cues(
            strong="vision, visionary, pivot, north star, big picture, value proposition, "
            "build or buy, buy or build, make or buy, target market, target audience, "
            "target customer, customer segment, ideal customer, "
            "product strategy, business model, where the product is going, long term plan, "
            "where the product, where we want to be, where we are heading, where were heading",
            medium="strategy, strategic, direction, mission, long term, longer term, future, "
            "big bet, target market, what we build, what to build, positioning, purpose, rebrand, "
            "ambition, five year, 5 year, product goal, goal of the product, overall goal, "
            "company goal, principle, in two years, in three years, in five years, upmarket, "
            "downmarket, up market, down market, new market, new segment, expand into",
            weak="become, kind of product, goal, focus, overall, value, identity, narrative, bet, "
            "target audience, pric*, years, years from now",
        ),
    ),
    DecisionArea(
        key="client-needs",
        title="client needs and feature requests",
        owner=PRODUCT,
        consult=(PROJECT,),
        consult_on_constraint=None,
        basis="The product manager sets the product's direction based on the clients' needs.",
        aliases=("client", "clients", "customer", "customers", "needs", "users", "requests"),
        cues=_cues(
            strong="feature request, pain point, user research, customer feedback, user feedback, "
            "free trial, trial length, trial period, pricing tier, packaging, "
            "client feedback, use case, persona, wishlist, wish list, jobs to be done, "
            "support ticket, customers want, clients want, users want, customer need, "
            "client need, user need",
            medium="client, customer, user, prospect, feedback, request, complain*, interview, "
            "research, survey, usability, accessibility, demand, enterprise, ask for, "
            "asking for, asked for, ask about, asking about, audience, segment, need from, "
            "actually need, really need, actually want, really want",
            weak="need, want, integration, feature, ux, pain, problem, solve, priorit*, backlog, "
            "happy, delight, satisf*, requirement, consumer, account, experience, useful, annoy*, "
            "support for",
        ),
    ),
    DecisionArea(
        key="metrics",
        title="key metrics and product performance",
        owner=PRODUCT,
        consult=(),
        consult_on_constraint=None,
        basis="The product manager defines the key metrics for a successful product and keeps "
        "track of the product's performance.",
        aliases=("metric", "kpi", "kpis", "okr", "okrs", "performance", "measures"),
        cues=_cues(
            strong="metric, kpi, kpis, okr, nps, csat, analytics, north star metric, "
            "success criteria, key result, define success, success look like, active users, "
            "a/b test, leading indicator, event tracking",
            medium="measur*, success*, dashboard, conversion, convert, retention, retain, churn*, "
            "engagement, dau, mau, wau, funnel, adoption, usage, revenue, arr, mrr, performance, "
            "telemetry, instrument*, activation, signup, sign up, experiment, how do we know, "
            "statistic*, stats*, number, conversion rate",
            weak="track, target, benchmark, data, growth, grow, rate, score, percent, uptime, "
            "latency, impact, roi, result, trend, health",
        ),
    ),
    DecisionArea(
        key="competitors",
        title="competitors and the market",
        owner=PRODUCT,
        consult=(),
        consult_on_constraint=None,
        basis="The product manager keeps track of the product's performance and monitors "
        "the competitors.",
        aliases=("competitor", "competition", "rivals"),
        cues=_cues(
            strong="competit*, compete, rival, market share, price war, feature parity, "
            "same feature, other companies, other products, market leader, incumbent, "
            "lost to, lose to, losing to, lost out to, other vendor, competing product",
            medium="the market, versus, vs, compared to, alternative, copy, clone, catch up, "
            "respond, react, counter, different from, stand out, undercut, price match, industry, "
            "landscape, differentiat*, moat, parity, monitor, lose deal, losing deal, lost deal, "
            "beat, threat, switch to, switching to, outdo, leapfrog, deal to, deals to, "
            "win rate, win loss, stack up, stacks up, stacking up, up against, head to head, "
            "our space, in the space, other player, other tool, go with them, went with them, "
            "over us, instead of us, keep tabs on, keeps tabs on, keeping tabs on, "
            "how we compare, how do we compare, how we stack up, how do we stack up",
            weak="keep an eye on, match, out there, compare, comparison, response, pric*, trend, "
            "copycat, ahead of them, they shipped, they launched, they released, their, "
            "against, deal, lost, lose, won, watch*",
        ),
    ),
    DecisionArea(
        key="lifecycle",
        title="product lifecycle: launch, roadmap and sunset",
        owner=PRODUCT,
        consult=(PROJECT,),
        consult_on_constraint=None,
        basis="The product manager oversees the product throughout its lifecycle, which has no "
        "clear-cut beginning or end.",
        aliases=("roadmap", "launch", "sunset", "release", "life-cycle", "product-lifecycle"),
        cues=_cues(
            strong="launch, relaunch, lifecycle, life cycle, roadmap, sunset, deprecat*, "
            "version number, versioning, semver, "
            "end of life, eol, discontinu*, phase out, general availability, go to market, gtm, "
            "retire, maintenance mode, time to market, bring to market, kill the product, "
            "next version, new version, next release, upcoming release, future release, "
            "end support, end of support, stop supporting, drop support, support window",
            medium="release, beta, alpha, ga, go live, goes live, going live, went live, rollout, "
            "roll out, shut down, kill, legacy, shutdown, v1, v2, v3, version, early access, "
            "pilot, mature, new product, next year, quarter, q1, q2, q3, q4, this year, "
            "release plan",
            weak="mvp, maintain, old, public, ship, preview, stage, announce*, upcoming, evolve, "
            "later this year, next quarter, h1, h2, availability, come out, comes out, "
            "before launch, before the launch, after launch, after the launch, for the launch, "
            "ahead of the launch, before the release, after the release",
        ),
    ),
    DecisionArea(
        key="cross-team",
        title="cross-team work: engineering, marketing and testing",
        owner=PRODUCT,
        consult=(PROJECT,),
        consult_on_constraint=None,
        basis="The product manager works with the cross-functioning teams: engineering, "
        "marketing, testing and the rest.",
        aliases=("cross-functional", "cross-functioning", "crossteam", "teams", "alignment"),
        cues=_cues(
            strong="cross functional, cross functioning, cross team, across team, same page, "
            "test strategy, test plan, testing strategy, quality assurance, "
            "threat model, security review, gdpr, privacy policy, cookie consent, compliance, "
            "legal review, dependency on, depends on, pricing page, landing page, "
            "work together, between team, other team, support team, data team, design team, "
            "sales team, marketing team, engineering team, qa team, between departments, "
            "enablement, sales enablement, support enablement",
            medium="marketing, align*, coordinat*, collaborat*, handoff, hand off, sync, "
            "department, silo, each other, sales, legal, engineer*, testing, tester*, design, "
            "designer, support, customer support, train",
            weak="team, qa, ops, devops, developer, dev, between, dependency, working with, "
            "customer success, test, security, compliance, documentation, docs, together",
        ),
    ),
    DecisionArea(
        key="scope",
        title="project scope",
        owner=PROJECT,
        consult=(PRODUCT,),
        consult_on_constraint=None,
        basis="The project manager determines the project's scope and makes sure it aligns "
        "with the scope and constraints of the product.",
        aliases=("project-scope", "requirements", "deliverables"),
        cues=_cues(
            strong="scope, descope, in scope, out of scope, scope creep, feature creep, "
            "change request, gold plating, project goal, goal of the project, feature set, "
            "statement of work, scope of work, sow, project plan, project charter, "
            "work breakdown, wbs",
            medium="deliverable, requirement, include, cut, trim, squeeze, fit in, sneak in, "
            "nice to have, must have, stretch goal, more work, extra work, spec, specification, "
            "acceptance criteria, boundar*, defer, objective, add, mvp, whats in, what is in, "
            "in or out, this sprint, this release, in v1, in v2, in the first release, "
            "more feature, extra feature, what goes in, part of",
            weak="remove, drop, expand, extra, outcome, module, component, phase 1, epic, "
            "bigger, smaller, also, take on, later phase, phase 2, next phase",
        ),
    ),
    DecisionArea(
        key="timeline",
        title="timeline, schedule and deadlines",
        owner=PROJECT,
        consult=(),
        consult_on_constraint=PRODUCT,
        basis="The project manager determines the project's timeline and keeps track of "
        "the schedule.",
        aliases=("schedule", "schedules", "deadline", "deadlines", "dates", "timelines"),
        cues=_cues(
            strong="timeline, schedule, reschedul*, deadline, slip, milestone, gantt, due date, "
            "burndown, burn down, "
            "end date, target date, critical path, behind schedule, overdue, eta, push back, "
            "pushed back, by when, how long, extend the deadline, on time",
            medium="due, date, delay, late, behind, postpone, extension, on track, miss, "
            "more time, more day, more week, be done, be ready, be finished, pull in, duration, "
            "crunch, sooner, buffer, calendar, finish by, done by, ready by, take longer, "
            "ahead of schedule, move the date, cutover, cut over",
            weak="wait, push, move, when, later, earlier, extend, estimate, finish, time, day, "
            "week, month, tomorrow, tonight, asap, eod, eow, friday, monday, tuesday, wednesday, "
            "thursday, weekend, january, february, march, april, june, july, august, september, "
            "october, november, december, kickoff, wrap up, speed up",
        ),
    ),
    DecisionArea(
        key="budget",
        title="project budget and spending",
        owner=PROJECT,
        consult=(),
        consult_on_constraint=PRODUCT,
        basis="The project manager determines the project's budget.",
        aliases=("budgets", "cost", "costs", "spend", "spending", "money"),
        cues=_cues(
            strong="budget*, cost, spend, spent, money, expense, capex, opex, purchase order, "
            "burn rate, cloud bill, over budget, pay for, paying for, paid for, hire another, "
            "hire a, hire an, hiring, recruit*, new hire",
            medium="expensive, afford*, dollar, euro, usd, eur, gbp, buck, invoice, pay, paid, "
            "payment, vendor, licens*, licenc*, subscription, purchase, buy, procure*, fund, "
            "funding, financ*, headcount, cash, salary, reimburs*, overrun, bill, contractor, "
            "freelance*, agency, quote, hire, credit, renewal",
            weak="cheap*, overtime, forecast, roi, travel, tool, resource, allocat*, extra, "
            "invest*, price, seat, renew, top up, cloud, aws, azure, gcp, reservation",
        ),
    ),
    DecisionArea(
        key="process",
        title="project processes and ways of working",
        owner=PROJECT,
        consult=(),
        consult_on_constraint=None,
        basis="The project manager creates and maintains the processes for the project.",
        aliases=("processes", "workflow", "workflows", "ways-of-working", "methodology"),
        cues=_cues(
            strong="process, workflow, retro, retrospective, standup, stand up, ceremon*, scrum, "
            "kanban, agile, waterfall, methodolog*, how we work, way of working, "
            "working agreement, definition of done, procedure, sprint planning, planning poker, "
            "week sprint, sprint length, story point, wip limit, playbook, code review, "
            "triag*, review process, approval process, release process, definition of ready, "
            "risk register, risk log, raid log, risk management, risk assessment",
            medium="cadence, template, checklist, policy, guideline, convention, peer review, "
            "runbook, handbook, grooming, refinement, on call, rotation, tooling, jira, "
            "trello, asana, branch*, raci, ritual, practice, best practice, velocity, estimation, "
            "meeting, sop, design review, pull request, merge request, sprint review, "
            "sprint demo, demo day, risk, risks, risky, mitigat*, contingency",
            weak="format, how should we, how do we, board, run, review, tool, step, confluence, "
            "automat*, pr, approval, merg*, how we, estimat*",
        ),
    ),
    DecisionArea(
        key="tasks",
        title="tasks and assignments",
        owner=PROJECT,
        consult=(),
        consult_on_constraint=None,
        basis="The project manager oversees the teams and keeps track of the tasks.",
        aliases=("task", "assignment", "assignments", "tickets", "ticket", "assignees"),
        cues=_cues(
            strong="task, subtask, assign*, reassign*, delegat*, work item, action item, "
            "pto, vacation, time off, day off, days off, out of office, sick leave, "
            "to do list, todo, workload, jira ticket, keep track, who works on, "
            "who is working on, who should work on, pick up, picks up, user story, "
            "who does what, who is doing what, who works on what, split the work, "
            "divide the work, divide up, divvy up, split up, hand out, dole out, farm out, "
            "team size, how many engineers, how many developers, how many designers, "
            "how many people, staffing",
            medium="issue, bug, blocker, block, capacity, bandwidth, overload*, hand over, "
            "handover, follow up, which engineer, which developer, which dev, who handles, story, "
            "status, progress, staff*, work on, take on, take over, chore, responsible for, "
            "on the hook, plate, rebalanc*, ticket, split, divide, nothing to do, "
            "who can take, who has time, who is free, spare capacity",
            weak="fix, backlog, track, resource, allocat*, epic, priorit*, teams, busy, load, "
            "owner, too much, who does, who should do, who will do, work, among, idle, free, "
            "available, handl*",
        ),
    ),
    DecisionArea(
        key="stakeholders",
        title="stakeholder and management communication",
        owner=PROJECT,
        consult=(PRODUCT,),
        consult_on_constraint=None,
        basis="The project manager communicates with the stakeholders, the product manager "
        "and upper management.",
        aliases=("stakeholder", "communication", "communications", "comms", "management"),
        cues=_cues(
            strong="stakehold*, exec, executive, leadership, upper management, senior management, "
            "the board, board meeting, ceo, cto, cfo, coo, cpo, c suite, higher up, higher ups, "
            "steering committee, status update, status report, weekly update, in the loop, "
            "loop in, heads up, break the news, bad news, all hands, town hall, tell, told, "
            "inform, notify, communicat*, comms, escalat*, sponsor, investor",
            medium="managem*, vp, vps, director, boss, report, update, present, deck, slides, "
            "brief, expectation, buy in, explain, announce*, upstairs, newsletter, email, "
            "message",
            weak="talk to, speak to, sign off, demo, talk, partner, approval, share, reach out",
        ),
    ),
    DecisionArea(
        key="pricing",
        title="pricing and packaging",
        owner=PRODUCT,
        consult=(PROJECT,),
        consult_on_constraint=None,
        basis="The product manager sets the product's vision based on the clients' needs, and "
        "oversees the product throughout its lifecycle: what it costs a client is part of it.",
        aliases=("price", "prices", "packaging", "plans", "tiers", "monetisation", "monetization"),
        cues=_cues(
            strong="pricing, price point, price tier, pricing tier, pricing page, per seat, "
            "per user, a month, per month, a year, per year, freemium, free tier, free plan, "
            "free trial, trial length, trial period, paywall, monetis*, monetiz*, packaging, "
            "bundle, upsell, add on, discount, coupon, promo code, list price, subscription tier, "
            "annual plan, monthly plan, enterprise plan, pro plan, premium tier, charge for, "
            "charge customers, how much to charge, what we charge",
            medium="price, priced, tier, plan, premium, paid plan, upgrade path, rrp, msrp, "
            "margin, ticket price, fee, fees, rate card, billing model, one time purchase, "
            "lifetime deal, money back",
            weak="cheaper, cost the customer, charge, worth paying",
        ),
    ),
    DecisionArea(
        key="market",
        title="target market and go-to-market",
        owner=PRODUCT,
        consult=(PROJECT,),
        consult_on_constraint=None,
        basis="The product manager sets the vision of the product based on the clients' needs "
        "and works with marketing: which market the product is for is part of that vision.",
        aliases=("go-to-market", "gtm", "markets", "positioning", "segment", "icp"),
        cues=_cues(
            strong="go to market, gtm, target market, target audience, target customer, "
            "ideal customer, icp, customer segment, market segment, market fit, "
            "product market fit, enter the market, new market, new country, new region, "
            "expand into, launch in, international expansion, market entry, positioning, "
            "beachhead, vertical, go after",
            medium="market, segment, region, country, geography, audience, niche, smb, "
            "mid market, enterprise segment, consumer market, b2b, b2c, localis*, localiz*, "
            "channel strategy, distribution, reseller, upmarket, downmarket",
            weak="who we sell to, sell to, europe, asia, us market, uk market, japan, germany",
        ),
    ),
    DecisionArea(
        key="risks",
        title="delivery risks and dependencies",
        owner=PROJECT,
        consult=(),
        consult_on_constraint=PRODUCT,
        basis="The project manager oversees the project from start to finish, determining its "
        "scope, timeline and budget: what could stop it is theirs to plan for.",
        aliases=("risk", "dependencies", "dependency", "contingency", "blockers"),
        cues=_cues(
            strong="risk, risks, risky, risk register, risk log, raid log, risk management, "
            "risk assessment, mitigat*, contingency, plan b, fallback plan, backup plan, "
            "dependency, dependencies, depends on, waiting on, blocked by, single point of "
            "failure, what could go wrong, worst case",
            medium="vendor delay, supplier, third party, upstream team, other team, "
            "critical dependency, bottleneck, exposure, threat, likelihood, impact, "
            "if it fails, if they are late, lead time, shortage",
            weak="vendor, partner, external, hold up, slip, uncertain*",
        ),
    ),
)

# What a question is about: a project, or the product. A subject never names an area by
# itself; it favours, among the areas a question already names, those its manager owns:
# the go-live date *of the project* is its timeline, the launch *of the product* its
# lifecycle. "product manager", "project lead"... name a role, not a subject.
SUBJECTS: dict[Role, tuple[str, ...]] = {
    PROJECT: ("project", "sprint", "milestone", "iteration"),
    PRODUCT: ("product",),
}
NOT_A_SUBJECT_AFTER = ("manager", "management", "owner", "lead", "pm", "mgr")
SUBJECT_BONUS = 2.0


def _normal(word: str) -> str:
    return "-".join(word.casefold().replace("_", " ").replace("-", " ").split())


_BY_NAME = {_normal(name): area for area in AREAS for name in (area.key, *area.aliases)}


def find_area(key: str) -> DecisionArea:
    """The area named by its key or an obvious alias ("schedule" -> timeline), any case."""
    name = _normal(key)
    area = _BY_NAME.get(name) or _BY_NAME.get(name.removesuffix("s")) or _BY_NAME.get(name + "s")
    if area is None:
        keys = ", ".join(a.key for a in AREAS)
        what = f"Unknown decision area “{key.strip()}”." if name else "Name a decision area."
        raise RoleCallError(f"{what} The areas are: {keys}.", OWNERS_SET_USAGE)
    return area
