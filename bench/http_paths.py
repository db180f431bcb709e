"""Reply time through the real `rolecall serve` against a bare framework app, side by side.

Slack: signed slash commands; the reply is visible when the acknowledgement carries it (or,
for RoleCall, when it reaches the command's response URL). Teams: message activities; the
reply is visible when it reaches the local Bot Framework connector. Requests alternate
between RoleCall and the baseline, one at a time over kept-alive connections, so both see
the same machine.
"""

import http.client
import json
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from itertools import count
from pathlib import Path

from tests.server import running_server
from tests.slack.fake_slack import FakeSlack
from tests.slack.signing import signed_headers, slash_command_body
from tests.teams.fake_connector import FakeConnector

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench-token"
SLACK_COMMANDS = (("/who-owns", "the budget for contractors in {n}"),
                  ("/task", "add Bench task {n} due 2026-12-01"))  # fmt: skip
TEAMS_TEXTS = ("who owns the budget for contractors in {n}", "task add Bench task {n}")
_ids = count(1)


def summary(samples: list[float]) -> dict:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"median": statistics.median(samples) * 1000, "p95": cuts[94] * 1000,
            "p99": cuts[98] * 1000, "n": len(samples)}  # fmt: skip


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def baseline(module: str, *args: str):
    """A baseline app (bench/bare_*.py) in a process of its own, like RoleCall's."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", module, str(port), *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        _wait_healthy(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_healthy(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the baseline on :{port} exited")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the baseline on :{port} did not start")


class Client:
    """One kept-alive connection, as a platform's proxy would hold."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def post(self, path: str, body: bytes, headers: dict) -> tuple[int, bytes]:
        self.connection.request("POST", path, body=body, headers=headers)
        response = self.connection.getresponse()
        return response.status, response.read()


def slack_path(database_url: str, workdir: Path, rounds: int) -> dict:
    env = {"SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": TOKEN}
    with FakeSlack() as slack, baseline("bench.bare_slack", SECRET, TOKEN, slack.api_url) as bare, \
            running_server(database_url, workdir, SLACK_API_URL=slack.api_url,
                           **env) as server:  # fmt: skip
        idle = rss_mb(server.process.pid)
        targets = {"rolecall": Client(server.port), "bare": Client(bare)}
        times = {(name, c): [] for name in targets for c, _ in SLACK_COMMANDS}
        for n in range(rounds + 10):  # the first 10 rounds warm both up
            order = list(targets.items()) if n % 2 else list(reversed(targets.items()))
            for command, text in SLACK_COMMANDS:
                for name, client in order:
                    took = _slash(slack, client, command, text.format(n=n))
                    if n >= 10:
                        times[(name, command)].append(took)
        after = rss_mb(server.process.pid)
    rows = [_row(f"Slack {c}", times[("rolecall", c)], times[("bare", c)])
            for c, _ in SLACK_COMMANDS]  # fmt: skip
    return {"rows": rows, "rss_idle": idle, "rss_after": after}


def _slash(slack: FakeSlack, client: Client, command: str, text: str) -> float:
    key = f"b{next(_ids)}"
    body = slash_command_body(command, text, user_id="U1", response_url=slack.response_url(key))
    started = time.perf_counter()
    status, reply = client.post("/slack/events", body.encode(), signed_headers(body, SECRET))
    if status != 200:
        raise RuntimeError(f"{command} answered {status}: {reply[:200]!r}")
    if not reply.strip():  # answered later, through the response URL
        slack.wait_for_responses(key)
    return time.perf_counter() - started


def teams_path(database_url: str, workdir: Path, rounds: int) -> dict:
    """Against the stock echo bot (the target's baseline) and, like for like, against the
    same bot with RoleCall's msrest fix, which saves the stock bot most of its time."""
    with FakeConnector() as connector, baseline("bench.bare_teams") as bare, \
            baseline("bench.bare_teams", "--set-lookup") as fixed, \
            running_server(database_url, workdir) as server:  # fmt: skip
        targets = {"rolecall": Client(server.port), "bare": Client(bare), "fixed": Client(fixed)}
        times = {(name, i): [] for name in targets for i in range(len(TEAMS_TEXTS))}
        for n in range(rounds + 10):
            order = list(targets.items())[n % 3 :] + list(targets.items())[: n % 3]
            for i, text in enumerate(TEAMS_TEXTS):
                for name, client in order:
                    took = _activity(connector, client, text.format(n=n))
                    if n >= 10:
                        times[(name, i)].append(took)
        after = rss_mb(server.process.pid)
    rows = []
    for i, text in enumerate(TEAMS_TEXTS):
        row = _row(f"Teams “{text.split(' {')[0][:22]}…”", times[("rolecall", i)],
                   times[("bare", i)])  # fmt: skip
        row["fixed"] = summary(times[("fixed", i)])
        rows.append(row)
    return {"rows": rows, "rss_after": after}


def _activity(connector: FakeConnector, client: Client, text: str) -> float:
    activity = {
        "type": "message", "id": f"bench-{next(_ids)}", "text": text, "channelId": "msteams",
        "from": {"id": "29:bench-user", "name": "Bench"}, "recipient": {"id": "28:bot"},
        "serviceUrl": connector.service_url,
        "conversation": {"id": "a:bench", "tenantId": "bench", "conversationType": "personal"},
    }  # fmt: skip
    before = len(connector.posts)
    started = time.monotonic()
    status, reply = client.post("/api/messages", json.dumps(activity).encode(),
                                {"Content-Type": "application/json"})  # fmt: skip
    if status >= 300:
        raise RuntimeError(f"/api/messages answered {status}: {reply[:200]!r}")
    return connector.wait_for(before + 1)[before].at - started


def _row(name: str, rolecall: list[float], bare: list[float]) -> dict:
    ours, theirs = summary(rolecall), summary(bare)
    return {"path": name, "rolecall": ours, "bare": theirs,
            "ratio": ours["median"] / theirs["median"]}  # fmt: skip
