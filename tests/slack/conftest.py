"""A fake Slack Web API and the real `rolecall serve` pointed at it."""

import os
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager

import pytest

from tests.e2e.conftest import ROLECALL
from tests.e2e.conftest import db_url as db_url  # the database fixture, shared
from tests.slack.fake_slack import FakeSlack

SIGNING_SECRET = "test-signing-secret-0123456789"
BOT_TOKEN = "xoxb-test-bot-token-secret"


@pytest.fixture
def slack():
    with FakeSlack() as fake:
        yield fake


class Server:
    def __init__(self, process: subprocess.Popen, port: int, log_path: str) -> None:
        self.process, self.port, self.log_path = process, port, log_path
        self.url = f"http://127.0.0.1:{port}"

    @property
    def log(self) -> str:
        with open(self.log_path) as f:
            return f.read()


@pytest.fixture
def server(slack, db_url, tmp_path):
    with serve(slack, db_url, tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN) as running:
        yield running


@contextmanager
def serve(slack, db_url: str, tmp_path, **slack_env: str):
    """`rolecall serve` on a free port, Slack configured by `slack_env`, the API faked."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": db_url, "PORT": str(port), "HOST": "127.0.0.1",
           "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": slack.api_url,
           "ROLECALL_TIMEZONE": "UTC", **slack_env}  # fmt: skip
    log_path = str(tmp_path / f"serve-{port}.log")
    with open(log_path, "w") as log:
        process = subprocess.Popen([ROLECALL, "serve", "--no-scheduler"], env=env, stdout=log,
                                   stderr=subprocess.STDOUT)  # fmt: skip
    server = Server(process, port, log_path)
    try:
        _wait_healthy(server)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_healthy(server: Server, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{server.url}/healthz", timeout=2):
                return
        except OSError:
            if server.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"rolecall serve did not start:\n{server.log}") from None
            time.sleep(0.2)
