"""`rolecall serve`: one aiohttp server (`/healthz`; Slack and Teams routes mount here) with
the scheduler embedded unless `--no-scheduler`."""

import logging
import socket

from aiohttp import web

from adapters.slack.endpoints import mount
from bot.access_log import PathOnlyAccessLogger, quiet_malformed_requests
from bot.bootstrap import Application
from bot.locks import WorkerLock, WorkerLockHeld
from bot.slack import slack_app, slack_settings
from bot.teams import mount_teams, refuse_unauthenticated, teams_settings
from bot.worker import start_scheduler
from domain.language.dates import warm_up
from domain.ownership.model import shipped

log = logging.getLogger(__name__)


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def make_web_app(app: Application, scheduler: bool = True) -> web.Application:
    web_app = web.Application()
    web_app["rolecall"] = app
    web_app.router.add_get("/healthz", healthz)
    if settings := slack_settings(app.config):
        slack = slack_app(settings, app.service, app.config.database_url)
        mount(web_app, slack)
        if settings.app_token:
            web_app.cleanup_ctx.append(_socket_mode(slack.bolt, settings.app_token))
        log.info("Slack: %r at /slack/events", settings)
    if teams := teams_settings(app.config):
        mount_teams(web_app, teams, app.service, app.engine)
        log.info("Teams: %r at /api/messages", teams)
    if scheduler:
        web_app.cleanup_ctx.append(_embedded_scheduler)
    return web_app


def _socket_mode(bolt, app_token: str):
    """Slack over a WebSocket instead of HTTP: no public URL needed."""

    async def connect(web_app: web.Application):
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        handler = AsyncSocketModeHandler(bolt, app_token)
        await handler.connect_async()
        log.info("Slack Socket Mode connected")
        yield
        await handler.close_async()

    return connect


async def _embedded_scheduler(web_app: web.Application):
    app = web_app["rolecall"]
    try:
        WorkerLock.for_engine(app.engine).acquire()
    except WorkerLockHeld as held:
        log.warning("serving without the embedded scheduler: %s", held)
        yield
        return
    scheduler = start_scheduler(app)
    yield
    scheduler.shutdown(wait=False)


class CannotListen(Exception):
    pass


def serve(app: Application, scheduler: bool = True) -> None:
    refuse_unauthenticated(app.config)
    warm_up()  # dateparser's first parse is slow: pay it before the first request
    shipped()  # so is reading the who-owns model's weights (~50 ms)
    quiet_malformed_requests()
    config = app.config
    listener = _listen(config.host, config.port)
    print(
        f"RoleCall is listening on {_where(listener)}.\n"
        f"Database: {config.database_url.split('@')[-1]}.\n"
        "Talk to it now in a terminal with `make chat`; "
        + (
            "Slack at /slack/events"
            if slack_settings(config)
            else "Slack connects at /slack/events once configured"
        )
        + ", Teams at /api/messages (see README).",
        flush=True,
    )
    web.run_app(make_web_app(app, scheduler), sock=listener, print=None,
                access_log_class=PathOnlyAccessLogger)  # fmt: skip


def _listen(host: str, port: int) -> socket.socket:
    """The socket bound before the app starts, so what is printed is what is bound (the port
    the system chose for PORT=0, every interface for 0.0.0.0)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family, backlog=128)
    except OSError as error:
        raise CannotListen(
            f"Cannot listen on {host}:{port}: {error.strerror or error}. Is another RoleCall "
            "(`make run`) already running? Stop it, or choose another PORT (or HOST)."
        ) from None


def _where(listener: socket.socket) -> str:
    host, port = listener.getsockname()[:2]
    if host in ("0.0.0.0", "::"):
        everywhere = "every IPv4 interface" if host == "0.0.0.0" else "every interface"
        return f"{host}:{port} ({everywhere}; health: http://127.0.0.1:{port}/healthz)"
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port} (health: http://{shown}:{port}/healthz)"
