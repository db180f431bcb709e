"""Delivery for the console platform: one JSON line per notification."""

import json
import threading
from typing import TextIO

from domain.model.notifications import Notification, Notifier, StepDone


class ConsoleNotifier(Notifier):
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._lock = threading.Lock()

    def send(self, notification: Notification, step_done: StepDone) -> None:
        line = json.dumps(
            {"to": notification.to, "kind": notification.kind, "text": notification.text},
            ensure_ascii=False,
        )
        with self._lock:
            self.stream.write(line + "\n")
            self.stream.flush()
