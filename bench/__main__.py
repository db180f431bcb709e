"""`make bench`: every figure of DESIGN §6, measured side by side, printed as one table and
written to bench/RESULTS.md with the machine it ran on.

    python -m bench [--quick]

PostgreSQL figures are added when LOAD_DATABASE_URL or ROLECALL_TEST_DATABASE_URL names a
server (the bench uses databases of its own there, `rolecall_bench_*`).
"""

import argparse
import os
import platform
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from adapters.persistence.database import make_engine
from bench import http_paths, micro, scheduler
from bench.databases import fresh_postgres, postgres_url

RESULTS = Path(__file__).with_name("RESULTS.md")


def main() -> None:
    parser = argparse.ArgumentParser(description="RoleCall's benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer rounds, 10⁴–10⁵ tasks only")
    args = parser.parse_args()
    rounds, sizes = (30, scheduler.SIZES[:2]) if args.quick else (200, scheduler.SIZES)
    workdir = Path(tempfile.mkdtemp(prefix="rolecall-bench-"))
    server = postgres_url()
    lines, checks = [], []

    def say(line: str = "") -> None:
        print(line, flush=True)
        lines.append(line)

    say(f"# RoleCall benchmark — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    say()
    say(machine(server))
    say()
    say("## Reply time: RoleCall vs the bare framework, interleaved (SQLite)")
    say()
    say("| path | RoleCall median / p95 / p99 ms | bare median / p95 / p99 ms | ratio |")
    say("|---|---|---|---|")
    slack = http_paths.slack_path(f"sqlite:///{workdir / 'slack.db'}", workdir, rounds)
    teams = http_paths.teams_path(f"sqlite:///{workdir / 'teams.db'}", workdir, rounds)
    for row in slack["rows"] + teams["rows"]:
        ours, bare = row["rolecall"], row["bare"]
        say(f"| {row['path']} | {_ms(ours)} | {_ms(bare)} | **{row['ratio']:.2f}** |")
        checks.append((f"{row['path']} ratio ≤ 1.5", row["ratio"] <= 1.5))
    say()
    for row in teams["rows"]:
        ours, fixed = row["rolecall"]["median"], row["fixed"]["median"]
        say(
            f"- {row['path']}: against the echo bot with RoleCall's msrest fix too, "
            f"{fixed:.1f} ms, RoleCall adds {ours - fixed:.1f} ms ({ours / fixed:.2f}×)."
        )
    say()
    say("RoleCall looks msrest's safe status codes up in a set (adapters/teams/app.py); the "
        "stock framework looks 999 codes up in a 500-item list to build each client's retry "
        "policy, twice per activity.")  # fmt: skip
    say()
    say(f"`rolecall serve` RSS: idle {slack['rss_idle']:.0f} MB, after "
        f"{rounds * 4 + 40} Slack requests {slack['rss_after']:.0f} MB, after the Teams run "
        f"{teams['rss_after']:.0f} MB.")  # fmt: skip
    checks.append(("serve idle RSS < 150 MB", slack["rss_idle"] < 150))
    say()
    say("## Digest and classification")
    say()
    say("| what | database | figure |")
    say("|---|---|---|")
    for name, url in _databases(workdir, server, "digest"):
        d = micro.digest(url)
        say(f"| digest of a {d['tasks']:,}-task project: build / render | {name} | "
            f"{d['build_ms']:.0f} ms / {d['render_ms']:.1f} ms |")  # fmt: skip
        checks.append((f"{name}: digest of 10 000 tasks < 100 ms",
                       d["build_ms"] + d["render_ms"] < 100))  # fmt: skip
    w = micro.who_owns()
    say(f"| `who owns` classification, per question ({w['questions']:,} asked) | — | "
        f"{w['per_question_us']:.0f} µs |")  # fmt: skip
    say()
    say("## Scheduler pass: 1 000 workspaces, 1 000 tasks due, the table growing")
    say()
    say("| database | tasks | due | queued | pass (scan + queue) | then sent | dispatch |")
    say("|---|---|---|---|---|---|---|")
    for name, url in _databases(workdir, server, "scheduler"):
        results = scheduler.measure(url, sizes)
        for r in results:
            say(f"| {name} | {r['tasks']:,} | {r['due']:,} | {r['queued']:,} "
                f"| {r['seconds'] * 1000:.0f} ms | {r['sent']:,} "
                f"| {r['send_seconds'] * 1000:.0f} ms |")  # fmt: skip
        ratio = results[-1]["seconds"] / results[0]["seconds"]
        say(f"| {name} | ratio {results[-1]['tasks']:,} / {results[0]['tasks']:,} | | | "
            f"**{ratio:.2f}** | | |")  # fmt: skip
        checks.append((f"{name}: pass ratio ≤ 2", ratio <= 2))
        checks.append((f"{name}: {results[-1]['tasks']:,}-task pass < 0.5 s",
                       results[-1]["seconds"] < 0.5))  # fmt: skip
    say()
    say("## Targets (DESIGN §6)")
    say()
    for name, ok in checks:
        say(f"- {'✅' if ok else '❌'} {name}")
    say()
    say("`make load` adds its own section below (kept from its last run).")
    previous = RESULTS.read_text() if RESULTS.exists() else ""
    load = previous[previous.index("\n## Load run") :] if "\n## Load run" in previous else ""
    RESULTS.write_text("\n".join(lines) + "\n" + load)
    print(f"\nWritten to {RESULTS}")


def _databases(workdir: Path, server: str | None, purpose: str) -> list[tuple[str, str]]:
    """A fresh SQLite file, and a fresh PostgreSQL database when a server is at hand."""
    urls = [("SQLite", f"sqlite:///{workdir / f'{purpose}.db'}")]
    if server:
        urls.append(("PostgreSQL", fresh_postgres(server, f"rolecall_bench_{purpose}")))
    return urls


def machine(server: str | None) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), platform.processor() or "?")  # fmt: skip
    parts = [f"CPU {cpu}, {os.cpu_count()} cores", f"Python {platform.python_version()}",
             f"SQLite {sqlite3.sqlite_version}"]  # fmt: skip
    if server:
        engine = make_engine(server)
        with engine.connect() as connection:
            version = connection.execute(text("SHOW server_version")).scalar()
        engine.dispose()
        parts.append(f"PostgreSQL {version}")
    return "Machine: " + "; ".join(parts) + "."


def _ms(figures: dict) -> str:
    return f"{figures['median']:.1f} / {figures['p95']:.1f} / {figures['p99']:.1f}"


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


if __name__ == "__main__":
    main()
