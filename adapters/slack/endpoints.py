"""Slack over HTTP: `/slack/events` behind the checks of `gate`, the OAuth pages when OAuth
is on, and a single workspace's token checked as the server starts."""

import asyncio
import logging

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request

from adapters.slack.app import EVENTS_PATH, INSTALL_PATH, REDIRECT_PATH, SlackApp
from adapters.slack.authorize import UNREACHABLE, describe
from adapters.slack.gate import Refused, bolt_request, log_refused

log = logging.getLogger(__name__)
START_CHECK = 10.0  # seconds: a slow Slack delays the start this long at most


def mount(web_app: web.Application, slack: SlackApp) -> None:
    """`/slack/events` for everything Slack sends; the OAuth pages when OAuth is on."""
    app = slack.bolt
    _quiet_bolt_signature_log()

    async def events_endpoint(request: web.Request) -> web.Response:
        raw = await request.read()
        try:
            checked = bolt_request(raw, request.headers, request.query_string, slack.verifier)
        except Refused as refused:
            log_refused(refused, len(raw))
            error = "invalid request" if refused.status == 401 else "invalid payload"
            return web.json_response({"error": error}, status=refused.status)  # as bolt says
        return await to_aiohttp_response(await app.async_dispatch(checked))

    web_app.router.add_post(EVENTS_PATH, events_endpoint)
    if slack.bot_token is not None:
        web_app.cleanup_ctx.append(_check_token_at_start(slack))
    flow = app.oauth_flow
    if flow is None:
        return

    async def install(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await flow.handle_installation(
            await to_bolt_request(request)))  # fmt: skip

    async def redirect(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await flow.handle_callback(
            await to_bolt_request(request)))  # fmt: skip

    web_app.router.add_get(INSTALL_PATH, install)
    web_app.router.add_get(REDIRECT_PATH, redirect)


def _check_token_at_start(slack: SlackApp):
    """auth.test as the server starts, not in the first user's request. A token Slack refuses
    stops the start (`SlackTokenRefused`); Slack out of reach is a warning, and the first
    request checks again."""

    async def check(web_app: web.Application):
        try:
            result = await asyncio.wait_for(slack.bot_token.check(slack.bolt.client), START_CHECK)
            log.info("Slack: the bot token is for team %s", result.team_id)
        except UNREACHABLE as error:
            log.warning("Slack: could not check the bot token at start (%s); the first "
                        "request checks it again", describe(error))  # fmt: skip
        yield

    return check


def _quiet_bolt_signature_log() -> None:
    """bolt logs a refused request's whole body at INFO; `gate` refuses those first, and one
    that passed it but not bolt (a timestamp just turned five minutes old) is not logged."""
    logging.getLogger("slack_bolt.RequestVerification").addFilter(_above_info)


def _above_info(record: logging.LogRecord) -> bool:
    return record.levelno > logging.INFO
