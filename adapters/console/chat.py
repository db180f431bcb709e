"""`rolecall chat`: type commands, read replies. Interactive on a terminal; with `--jsonl`,
one JSON object per input line, for scripts and tests."""

import contextlib
import json
from dataclasses import dataclass
from typing import TextIO

from domain.language.dates import warm_up
from domain.model.chat import Message, Reply
from domain.service import RoleCall

PLATFORM = "console"
QUIT = {"quit", "exit", ":q"}


@dataclass
class ConsoleChat:
    service: RoleCall
    workspace: str
    user: str
    channel: str
    timezone: str | None = None

    def ask(self, text: str) -> Reply:
        return self.service.handle(Message(
            PLATFORM, self.workspace, self.user.lstrip("@"), self.channel.lstrip("#"), text,
            user_timezone=self.timezone,
        ))  # fmt: skip

    def run_jsonl(self, stdin: TextIO, stdout: TextIO) -> None:
        for line in stdin:
            text = line.rstrip("\r\n")
            reply = self.ask(text)
            record = {"input": text, "ok": reply.ok, "text": reply.text}
            stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            stdout.flush()

    def run_plain(self, stdin: TextIO, stdout: TextIO) -> None:
        for line in stdin:
            if line.strip():
                stdout.write(self.ask(line.rstrip("\r\n")).text + "\n\n")
                stdout.flush()

    def run_interactive(self, stdout: TextIO) -> None:
        warm_up()
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history for input())
        stdout.write(
            f"RoleCall terminal chat — workspace {self.workspace}, you are @{self.user.lstrip('@')}"
            f" in #{self.channel.lstrip('#')}.\nType help for commands, quit to leave.\n"
        )
        while True:
            try:
                text = input("rolecall> ")
            except (EOFError, KeyboardInterrupt):
                stdout.write("\n")
                return
            if text.strip().lower() in QUIT:
                return
            if text.strip():
                reply = self.ask(text)
                stdout.write(("" if reply.ok else "✗ ") + reply.text + "\n")
