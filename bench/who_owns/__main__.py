"""`make who-owns`: the `who owns` protocol. Every labelled question of the held-out (test)
part and of the development part goes through the real service as `who owns <text>`, on
in-memory fakes; the first line of the reply must name the right manager and not the other.
Prints, per area and overall: owner right, area right, the share answered "unclear" (the
first line names no owner) and the share where the reply asks both managers to agree; then
the classifier's own time per question (p50, p99).

    python -m bench.who_owns [--misses]

`--misses` lists the held-out misses at the end. heldout.jsonl is the test part: nothing is
ever tuned on it (bench/who_owns/BRIEF.md is how both parts were written).
"""

import argparse
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

from domain.model.chat import Message
from domain.model.clock import FixedClock
from domain.model.roles import Role
from domain.ownership.areas import AREAS
from domain.ownership.classifier import classify
from domain.service import RoleCall
from tests.fakes import FakeUnitOfWork
from tests.support import THURSDAY

HERE = Path(__file__).parent
PARTS = ("heldout", "dev", "dev2")
LABELS = {role: role.label for role in Role}


def load(part: str) -> list[dict]:
    with (HERE / f"{part}.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def judge(service: RoleCall, item: dict) -> dict:
    """The reply's verdict: owner named alone on the first line, area, unclear, both."""
    reply = service.handle(
        Message("console", "bench", "erin", "general", f"who owns {item['text']}")
    )
    first, *rest = reply.text.splitlines() or [""]
    named = {role for role, label in LABELS.items() if label in first}
    wanted = Role(item["owner"])
    area_line = next((line for line in rest if line.startswith("Area: ")), "")
    return {
        "owner": named == {wanted},
        "area": area_line.startswith(f"Area: {item['area']} —"),
        "unclear": first.startswith("Owner: unclear"),
        "both": "Both managers should agree" in reply.text,
    }


def run(part: str) -> tuple[dict[str, list[dict]], list[tuple[dict, dict]]]:
    uow = FakeUnitOfWork()
    service = RoleCall(lambda: uow, FixedClock(THURSDAY))
    by_area: dict[str, list[dict]] = defaultdict(list)
    misses = []
    for item in load(part):
        verdict = judge(service, item)
        by_area[item["area"]].append(verdict)
        if not verdict["owner"]:
            misses.append((item, verdict))
    return by_area, misses


def _row(name: str, verdicts: list[dict]) -> str:
    n = len(verdicts)
    owner, area, unclear, both = (
        sum(v[k] for v in verdicts) for k in ("owner", "area", "unclear", "both")
    )
    return (f"| {name} | {n} | {owner}/{n} = {100 * owner / n:.1f} % | {100 * area / n:.1f} % "
            f"| {100 * unclear / n:.1f} % | {100 * both / n:.1f} % |")  # fmt: skip


def report(part: str, by_area: dict[str, list[dict]]) -> None:
    print(f"\n## {part}.jsonl\n")
    print("| area | n | owner right | area right | unclear | both managers |")
    print("|---|---|---|---|---|---|")
    for area in AREAS:
        if by_area.get(area.key):
            print(_row(area.key, by_area[area.key]))
    print(_row("**all**", [v for verdicts in by_area.values() for v in verdicts]))


def timing(questions: list[str], rounds: int = 5) -> tuple[float, float]:
    """The classifier alone, per question in microseconds: p50 and p99 (after a warm-up)."""
    for question in questions:
        classify(question)
    spent = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter()
            classify(question)
            spent.append((time.perf_counter() - started) * 1e6)
    cuts = statistics.quantiles(spent, n=100)
    return cuts[49], cuts[98]


def main() -> None:
    parser = argparse.ArgumentParser(description="the `who owns` protocol")
    parser.add_argument("--misses", action="store_true", help="list the held-out misses")
    args = parser.parse_args()
    missed = {}
    for part in PARTS:
        by_area, missed[part] = run(part)
        report(part, by_area)
    p50, p99 = timing([item["text"] for part in PARTS for item in load(part)])
    print(f"\nclassify() per question: p50 {p50:.0f} µs, p99 {p99:.0f} µs")
    if args.misses:
        print("\n## held-out misses (for the record: never tune on them)\n")
        for item, verdict in missed["heldout"]:
            flag = " (unclear)" if verdict["unclear"] else ""
            print(f"- [{item['area']}] {item['text']}{flag}")


if __name__ == "__main__":
    main()
