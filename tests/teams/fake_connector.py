"""A local stand-in for the Bot Framework connector (Teams' side of the conversation).

Activities sent to the bot carry `service_url` pointing here, so every reply, card update and
proactive post lands in `posts`, and nothing contacts Microsoft. It also publishes OpenID
metadata and signing keys, so tests can sign Bot Framework tokens the bot will verify.

    with FakeConnector() as connector:
        ...post an activity with serviceUrl=connector.service_url...
        [reply] = connector.wait_for(1)
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ISSUER = "https://api.botframework.com"
# What the Bot Framework Emulator's tokens carry (Azure AD's botframework.com tenant, v3.2).
EMULATOR_ISSUER = "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/"


@dataclass(frozen=True)
class Post:
    kind: str  # "send" | "reply" | "update"
    conversation: str
    activity: dict[str, Any]
    authorization: str | None
    at: float = 0.0  # time.monotonic() on arrival

    @property
    def card(self) -> dict:
        return self.activity["attachments"][0]["content"]

    @property
    def text(self) -> str:
        """Everything the card shows, one line per text run."""
        return "\n".join(_runs(self.card.get("body", [])))


def _runs(elements: list[dict]):
    for element in elements:
        for run in element.get("inlines", []):
            yield run["text"]
        yield from _runs(element.get("items", []))


class FakeConnector:
    def __init__(self) -> None:
        self.posts: list[Post] = []
        self.failures: dict[str, list[tuple[int, dict]]] = {}  # conversation → queued answers
        self.key, self.key_id, self._rotations = _new_key(), "rolecall-test-key-0", 0
        self.key_delay = 0.0  # seconds the metadata and keys endpoints wait before answering
        self.key_fetches = 0  # requests for the signing keys (not the metadata)
        self.key_requests = threading.Event()  # set when the metadata is first asked for
        self._changed = threading.Condition()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._ids = 0

    def __enter__(self) -> FakeConnector:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)
        return self

    def __exit__(self, *exc_info: object) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def service_url(self) -> str:
        return f"{self.base_url}/teams/"

    @property
    def metadata_url(self) -> str:
        return f"{self.base_url}/v1/.well-known/openidconfiguration"

    def fail(self, conversation: str, status: int, times: int = 1, **headers: str) -> None:
        """The next `times` posts to `conversation` are answered with `status`."""
        self.failures.setdefault(conversation, []).extend([(status, headers)] * times)

    def wait_for(self, count: int, timeout: float = 15) -> list[Post]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.posts) < count:
                if not self._changed.wait(max(0.0, deadline - time.monotonic())):
                    raise AssertionError(f"expected {count} posts, got {self.posts}")
            return list(self.posts)

    def rotate_key(self) -> None:
        """Microsoft's key rollover: a new key under a new id; the old one is withdrawn."""
        self._rotations += 1
        self.key, self.key_id = _new_key(), f"rolecall-test-key-{self._rotations}"

    def token(self, app_id: str, service_url: str | None = None, key=None, key_id=None,
              **claims) -> str:  # fmt: skip
        """A Bot Framework channel token, signed with this connector's key unless `key`."""
        now = int(time.time())
        payload = {"iss": ISSUER, "aud": app_id, "nbf": now - 60, "exp": now + 3600,
                   "serviceurl": service_url or self.service_url, **claims}  # fmt: skip
        headers = {"kid": key_id or self.key_id}
        return jwt.encode(payload, key or self.key, algorithm="RS256", headers=headers)

    def emulator_token(self, app_id: str, **claims) -> str:
        """A token as the Bot Framework Emulator sends it: Azure AD's issuer, `appid`, `ver`."""
        return self.token(app_id, **{"iss": EMULATOR_ISSUER, "ver": "1.0", "appid": app_id,
                                     **claims})  # fmt: skip

    async def _serve(self) -> None:
        app = web.Application()
        base = "/teams/v3/conversations/{conversation}/activities"
        app.router.add_post(base, self._activity)
        app.router.add_post(base + "/{activity}", self._activity)
        app.router.add_put(base + "/{activity}", self._activity)
        app.router.add_get("/v1/.well-known/openidconfiguration", self._metadata)
        app.router.add_get("/v1/keys", self._keys)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def _activity(self, request: web.Request) -> web.Response:
        conversation = request.match_info["conversation"]
        queued = self.failures.get(conversation)
        if queued:
            status, headers = queued.pop(0)
            return web.json_response({"error": {"code": str(status)}}, status=status,
                                     headers=headers)  # fmt: skip
        kind = ("update" if request.method == "PUT"
                else "reply" if "activity" in request.match_info else "send")  # fmt: skip
        post = Post(kind, conversation, await request.json(),
                    request.headers.get("Authorization"), time.monotonic())  # fmt: skip
        with self._changed:
            self._ids += 1
            self.posts.append(post)
            self._changed.notify_all()
        return web.json_response({"id": f"posted-{self._ids}"})

    async def _metadata(self, request: web.Request) -> web.Response:
        self.key_requests.set()
        await asyncio.sleep(self.key_delay)
        return web.json_response({"issuer": ISSUER, "jwks_uri": f"{self.base_url}/v1/keys"})

    async def _keys(self, request: web.Request) -> web.Response:
        self.key_fetches += 1
        await asyncio.sleep(self.key_delay)
        public = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        public |= {"kid": self.key_id, "use": "sig", "endorsements": ["msteams", "emulator"]}
        return web.json_response({"keys": [public]})


def _new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)
