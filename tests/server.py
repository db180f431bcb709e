"""The real `rolecall serve` in a subprocess on a free port, for HTTP tests."""

import itertools
import os
import re
import subprocess
import time
import urllib.request
from contextlib import contextmanager

from tests.e2e.conftest import ROLECALL
from tests.support import THURSDAY

LISTENING = re.compile(r"listening on http://127\.0\.0\.1:(\d+) ")
_servers = itertools.count()


class Server:
    def __init__(self, process: subprocess.Popen, port: int, log_path: str) -> None:
        self.process, self.port, self.log_path = process, port, log_path
        self.url = f"http://127.0.0.1:{port}"

    @property
    def log(self) -> str:
        with open(self.log_path) as f:
            return f.read()


@contextmanager
def running_server(db_url: str, tmp_path, clock: tuple[str, ...] | None = None, **env: str):
    """`rolecall serve --no-scheduler` on 127.0.0.1 with `env` added; stopped afterwards. Its
    clock stands at THURSDAY unless `clock` gives other options (`("--starting-at", …)`).
    The system picks its port (PORT=0) and the server says which: no race for a free one."""
    env = {**os.environ, "DATABASE_URL": db_url, "PORT": "0", "HOST": "127.0.0.1",
           "ROLECALL_TIMEZONE": "UTC", **env}  # fmt: skip
    log_path = str(tmp_path / f"serve-{next(_servers)}.log")
    with open(log_path, "w") as log:
        clock = clock or ("--at", THURSDAY.isoformat())
        process = subprocess.Popen([ROLECALL, "serve", "--no-scheduler", *clock], env=env,
                                   stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        server = Server(process, _port_of(process, log_path), log_path)
        _wait_healthy(server)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


def _port_of(process: subprocess.Popen, log_path: str, seconds: float = 60) -> int:
    deadline = time.monotonic() + seconds
    while True:
        with open(log_path) as f:
            if said := LISTENING.search(f.read()):
                return int(said.group(1))
        if process.poll() is not None or time.monotonic() > deadline:
            with open(log_path) as f:
                raise AssertionError(f"rolecall serve did not start:\n{f.read()}")
        time.sleep(0.1)


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
