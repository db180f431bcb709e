"""Installing RoleCall in a Slack workspace: bolt's OAuth flow with slack-sdk's SQLAlchemy
stores, made safe for a public endpoint: the states nobody came back with are deleted, and a
failed code exchange is logged without the code."""

import logging
import time
from datetime import UTC, datetime

from aiohttp import ClientError
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.sqlalchemy_utils import normalize_datetime_for_db
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore

from adapters.slack.authorize import describe

log = logging.getLogger(__name__)
STATE_SECONDS = 600  # an install page's state is good for ten minutes


class PurgingStateStore(AsyncSQLAlchemyOAuthStateStore):
    """slack-sdk's state store deletes a state when it is used; this one also deletes the
    expired ones each time it issues a state, so anonymous visits to the install page leave
    at most ten minutes' worth of rows."""

    async def async_issue(self, *args, **kwargs) -> str:
        now = normalize_datetime_for_db(datetime.fromtimestamp(time.time(), tz=UTC))
        async with self.engine.begin() as connection:
            table = self.oauth_states
            await connection.execute(table.delete().where(table.c.expire_at <= now))
        return await super().async_issue(*args, **kwargs)


class CodeSafeOAuthFlow(AsyncOAuthFlow):
    """bolt's flow logs the code of a failed exchange (at WARNING, with the error): here any
    log line of the flow has the code masked, and Slack out of reach fails the install
    page (401) instead of raising a 500."""

    async def run_installation(self, code: str) -> Installation | None:
        masked = _Masking(code)
        self.logger.addFilter(masked)
        try:
            return await super().run_installation(code)
        except (ClientError, TimeoutError) as error:
            log.warning("Slack OAuth: the code exchange failed: %s", describe(error))
            return None
        finally:
            self.logger.removeFilter(masked)


class _Masking(logging.Filter):
    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret and self.secret in message:
            record.msg, record.args = message.replace(self.secret, "<code>"), None
        return True
