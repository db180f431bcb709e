"""Builds the Slack app: single-workspace (a bot token) or multi-workspace (OAuth, with
slack-sdk's SQLAlchemy installation and state stores in RoleCall's database)."""

import asyncio
import logging
from dataclasses import dataclass

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_callback_options import AsyncCallbackOptions
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import commands, events, interactions
from adapters.slack.bridge import SlackBot

log = logging.getLogger(__name__)
SCOPES = [
    "app_mentions:read", "chat:write", "commands", "im:history", "im:write", "users:read",
]  # fmt: skip
EVENTS_PATH, INSTALL_PATH, REDIRECT_PATH = (
    "/slack/events",
    "/slack/install",
    "/slack/oauth_redirect",
)


@dataclass(frozen=True)
class SlackSettings:
    signing_secret: str
    bot_token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    app_token: str | None = None
    api_url: str | None = None

    @property
    def oauth(self) -> bool:
        return bool(self.client_id and self.client_secret)

    def __repr__(self) -> str:  # secrets never reach logs
        mode = "oauth" if self.oauth else "single-workspace"
        return f"SlackSettings({mode}, api_url={self.api_url!r})"


def build_app(settings: SlackSettings, bot: SlackBot, async_engine=None) -> AsyncApp:
    base_url = settings.api_url or AsyncWebClient.BASE_URL
    client = AsyncWebClient(token=None if settings.oauth else settings.bot_token, base_url=base_url)
    store = None
    if settings.oauth:
        store = AsyncSQLAlchemyInstallationStore(settings.client_id, async_engine)
        flow = _oauth_flow(settings, store, client, async_engine, bot)
        app = AsyncApp(signing_secret=settings.signing_secret, client=client,
                       installation_store=store, oauth_flow=flow)  # fmt: skip
    else:
        app = AsyncApp(signing_secret=settings.signing_secret, client=client)  # its token
        app.middleware(_only_the_installed_team)
    app.error(_log_error)
    commands.register(app, bot)
    events.register(app, bot, store)
    interactions.register(app, bot)
    return app


def _oauth_flow(settings, store, client, async_engine, bot: SlackBot) -> AsyncOAuthFlow:
    async def installed(args):
        team = args.installation.team_id or args.installation.enterprise_id
        await asyncio.to_thread(bot.service.set_paused, f"slack:{team}", False)  # resumes
        return await args.default.success(args)

    async def failed(args):
        return await args.default.failure(args)

    oauth = AsyncOAuthSettings(
        client_id=settings.client_id, client_secret=settings.client_secret, scopes=SCOPES,
        installation_store=store,
        state_store=AsyncSQLAlchemyOAuthStateStore(expiration_seconds=600, engine=async_engine),
        install_path=INSTALL_PATH, redirect_uri_path=REDIRECT_PATH,
        callback_options=AsyncCallbackOptions(success=installed, failure=failed),
    )  # fmt: skip
    return AsyncOAuthFlow(client=client, settings=oauth)


async def _only_the_installed_team(context, body, next):
    """A single-workspace token answers its own team only, never another team's request."""
    authorized = context.authorize_result
    team = context.team_id or context.enterprise_id
    mine = authorized and (authorized.team_id or authorized.enterprise_id)
    if team and mine and team != mine:
        log.warning("ignored a request from Slack team %s: installed for %s", team, mine)
        return BoltResponse(status=200, body="")
    return await next()


async def _log_error(error, body, logger) -> None:
    logger.exception("Slack listener failed (%s): %s", body.get("type"), error)


def mount(web_app: web.Application, app: AsyncApp) -> None:
    """`/slack/events` for everything Slack sends; the OAuth pages when OAuth is on."""

    async def events_endpoint(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await app.async_dispatch(await to_bolt_request(request)))

    web_app.router.add_post(EVENTS_PATH, events_endpoint)
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
