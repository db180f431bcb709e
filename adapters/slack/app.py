"""Builds the Slack app: single-workspace (a bot token) or multi-workspace (OAuth, with
slack-sdk's SQLAlchemy installation and state stores in RoleCall's database)."""

import asyncio
import logging
from dataclasses import dataclass

from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_callback_options import AsyncCallbackOptions
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import commands, events, interactions
from adapters.slack.authorize import BotTokenAuthorize, CachedInstallationAuthorize
from adapters.slack.bridge import SlackBot
from adapters.slack.oauth import STATE_SECONDS, CodeSafeOAuthFlow, PurgingStateStore

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


@dataclass(frozen=True)
class SlackApp:
    """The bolt app, the signature check in front of it, and, for a single workspace, the
    token that the server checks as it starts."""

    bolt: AsyncApp
    verifier: SignatureVerifier
    bot_token: BotTokenAuthorize | None = None


def build_app(settings: SlackSettings, bot: SlackBot, async_engine=None) -> SlackApp:
    client = AsyncWebClient(base_url=settings.api_url or AsyncWebClient.BASE_URL)
    store, bot_token = None, None
    if settings.oauth:
        store = AsyncSQLAlchemyInstallationStore(settings.client_id, async_engine)
        flow = _oauth_flow(settings, store, client, async_engine, bot)
        authorize = CachedInstallationAuthorize(
            installation_store=store, client_id=settings.client_id,
            client_secret=settings.client_secret, client=client)  # fmt: skip
        app = AsyncApp(signing_secret=settings.signing_secret, client=client,
                       installation_store=store, oauth_flow=flow, authorize=authorize)  # fmt: skip
    else:
        bot_token = BotTokenAuthorize(settings.bot_token)
        app = AsyncApp(signing_secret=settings.signing_secret, client=client, authorize=bot_token)
        app.middleware(_only_the_installed_team)
    app.error(_log_error)
    commands.register(app, bot)
    events.register(app, bot, store)
    interactions.register(app, bot)
    return SlackApp(app, SignatureVerifier(settings.signing_secret), bot_token)


def _oauth_flow(settings, store, client, async_engine, bot: SlackBot) -> CodeSafeOAuthFlow:
    async def installed(args):
        team = args.installation.team_id or args.installation.enterprise_id
        await asyncio.to_thread(bot.service.set_paused, f"slack:{team}", False)  # resumes
        return await args.default.success(args)

    async def failed(args):
        return await args.default.failure(args)

    oauth = AsyncOAuthSettings(
        client_id=settings.client_id, client_secret=settings.client_secret, scopes=SCOPES,
        installation_store=store,
        state_store=PurgingStateStore(expiration_seconds=STATE_SECONDS, engine=async_engine),
        install_path=INSTALL_PATH, redirect_uri_path=REDIRECT_PATH,
        callback_options=AsyncCallbackOptions(success=installed, failure=failed),
    )  # fmt: skip
    return CodeSafeOAuthFlow(client=client, settings=oauth)


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
