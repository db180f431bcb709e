"""`make load`: concurrent Slack and Teams clients against `rolecall serve` on PostgreSQL.

Each client adds tasks with titles of its own, as fast as it is answered, for the whole
run: signed `/task` slash commands, and Teams message activities. Afterwards every task a
client was told it added must be in the database exactly once.

    python -m bench.load [--seconds 60] [--clients 12]
"""

import argparse
import json
import statistics
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from itertools import count
from pathlib import Path

from sqlalchemy import func, select

from adapters.persistence.database import make_engine
from adapters.persistence.tables import tasks
from bench.databases import POSTGRES, fresh_postgres, postgres_url
from bench.http_paths import SECRET, TOKEN, Client, rss_mb
from tests.server import running_server
from tests.slack.fake_slack import FakeSlack
from tests.slack.signing import signed_headers, slash_command_body
from tests.teams.fake_connector import FakeConnector

_ids = count(1)


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.acks: list[float] = []
        self.errors: Counter = Counter()
        self.added: list[str] = []

    def record(self, took: float, title: str | None, error: str | None) -> None:
        with self.lock:
            self.acks.append(took)
            if error:
                self.errors[error] += 1
            elif title:
                self.added.append(title)


def slack_client(port: int, slack: FakeSlack, name: str, until: float, results: Results):
    client = Client(port)
    for n in count():
        if time.monotonic() >= until:
            return
        title = f"load {name} {n}"
        body = slash_command_body("/task", f"add {title}", user_id=f"U{name}",
                                  response_url=slack.response_url(f"{name}-{n}"))  # fmt: skip
        started = time.perf_counter()
        try:
            status, reply = client.post("/slack/events", body.encode(),
                                        signed_headers(body, SECRET))  # fmt: skip
            took = time.perf_counter() - started
            if status == 200 and not reply.strip():  # acked; the answer follows
                reply = json.dumps(slack.wait_for_responses(f"{name}-{n}", timeout=30)).encode()
            ok = status == 200 and b"Added #" in reply
            results.record(took, title, None if ok else f"slack {status}: {reply[:80]!r}")
        except OSError as error:
            results.record(time.perf_counter() - started, None, f"slack {error}")
            client = Client(port)


def teams_client(port: int, connector: FakeConnector, name: str, until: float, results):
    client = Client(port)
    for n in count():
        if time.monotonic() >= until:
            return
        title = f"load {name} {n}"
        activity = {
            "type": "message", "id": f"load-{next(_ids)}", "text": f"task add {title}",
            "channelId": "msteams", "from": {"id": f"29:{name}", "name": name},
            "recipient": {"id": "28:bot"}, "serviceUrl": connector.service_url,
            "conversation": {"id": f"a:{name}", "tenantId": "load",
                             "conversationType": "personal"},
        }  # fmt: skip
        started = time.perf_counter()
        try:
            status, _reply = client.post("/api/messages", json.dumps(activity).encode(),
                                        {"Content-Type": "application/json"})  # fmt: skip
            took = time.perf_counter() - started
            results.record(took, title, None if status < 300 else f"teams {status}")
        except OSError as error:
            results.record(time.perf_counter() - started, None, f"teams {error}")
            client = Client(port)


def run(database_url: str, seconds: float, clients: int) -> dict:
    engine = make_engine(database_url)
    results = Results()
    workdir = tempfile.mkdtemp(prefix="rolecall-load-")  # the server's log stays there
    with FakeSlack() as slack, FakeConnector() as connector, running_server(
                database_url, Path(workdir), SLACK_SIGNING_SECRET=SECRET,
                SLACK_BOT_TOKEN=TOKEN, SLACK_API_URL=slack.api_url) as server:  # fmt: skip
        idle = rss_mb(server.process.pid)
        until = time.monotonic() + seconds
        threads = [
            threading.Thread(
                target=slack_client if i % 2 == 0 else teams_client,
                args=(server.port, slack if i % 2 == 0 else connector, f"c{i}", until, results),
            )
            for i in range(clients)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        after = rss_mb(server.process.pid)
    with engine.connect() as connection:
        stored = Counter(dict(connection.execute(
            select(tasks.c.title, func.count()).where(tasks.c.title.like("load %"))
            .group_by(tasks.c.title)).all()))  # fmt: skip
    engine.dispose()
    cuts = statistics.quantiles(results.acks, n=100, method="inclusive")
    return {
        "seconds": elapsed, "clients": clients, "requests": len(results.acks),
        "per_second": len(results.acks) / elapsed,
        "p50_ms": statistics.median(results.acks) * 1000, "p99_ms": cuts[98] * 1000,
        "max_ms": max(results.acks) * 1000, "errors": sum(results.errors.values()),
        "error_kinds": dict(results.errors.most_common(5)),
        "added": len(results.added),
        "lost": sum(1 for title in results.added if title not in stored),
        "duplicated": sum(1 for n in stored.values() if n > 1),
        "rss_idle_mb": idle, "rss_after_mb": after, "server_log": server.log_path,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=12)
    args = parser.parse_args()
    url = fresh_postgres(postgres_url() or POSTGRES, "rolecall_load")
    print(f"Load: {args.clients} clients for {args.seconds:.0f} s on {url.split('@')[-1]} …")
    report = run(url, args.seconds, args.clients)
    for key, value in report.items():
        print(f"  {key:13} {value:.1f}" if isinstance(value, float) else f"  {key:13} {value}")
    healthy = report["errors"] == 0 and report["lost"] == 0 and report["duplicated"] == 0
    print("OK: no errors, nothing lost, nothing duplicated." if healthy else "FAILED")
    _record(report, url)
    raise SystemExit(0 if healthy and report["max_ms"] < 3000 else 1)


def _record(r: dict, url: str) -> None:
    """The run's figures as the "Load run" section of bench/RESULTS.md (replacing the last)."""
    results = Path(__file__).with_name("RESULTS.md")
    kept = results.read_text().split("\n## Load run")[0].rstrip() if results.exists() else ""
    section = (
        f"\n\n## Load run (`make load`, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC)\n\n"
        f"{r['clients']} concurrent clients (half signed `/task` slash commands, half Teams "
        f"activities) for {r['seconds']:.0f} s against `rolecall serve` on PostgreSQL "
        f"({url.split('@')[-1]}):\n\n"
        "| requests | per second | ack p50 | ack p99 | ack max | errors | added | lost "
        "| duplicated | RSS idle → after |\n|---|---|---|---|---|---|---|---|---|---|\n"
        f"| {r['requests']:,} | {r['per_second']:.1f} | {r['p50_ms']:.0f} ms "
        f"| {r['p99_ms']:.0f} ms | {r['max_ms']:.0f} ms | {r['errors']} | {r['added']:,} "
        f"| {r['lost']} | {r['duplicated']} | {r['rss_idle_mb']:.0f} → "
        f"{r['rss_after_mb']:.0f} MB |\n"
    )  # fmt: skip
    results.write_text(kept + section)


if __name__ == "__main__":
    main()
