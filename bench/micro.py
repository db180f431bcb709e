"""In-process costs: a standup digest over 10 000 tasks, and `who owns` classification."""

import gc
import statistics
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select

from adapters.persistence.tables import people, products, projects, tasks, workspaces
from adapters.slack.views import digest_details, reply_message
from adapters.teams.cards import reply_card
from bot.bootstrap import bootstrap
from bot.config import Config
from domain.model.chat import Message, Reply
from domain.model.clock import FixedClock
from domain.ownership.classifier import classify
from domain.standups.query import gather_digest

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
STATUSES = ("done", "doing", "blocked", "todo", "todo")
QUESTIONS = (
    "who owns the budget for contractors?", "can we push the launch to March",
    "who decides the pricing of the premium plan", "who talks to the client about the delay",
    "should we add dark mode to the roadmap", "who approves overtime for the QA team",
    "what metrics define success for onboarding", "who runs the sprint retrospective",
    "is the competitor's new feature a threat", "who signs off the release checklist",
)  # fmt: skip


def digest(database_url: str, size: int = 10_000, runs: int = 11) -> dict:
    """Build (query and assemble) and render (Slack and Teams) one project's digest."""
    app = bootstrap(Config(database_url=database_url), clock=FixedClock(NOW))
    gc.freeze()  # as `rolecall serve` and `rolecall worker` do after starting
    workspace_id, project_id = _seed(app.engine, size)
    baselined = app.service.handle(Message("console", "bench-digest", "person0", "general",
                                           "project baseline Big"))  # fmt: skip
    assert baselined.ok, baselined.text
    build, render = [], []
    for _ in range(runs + 1):  # the first warms the caches up and is not counted
        started = time.perf_counter()
        with app.uow_factory() as uow:
            workspace = uow.workspaces.get(workspace_id)
            built = gather_digest(uow, workspace, "general", project_id,
                                  NOW - timedelta(days=1), NOW, "UTC")  # fmt: skip
        middle = time.perf_counter()
        reply_message(Reply(built.text, public=True, data=built))
        digest_details(built.details)
        reply_card(Reply(built.text, public=True, data=built), lambda text: text)
        render.append(time.perf_counter() - middle)
        build.append(middle - started)
    app.engine.dispose()
    build, render = build[1:], render[1:]
    return {"tasks": size, "build_ms": statistics.median(build) * 1000,
            "render_ms": statistics.median(render) * 1000}  # fmt: skip


def _seed(engine, size: int) -> tuple[int, int]:
    with engine.begin() as connection:
        connection.execute(insert(workspaces).values(
            key="console:bench-digest", platform="console", timezone="UTC", drift_amber=0.1,
            drift_red=0.25, next_task_number=size + 1, next_decision_number=1,
            paused=False))  # fmt: skip
        workspace_id = connection.execute(select(workspaces.c.id).where(
            workspaces.c.key == "console:bench-digest")).scalar_one()  # fmt: skip
        connection.execute(insert(people), [
            {"workspace_id": workspace_id, "handle": f"person{i}"} for i in range(50)])  # fmt: skip
        ids = list(connection.execute(select(people.c.id).where(
            people.c.workspace_id == workspace_id)).scalars())  # fmt: skip
        connection.execute(insert(products).values(
            workspace_id=workspace_id, name="Suite", key="suite", manager_id=ids[1], metrics=[],
            out_of_scope=[], release_by=(NOW + timedelta(days=3)).date()))  # fmt: skip
        product_id = connection.execute(select(products.c.id).where(
            products.c.workspace_id == workspace_id)).scalar_one()  # fmt: skip
        connection.execute(insert(projects).values(
            workspace_id=workspace_id, name="Big", key="big", manager_id=ids[0],
            product_id=product_id, scope_dirty=False, created_at=NOW))  # fmt: skip
        project_id = connection.execute(select(projects.c.id).where(
            projects.c.workspace_id == workspace_id)).scalar_one()  # fmt: skip
        connection.execute(insert(tasks), [
            {"workspace_id": workspace_id, "number": n + 1, "title": f"Task number {n}",
             "created_by_id": ids[n % 50], "assignee_id": ids[n % 50], "project_id": project_id,
             "status": STATUSES[n % 5], "due_on": (NOW + timedelta(days=n % 9 - 3)).date(),
             "created_at": NOW, "updated_at": NOW, "snoozes": 0,
             "done_at": NOW - timedelta(hours=n % 40) if n % 5 == 0 else None}
            for n in range(size)
        ])  # fmt: skip
    return workspace_id, project_id


def who_owns(rounds: int = 200) -> dict:
    """Classification time per question, after the first (which builds the index)."""
    classify(QUESTIONS[0])
    started = time.perf_counter()
    for _ in range(rounds):
        for question in QUESTIONS:
            classify(question)
    per = (time.perf_counter() - started) / (rounds * len(QUESTIONS))
    return {"questions": rounds * len(QUESTIONS), "per_question_us": per * 1e6}
