"""Bot Framework signing keys, fetched without ever holding up the server.

botbuilder 4.17's `_OpenIdMetadata` fetches the OpenID metadata and the keys with a blocking
`requests.get` without a timeout, on the event loop: a slow key endpoint froze every request
(Slack's, Teams', `/healthz`) for as long as it took. And a token signed with a key id it has
not cached raised IndexError and never refetched, so after one of Microsoft's key rollovers
every request was refused until the daily refresh. `use_timely_signing_keys()` puts in a
subclass that changes only how the keys are fetched; botbuilder still validates every token.

- A fetch runs in a worker thread and gets FETCH_TIMEOUT for the metadata and the keys
  together; one that fails or runs out of time is `SigningKeysUnavailable`, an OSError, which
  `/api/messages` answers with 503 (the Bot Framework retries it).
- One fetch at a time per endpoint: concurrent requests wait for the same one.
- Keys a day old are refreshed in the background while the cached ones keep serving (tried
  again every REFETCH_INTERVAL while that fails).
- An unknown key id refetches the keys, at most once every REFETCH_INTERVAL, so made-up key
  ids cannot make the server hammer Microsoft's endpoint. Fresh keys that lack the key id
  are a 401; within the interval it is a 503, which the Bot Framework retries: a stranger's
  made-up key id, spending the refetch just before a real rollover, delays real requests by
  at most the interval and loses none.
"""

import asyncio
import logging
import time

import requests
from botframework.connector.auth import jwt_token_extractor

log = logging.getLogger(__name__)
FETCH_TIMEOUT = 3.0  # seconds: a user would rather retry than wait longer
MAX_AGE = 24 * 3600.0  # botbuilder's daily refresh
REFETCH_INTERVAL = 60.0


class SigningKeysUnavailable(OSError):
    pass


def use_timely_signing_keys() -> None:
    """botbuilder builds its metadata objects through this module-level name, on first use."""
    jwt_token_extractor._OpenIdMetadata = TimelyOpenIdMetadata


class TimelyOpenIdMetadata(jwt_token_extractor._OpenIdMetadata):
    def __init__(self, url: str) -> None:
        super().__init__(url)
        self._fetched_at: float | None = None  # time.monotonic() of the last good fetch
        self._refetched_at = -REFETCH_INTERVAL  # the last one an unknown key id caused
        self._refreshed_at = -REFETCH_INTERVAL  # the last background refresh started
        self._fetch: asyncio.Task | None = None

    async def get(self, key_id: str):
        if self._fetched_at is None:
            await self._fetched()
        elif self._due_for_refresh():
            self._refreshed_at = time.monotonic()
            self._start_fetch()  # the cached keys serve meanwhile
        key = self._find(key_id)
        if key is None and time.monotonic() - self._refetched_at <= REFETCH_INTERVAL:
            raise SigningKeysUnavailable("an unknown signing key id, and the keys were just "
                                         "fetched: retry in a minute")  # fmt: skip
        if key is None:
            await self._fetched()  # a key rollover, or a made-up key id
            self._refetched_at = time.monotonic()
            key = self._find(key_id)
        if key is None:
            raise PermissionError("the token is signed with an unknown key")
        return key

    def _due_for_refresh(self) -> bool:
        now = time.monotonic()
        return now - self._fetched_at > MAX_AGE and now - self._refreshed_at > REFETCH_INTERVAL

    def _find(self, key_id: str):
        """botbuilder's, minus its IndexError for a key id that is not there."""
        known = any(key["kid"] == key_id for key in self.keys)
        return super()._find(key_id) if known else None

    async def _fetched(self) -> None:
        self._start_fetch()
        try:  # shielded: a request that stops waiting leaves the fetch to finish for the next
            await asyncio.wait_for(asyncio.shield(self._fetch), FETCH_TIMEOUT)
        except TimeoutError:
            raise SigningKeysUnavailable(f"no signing keys from {self.url} within "
                                         f"{FETCH_TIMEOUT:g} s") from None  # fmt: skip

    def _start_fetch(self) -> None:
        """Unless one is under way (on this event loop: tests run several)."""
        if (self._fetch is None or self._fetch.done()
                or self._fetch.get_loop() is not asyncio.get_running_loop()):  # fmt: skip
            self._fetch = asyncio.ensure_future(self._store())
            self._fetch.add_done_callback(_retrieve)

    async def _store(self) -> None:
        self.keys = await asyncio.to_thread(self._download)
        self._fetched_at = time.monotonic()

    def _download(self) -> list:
        try:
            metadata = requests.get(self.url, timeout=FETCH_TIMEOUT)
            metadata.raise_for_status()
            published = requests.get(metadata.json()["jwks_uri"], timeout=FETCH_TIMEOUT)
            published.raise_for_status()
            keys = published.json()["keys"]
            return [key for key in keys if isinstance(key, dict) and "kid" in key]
        except Exception as error:  # down, slow, or not serving keys: all worth a retry later
            log.warning("could not fetch the Bot Framework signing keys from %s: %s",
                        self.url, type(error).__name__)  # fmt: skip
            raise SigningKeysUnavailable(f"no signing keys from {self.url}") from error


def _retrieve(fetch: asyncio.Task) -> None:
    """A failed fetch is logged where it fails; this keeps asyncio from logging it again
    when no request was waiting for it any more."""
    if not fetch.cancelled():
        fetch.exception()
