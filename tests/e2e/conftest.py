"""End-to-end: the real `rolecall` console script in subprocesses, on a real database."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.persistence.database import make_engine
from adapters.persistence.migrate import upgrade
from tests.conftest import empty_database
from tests.support import THURSDAY

ROLECALL = str(Path(sys.executable).parent / "rolecall")


@pytest.fixture
def db_url(tmp_path, database_url):
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'rolecall.db'}"
        return
    engine = make_engine(database_url)
    upgrade(engine)  # so the emptying below finds the tables even if no command ran first
    yield database_url
    empty_database(engine)
    engine.dispose()


class Cli:
    def __init__(self, url: str) -> None:
        self.env = {**os.environ, "DATABASE_URL": url, "ROLECALL_TIMEZONE": "UTC"}

    def run(self, *args: str, stdin: str = "", check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([ROLECALL, *args], input=stdin, capture_output=True, text=True,
                              env=self.env, timeout=120)  # fmt: skip
        if check:
            assert done.returncode == 0, done.stderr
        return done

    def chat(self, lines: list[str], workspace="acme", user="erin", channel="general",
             at: str | None = None):  # fmt: skip
        """The terminal chat, its clock standing at `at` (default THURSDAY)."""
        done = self.run("chat", "--jsonl", "--workspace", workspace, "--user", user,
                        "--channel", channel, "--at", at or THURSDAY.isoformat(),
                        stdin="".join(f"{x}\n" for x in lines))  # fmt: skip
        replies = [json.loads(line) for line in done.stdout.splitlines()]
        assert len(replies) == len(lines), done.stdout
        assert "Traceback" not in done.stderr
        return replies

    def worker(self, at: str) -> list[dict]:
        done = self.run("worker", "--once", "--at", at)
        return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture
def cli(db_url) -> Cli:
    return Cli(db_url)
