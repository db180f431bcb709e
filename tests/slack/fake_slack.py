"""A local stand-in for Slack's Web API and for interaction response URLs.

Tests point the bot at it with SLACK_API_URL (slack_sdk's ``base_url``), so nothing ever
contacts slack.com. The server runs in a background thread with its own event loop, so it
answers while a test blocks, while the code under test runs in a subprocess, and while a test
drives its own event loop.

    with FakeSlack() as slack:
        client = WebClient(token="xoxb-test", base_url=slack.api_url)
        client.chat_postMessage(channel="C1", text="hi")
        assert slack.calls_to("chat.postMessage")[0].params["text"] == "hi"
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from tests.support import NOW

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
APP_ID = "A1"
BOT_SCOPES = "app_mentions:read,channels:history,chat:write,commands,im:history,im:write,users:read"
JSON_PARAMS = ("blocks", "attachments", "view", "metadata")


@dataclass(frozen=True)
class Call:
    """One Web API call as the fake received it.

    ``params`` are the method's arguments (query, form or JSON body; a param holding a JSON
    string such as ``blocks`` or ``view`` is decoded). ``token`` comes from the
    ``Authorization: Bearer`` header or a ``token`` param. ``at`` is ``time.monotonic()`` on
    arrival; ``response`` is what the fake answered (failed attempts are recorded too).
    """

    method: str
    params: dict[str, Any]
    token: str | None
    at: float
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Failure:
    """A failure that ``FakeSlack.fail`` queued for one method."""

    times: int
    status: int
    error: str
    retry_after: int | None
    when: Callable[[dict[str, Any]], bool] | None = None


class FakeSlack:
    """Slack's Web API (``/api/<method>``) and response URLs (``/response/<name>``) on 127.0.0.1.

    Configure before the code under test calls it: ``users[user_id]`` (profile fields),
    ``team_id``/``team_name``/``team_domain`` (auth.test and oauth.v2.access), ``installer_id``
    (the ``authed_user`` of an OAuth install), ``fail(...)`` for error injection and
    ``delay(...)`` for a slow method.
    """

    def __init__(self, team_id: str = "T1", team_name: str = "Acme") -> None:
        self.team_id = team_id
        self.team_name = team_name
        self.team_domain = team_name.lower()
        self.installer_id = "U1"
        self.users: dict[str, dict[str, Any]] = {}
        self.calls: list[Call] = []
        self._responses: dict[str, list[Any]] = {}
        self._failures: dict[str, deque[_Failure]] = {}
        self._delays: dict[str, float] = {}
        self._changed = threading.Condition()
        self._counter = itertools.count(1)
        self._socket: socket.socket | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fake-slack")
        self._thread.daemon = True
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()
        self._loop = self._thread = self._runner = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response_url)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.SockSite(self._runner, self._socket).start()

    # -- what tests use --------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """The value for SLACK_API_URL / slack_sdk's ``base_url``."""
        return f"{self.base_url}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.base_url}/response/{name}"

    def responses(self, name: str) -> list[Any]:
        """The JSON bodies posted to ``response_url(name)``, oldest first."""
        with self._changed:
            return list(self._responses.get(name, []))

    def calls_to(self, method: str) -> list[Call]:
        with self._changed:
            return [call for call in self.calls if call.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10) -> list[Call]:
        """Block until ``count`` calls to ``method`` arrived; return all calls to it."""
        if not self._wait(lambda: len(self.calls_to(method)) >= count, timeout):
            seen = [call.method for call in self.calls]
            raise AssertionError(f"expected {count} call(s) to {method} in {timeout}s; got {seen}")
        return self.calls_to(method)

    def wait_for_responses(self, name: str, count: int = 1, timeout: float = 10) -> list[Any]:
        """Block until ``count`` bodies were posted to ``response_url(name)``; return them."""
        if not self._wait(lambda: len(self.responses(name)) >= count, timeout):
            got = len(self.responses(name))
            raise AssertionError(f"expected {count} post(s) to response URL {name!r}; got {got}")
        return self.responses(name)

    def fail(
        self,
        method: str,
        times: int = 1,
        status: int = 200,
        retry_after: int | None = None,
        error: str | None = None,
        when: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """Answer the next ``times`` calls to ``method`` with ``{"ok": false, "error": ...}``;
        with ``when``, only calls whose params it holds true for (``lambda p: "thread_ts" in p``).

        ``status=429`` sends a ``Retry-After`` header (default 1 s) and the error "ratelimited".
        """
        if status == 429 and retry_after is None:
            retry_after = 1
        error = error or ("ratelimited" if status == 429 else "internal_error")
        with self._changed:
            queue = self._failures.setdefault(method, deque())
            queue.append(_Failure(times, status, error, retry_after, when))

    def delay(self, method: str, seconds: float) -> None:
        """Answer every later call to ``method`` ``seconds`` late (0 for no delay)."""
        with self._changed:
            self._delays[method] = seconds

    def _wait(self, condition, timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(condition, timeout=timeout)

    # -- HTTP handlers ---------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params, token = await _read_params(request)
        with self._changed:
            delay = self._delays.get(method, 0)
        await asyncio.sleep(delay)
        failure = self._take_failure(method, params)
        invalid = invalid_blocks(params)
        if failure is not None:
            status, body = failure.status, {"ok": False, "error": failure.error}
        elif invalid:
            status, body = 200, {"ok": False, "error": "invalid_blocks", "detail": invalid}
        else:
            status, body = 200, self._answer(method, {**params, "_token": token})
        self._record(Call(method, params, token, time.monotonic(), status, body))
        headers = {}
        if failure is not None and failure.retry_after is not None:
            headers["Retry-After"] = str(failure.retry_after)
        return web.json_response(body, status=status, headers=headers)

    async def _response_url(self, request: web.Request) -> web.Response:
        text = await request.text()
        try:
            body = json.loads(text)
        except ValueError:
            body = dict(await request.post()) if text else {}
        if invalid := invalid_blocks(body):
            return web.json_response({"ok": False, "error": "invalid_blocks", "detail": invalid})
        with self._changed:
            self._responses.setdefault(request.match_info["name"], []).append(body)
            self._changed.notify_all()
        return web.json_response({"ok": True})

    def _take_failure(self, method: str, params: dict[str, Any]) -> _Failure | None:
        with self._changed:
            queue = self._failures.get(method)
            if not queue or (queue[0].when is not None and not queue[0].when(params)):
                return None
            failure = queue[0]
            failure.times -= 1
            if failure.times <= 0:
                queue.popleft()
            return failure

    def _record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    # -- canned answers --------------------------------------------------------------------

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        answer = getattr(self, "_" + method.replace(".", "_"), None)
        if answer is None:
            return {"ok": False, "error": "unknown_method"}
        return {"ok": True, **answer(params)}

    def _next_ts(self) -> str:
        micros = 1_700_000_000_000_000 + 100 * next(self._counter)
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _auth_test(self, params: dict) -> dict:
        # An OAuth install's token names its team ("xoxb-T2-fake-bot-token"): answer for it.
        token = params.get("_token") or ""
        team = token.split("-")[1] if token.endswith("-fake-bot-token") else self.team_id
        return {
            "url": f"https://{self.team_domain}.slack.com/",
            "team": self.team_name,
            "user": "rolecall",
            "team_id": team,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _users_info(self, params: dict) -> dict:
        return {"user": self._user(params.get("user", ""))}

    def _user(self, user_id: str) -> dict:
        custom = self.users.get(user_id, {})
        name = custom.get("name", user_id.lower())
        tz = custom.get("tz", "UTC")
        offset = NOW.astimezone(ZoneInfo(tz)).utcoffset()  # as at the suite's instant
        return {
            "id": user_id,
            "team_id": self.team_id,
            "name": name,
            "deleted": False,
            "real_name": custom.get("real_name", name.title()),
            "tz": tz,
            "tz_label": tz,
            "tz_offset": int(offset.total_seconds()) if offset else 0,
            "is_bot": False,
            "profile": {
                "display_name": custom.get("display_name", name),
                "real_name": custom.get("real_name", name.title()),
                "email": custom.get("email", f"{name}@example.com"),
            },
        }

    def _conversations_open(self, params: dict) -> dict:
        if params.get("channel"):
            return {"channel": {"id": params["channel"]}}
        first_user = str(params.get("users", "")).split(",")[0]
        return {"no_op": False, "already_open": False, "channel": {"id": "D" + first_user}}

    def _message(self, params: dict, ts: str) -> dict:
        message = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts}
        message["text"] = params.get("text", "")
        message["team"] = self.team_id
        if "blocks" in params:
            message["blocks"] = params["blocks"]
        return message

    def _chat_postMessage(self, params: dict) -> dict:
        ts = self._next_ts()
        return {"channel": params.get("channel"), "ts": ts, "message": self._message(params, ts)}

    def _chat_postEphemeral(self, params: dict) -> dict:
        return {"message_ts": self._next_ts()}

    def _chat_update(self, params: dict) -> dict:
        ts = params.get("ts")
        return {
            "channel": params.get("channel"),
            "ts": ts,
            "text": params.get("text", ""),
            "message": self._message(params, ts),
        }

    def _chat_delete(self, params: dict) -> dict:
        return {"channel": params.get("channel"), "ts": params.get("ts")}

    def _chat_getPermalink(self, params: dict) -> dict:
        channel, ts = params.get("channel", ""), str(params.get("message_ts", ""))
        link = f"https://{self.team_domain}.slack.com/archives/{channel}/p{ts.replace('.', '')}"
        return {"channel": channel, "permalink": link}

    def _view(self, params: dict) -> dict:
        view = params.get("view") or {}
        view_id = params.get("view_id") or f"V{next(self._counter):08d}"
        return {
            "view": {
                "id": view_id,
                "team_id": self.team_id,
                "type": view.get("type", "modal"),
                "blocks": view.get("blocks", []),
                "private_metadata": view.get("private_metadata", ""),
                "callback_id": view.get("callback_id", ""),
                "external_id": view.get("external_id", params.get("external_id", "")),
                "state": {"values": {}},
                "hash": f"{next(self._counter)}.fakehash",
                "title": view.get("title"),
                "close": view.get("close"),
                "submit": view.get("submit"),
                "root_view_id": view_id,
                "previous_view_id": None,
                "app_id": APP_ID,
                "bot_id": BOT_ID,
            }
        }

    _views_open = _views_update = _views_push = _views_publish = _view

    def _oauth_v2_access(self, params: dict) -> dict:
        return {
            "access_token": f"xoxb-{self.team_id}-fake-bot-token",
            "token_type": "bot",
            "scope": BOT_SCOPES,
            "bot_user_id": BOT_USER_ID,
            "app_id": APP_ID,
            "team": {"id": self.team_id, "name": self.team_name},
            "enterprise": None,
            "authed_user": {"id": self.installer_id},
            "is_enterprise_install": False,
        }


async def _read_params(request: web.Request) -> tuple[dict[str, Any], str | None]:
    """The call's arguments from query, form or JSON body, and the token that came with it."""
    params: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        text = await request.text()
        params.update(json.loads(text) if text else {})
    elif request.can_read_body:
        form = await request.post()
        params.update({key: _form_value(value) for key, value in form.items()})
    params = {key: _decode_json(key, value) for key, value in params.items()}
    params.update(_basic_auth(request))
    token = params.pop("token", None)
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bearer "):
        token = auth.removeprefix("Bearer ")
    return params, token


def _form_value(value: Any) -> Any:
    return getattr(value, "filename", value)  # a multipart upload is recorded by its filename


def _decode_json(key: str, value: Any) -> Any:
    if not isinstance(value, str) or not (key in JSON_PARAMS or value[:1] in ("{", "[")):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _basic_auth(request: web.Request) -> dict[str, str]:
    """oauth.v2.access sends the client id and secret as HTTP Basic auth; record them as params."""
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Basic "):
        return {}
    client_id, _, client_secret = base64.b64decode(auth[6:]).decode().partition(":")
    return {"client_id": client_id, "client_secret": client_secret}


def invalid_blocks(params: dict) -> str | None:
    """What real Slack would reject as invalid_blocks: an empty or over-long text object,
    more than 50 blocks in a message or 100 in a view."""
    view = params.get("view") if isinstance(params.get("view"), dict) else None
    blocks = (view or params).get("blocks")
    if not isinstance(blocks, list):
        return None
    if len(blocks) > (100 if view else 50):
        return f"{len(blocks)} blocks"
    for block in blocks:
        text = block.get("text") if isinstance(block, dict) else None
        if isinstance(text, dict) and not 0 < len(text.get("text") or "") <= 3000:
            return f"a {block.get('type')} block's text has {len(text.get('text') or '')} chars"
    return None
