"""Configuration from the environment, read once (DESIGN §4)."""

import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "sqlite:///rolecall.db"


@dataclass(frozen=True)
class Config:
    database_url: str = DEFAULT_DATABASE_URL
    host: str = "0.0.0.0"
    port: int = 3978
    timezone: str = "UTC"
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_client_id: str | None = None
    slack_client_secret: str | None = None
    slack_api_url: str | None = None
    microsoft_app_id: str | None = None
    microsoft_app_password: str | None = None
    microsoft_app_type: str | None = None
    microsoft_app_tenant_id: str | None = None
    teams_openid_metadata_url: str | None = None
    teams_emulator_metadata_url: str | None = None
    teams_enabled: bool = True
    environment: str = "development"

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "Config":
        def get(name: str) -> str | None:
            return env.get(name) or None

        return cls(
            database_url=get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            host=get("HOST") or "0.0.0.0",
            port=_port(get("PORT")),
            timezone=get("ROLECALL_TIMEZONE") or "UTC",
            slack_bot_token=get("SLACK_BOT_TOKEN"),
            slack_signing_secret=get("SLACK_SIGNING_SECRET"),
            slack_app_token=get("SLACK_APP_TOKEN"),
            slack_client_id=get("SLACK_CLIENT_ID"),
            slack_client_secret=get("SLACK_CLIENT_SECRET"),
            slack_api_url=get("SLACK_API_URL"),
            microsoft_app_id=get("MicrosoftAppId"),
            microsoft_app_password=get("MicrosoftAppPassword"),
            microsoft_app_type=get("MicrosoftAppType"),
            microsoft_app_tenant_id=get("MicrosoftAppTenantId"),
            teams_openid_metadata_url=get("ToBotFromChannelOpenIdMetadataUrl"),
            teams_emulator_metadata_url=get("ToBotFromEmulatorOpenIdMetadataUrl"),
            teams_enabled=(get("ROLECALL_TEAMS") or "on").lower() not in ("off", "0", "false"),
            environment=(get("ROLECALL_ENV") or "development").lower(),
        )

    def __repr__(self) -> str:  # secrets never reach logs
        return f"Config(database={self.database_url.split('@')[-1]!r}, port={self.port})"


def slack_configured(config: Config) -> bool:
    return bool(config.slack_signing_secret) and bool(
        config.slack_bot_token or (config.slack_client_id and config.slack_client_secret)
    )


def teams_configured(config: Config) -> bool:
    """Teams is on unless turned off; in production only with an app id (never unchecked)."""
    return config.teams_enabled and (
        bool(config.microsoft_app_id) or config.environment != "production"
    )


class BadSetting(ValueError):
    """A setting from the environment that cannot be used: said in one line at start."""


def _port(text: str | None) -> int:
    if text is None:
        return 3978
    if not (text.isdigit() and int(text) <= 65535):
        raise BadSetting(f"PORT={text[:20]!r} is not a port: a number from 0 to 65535 "
                         "(0 lets the system pick a free one).")  # fmt: skip
    return int(text)
