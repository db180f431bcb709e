"""Wiring for Slack, when it is configured: the bolt app on the server, Socket Mode, and the
notifier with the right bot token for each workspace."""

import logging
from functools import lru_cache

from sqlalchemy import Engine
from sqlalchemy.ext.asyncio import create_async_engine

from adapters.persistence.database import normalise_url
from adapters.persistence.slack_tokens import bot_token, workspace_key
from adapters.slack.app import SlackSettings, build_app
from adapters.slack.bridge import SlackBot
from adapters.slack.notifier import SlackNotifier
from bot.config import Config

log = logging.getLogger(__name__)


def slack_settings(config: Config) -> SlackSettings | None:
    if not config.slack_signing_secret:
        return None
    if not (config.slack_bot_token or (config.slack_client_id and config.slack_client_secret)):
        log.warning("SLACK_SIGNING_SECRET is set without a bot token or OAuth client: no Slack")
        return None
    return SlackSettings(
        signing_secret=config.slack_signing_secret,
        bot_token=config.slack_bot_token,
        client_id=config.slack_client_id,
        client_secret=config.slack_client_secret,
        app_token=config.slack_app_token,
        api_url=config.slack_api_url,
    )


def async_url(url: str) -> str:
    url = normalise_url(url)
    return url.replace("sqlite://", "sqlite+aiosqlite://", 1) if url.startswith("sqlite") else url


def slack_app(settings: SlackSettings, service, database_url: str):
    engine = create_async_engine(async_url(database_url)) if settings.oauth else None
    return build_app(settings, SlackBot(service), engine)


def slack_notifier(settings: SlackSettings, engine: Engine) -> SlackNotifier:
    if not settings.oauth:
        return SlackNotifier(lambda workspace_id: settings.bot_token, settings.api_url)

    @lru_cache(maxsize=4096)
    def team_of(workspace_id: int) -> str:
        return workspace_key(engine, workspace_id).removeprefix("slack:")

    def token_for(workspace_id: int) -> str | None:
        return bot_token(engine, settings.client_id, team_of(workspace_id))

    return SlackNotifier(token_for, settings.api_url)
