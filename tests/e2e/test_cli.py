"""The scripted session of the core issue, through `rolecall chat --jsonl` and
`rolecall worker --once`, as separate processes on one database."""

import json
import re
import socket
import subprocess
import time
import urllib.request
from datetime import timedelta

import pytest

from domain.model.calendar import show_day
from tests.e2e.conftest import ROLECALL
from tests.support import SETUP, day, stamp

pytestmark = pytest.mark.e2e


def test_a_scripted_session_then_worker_passes_deliver_each_reminder_once(cli):
    due = day(6)  # a Wednesday: its eve, day and day after are all working days
    replies = cli.chat([
        *SETUP,
        f"task add Write release notes @carol due {due} in Checkout",
        "task add Polish the copy @bob due in 3 days in Checkout",
        f"task add Done already @carol due {due} in Checkout",
        "task done #3",
        "task list @carol",
        "project baseline Checkout",
        "task add Extra analytics @bob in Checkout",
        "project drift Checkout",
        "who owns can we push the launch to March?",
        "decision log Launch slips to March",
        "task frobnicate",
    ])  # fmt: skip
    assert all(r["ok"] for r in replies[:-1]), [r for r in replies if not r["ok"]]
    assert replies[-1]["ok"] is False and "Unknown task command" in replies[-1]["text"]
    assert "#1 Write release notes" in replies[len(SETUP) + 4]["text"]
    assert "1 added, 0 removed" in replies[len(SETUP) + 7]["text"]
    first_line = replies[len(SETUP) + 8]["text"].splitlines()[0]
    assert "product manager" in first_line and "@alice" in first_line
    assert "proposed" in replies[len(SETUP) + 9]["text"]

    day_before = cli.worker(f"{due - timedelta(days=1)}T12:00:00Z")
    assert {"to": "@carol", "kind": "deadline"} in [_brief(n) for n in day_before]
    assert {"to": "@dave", "kind": "unplanned"} in [_brief(n) for n in day_before]
    assert cli.worker(f"{due - timedelta(days=1)}T12:00:00Z") == []  # nothing twice
    on_the_day = cli.worker(f"{due}T09:00:00Z")
    assert [_brief(n) for n in on_the_day] == [{"to": "@carol", "kind": "deadline"}]
    overdue = cli.worker(f"{due + timedelta(days=1)}T09:00:00Z")
    assert sorted(n["to"] for n in overdue if n["kind"] == "overdue") == ["@carol", "@dave"]
    assert not [n for n in overdue if "Done already" in n["text"]]


def _brief(notification: dict) -> dict:
    return {"to": notification["to"], "kind": notification["kind"]}


def test_every_input_line_gets_exactly_one_json_reply(cli):
    lines = ["", "   ", "help", "task add", "who owns", "task list", "\x00\x01 weird", "ü" * 50]
    replies = cli.chat(lines)
    assert [r["input"] for r in replies] == lines
    assert [r["ok"] for r in replies] == [False, False, True, False, False, True, False, False]


def test_workspaces_are_separate_across_processes(cli):
    cli.chat(["task add Acme only @bob"], workspace="acme")
    [beta] = cli.chat(["task list"], workspace="beta")
    [acme] = cli.chat(["task list"], workspace="acme")
    assert "Acme only" not in beta["text"] and "Acme only" in acme["text"]


def test_db_upgrade_and_outbox_commands_work_on_a_fresh_database(cli):
    assert "up to date" in cli.run("db", "upgrade").stdout
    assert "empty" in cli.run("outbox").stdout


def test_serve_prints_the_address_it_really_listens_on(cli):
    env = {**cli.env, "PORT": "0", "HOST": "127.0.0.1"}  # the system picks the port
    command = [ROLECALL, "serve", "--no-scheduler", "--at", stamp(0)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)  # fmt: skip
    try:
        printed = server.stdout.readline()
        [port] = re.findall(r"listening on http://127\.0\.0\.1:(\d+) ", printed)
        assert port != "0", printed
        body = _get(f"http://127.0.0.1:{port}/healthz", deadline=time.monotonic() + 60)
        assert body == b'{"status": "ok"}'
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_on_a_port_in_use_says_so_without_a_traceback(cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        env = {**cli.env, "PORT": str(taken.getsockname()[1]), "HOST": "127.0.0.1"}
        done = subprocess.run([ROLECALL, "serve", "--no-scheduler"], env=env,
                              capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "Cannot listen on 127.0.0.1:" in done.stderr and "another PORT" in done.stderr


def _get(url: str, deadline: float) -> bytes:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_the_chat_clock_can_be_set_to_replay_a_timeline_with_the_worker(cli):
    done = cli.run("chat", "--jsonl", "--workspace", "acme", "--user", "erin",
                   "--at", stamp(0), stdin="task add Ship it @bob due tomorrow\n")  # fmt: skip
    assert "(tomorrow)" in json.loads(done.stdout)["text"]
    sent = cli.run("worker", "--once", "--at", stamp(0, "10:01")).stdout
    assert "Ship it" in sent and f"due tomorrow ({show_day(day(1))})" in sent


def test_a_chat_clock_can_start_at_a_chosen_instant(cli):
    script = f"task add Ship it @bob due {day(1)}\n"
    done = cli.run("chat", "--jsonl", "--starting-at", stamp(0), stdin=script)
    assert "(tomorrow)" in json.loads(done.stdout)["text"]
    done = cli.run("chat", "--jsonl", "--starting-at", stamp(-1), "--at", stamp(0), check=False)
    assert done.returncode == 2 and "not allowed with" in done.stderr


@pytest.mark.parametrize("port", ["abc", "70000", "-1", "3978x"])
def test_a_port_that_is_not_one_is_said_in_one_line(cli, port):
    done = subprocess.run([ROLECALL, "serve", "--no-scheduler"], env={**cli.env, "PORT": port},
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"PORT='{port}' is not a port" in done.stderr


def test_outbox_options_out_of_range_are_refused_in_one_line(cli):
    for args in (("--limit", "99999999999999999999"), ("--status", "lost,pending")):
        done = cli.run("outbox", *args, check=False)
        assert done.returncode == 2 and "Traceback" not in done.stderr
    assert cli.run("outbox", "--status", "all,pending").returncode == 0
