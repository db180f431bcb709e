"""Who RoleCall is in the team a request comes from, without an `auth.test` before each
acknowledgement: once per bot token (OAuth installs, bolt's own cache) or once at start (a
single workspace's token), so a slow or rate-limited Slack never delays or refuses a command
whose token was already checked."""

import asyncio
import logging
from collections import OrderedDict

from aiohttp import ClientError
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.async_authorize import (
    AsyncAuthorize,
    AsyncInstallationStoreAuthorize,
)
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)
REFUSED_TOKEN = {"invalid_auth", "not_authed", "account_inactive", "token_revoked",
                 "token_expired", "not_allowed_token_type"}  # fmt: skip
UNREACHABLE = (SlackApiError, ClientError, TimeoutError)
CACHED_TOKENS = 10_000


class SlackTokenRefused(Exception):
    def __init__(self, error: str) -> None:
        super().__init__(
            f"Slack refused SLACK_BOT_TOKEN ({error}): set the bot token of an installed "
            "app, or unset SLACK_BOT_TOKEN to serve without Slack."
        )


class BotTokenAuthorize(AsyncAuthorize):
    """A single workspace's bot token, checked by `check` when the server starts. If Slack
    could not be reached then, the first request checks it (once, for all that wait)."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.result: AuthorizeResult | None = None
        self._checking = asyncio.Lock()

    async def check(self, client: AsyncWebClient) -> AuthorizeResult:
        """auth.test once; `SlackTokenRefused` when Slack says the token is no good."""
        async with self._checking:
            if self.result is None:
                try:
                    response = await client.auth_test(token=self.token)
                except SlackApiError as error:
                    if error.response.get("error") in REFUSED_TOKEN:
                        raise SlackTokenRefused(error.response.get("error")) from None
                    raise
                self.result = AuthorizeResult.from_auth_test_response(
                    auth_test_response=response, bot_token=self.token,
                    bot_scopes=response.headers.get("x-oauth-scopes"))  # fmt: skip
        return self.result

    async def __call__(self, *, context, **ids) -> AuthorizeResult | None:
        try:
            return await self.check(context.client)
        except (SlackTokenRefused, *UNREACHABLE) as error:
            log.error("Slack: the bot token could not be checked: %s", describe(error))
            return None  # bolt answers that RoleCall is not installed properly


class CachedInstallationAuthorize(AsyncInstallationStoreAuthorize):
    """bolt's authorize from the installation store with its cache on: `auth.test` runs the
    first time a bot token is seen (a rotated token is a new one); the installation is still
    read on every request, so an uninstalled team is refused at once."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cache_enabled=True, logger=log, **kwargs)
        self.authorize_result_cache = _Bounded(CACHED_TOKENS)  # rotated tokens age out


class _Bounded(OrderedDict):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __setitem__(self, key, value) -> None:
        super().__setitem__(key, value)
        if len(self) > self.size:
            self.popitem(last=False)


def describe(error: BaseException) -> str:
    """What went wrong, without the response body or headers an exception may carry."""
    if isinstance(error, SlackApiError):
        return str(error.response.get("error") or f"HTTP {error.response.status_code}")
    return str(error) if isinstance(error, SlackTokenRefused) else type(error).__name__
