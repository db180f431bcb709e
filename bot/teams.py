"""Wiring for Teams: the bot at `/api/messages`, and the notifier that posts proactively."""

from aiohttp import web
from sqlalchemy import Engine

from adapters.persistence.teams_conversations import TeamsConversations
from adapters.teams.app import TeamsSettings, build_adapter, mount
from adapters.teams.bot import TeamsBot
from adapters.teams.notifier import TeamsNotifier
from bot.config import Config
from domain.service import RoleCall


class UnauthenticatedInProduction(Exception):
    def __str__(self) -> str:
        return (
            "ROLECALL_ENV=production but MicrosoftAppId is not set: Teams would accept "
            "unauthenticated requests. Set MicrosoftAppId and MicrosoftAppPassword, or "
            "ROLECALL_TEAMS=off to serve without Teams."
        )


def teams_settings(config: Config) -> TeamsSettings | None:
    if not config.teams_enabled:
        return None
    settings = TeamsSettings(
        app_id=config.microsoft_app_id,
        app_password=config.microsoft_app_password,
        app_type=config.microsoft_app_type,
        app_tenant_id=config.microsoft_app_tenant_id,
        openid_metadata_url=config.teams_openid_metadata_url,
        emulator_metadata_url=config.teams_emulator_metadata_url,
    )
    return settings


def refuse_unauthenticated(config: Config) -> None:
    """`rolecall serve` in production must not take Teams requests without checking them."""
    settings = teams_settings(config)
    if config.environment == "production" and settings and not settings.authenticated:
        raise UnauthenticatedInProduction()


def mount_teams(web_app: web.Application, settings: TeamsSettings, service: RoleCall,
                engine: Engine) -> None:  # fmt: skip
    bot = TeamsBot(service, TeamsConversations(engine))
    mount(web_app, build_adapter(settings), bot, settings)


def teams_notifier(settings: TeamsSettings, engine: Engine) -> TeamsNotifier:
    adapter = build_adapter(settings, report_errors=False)
    return TeamsNotifier(adapter, TeamsConversations(engine), settings.app_id)
