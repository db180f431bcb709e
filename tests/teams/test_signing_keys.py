"""RoleCall's signing-key cache against the local connector, in process: the day-old path,
which a test through the server cannot wait for."""

import asyncio
import time

from adapters.teams import signing_keys
from adapters.teams.signing_keys import TimelyOpenIdMetadata


def test_day_old_keys_keep_serving_while_fresh_ones_are_fetched(connector, monkeypatch):
    async def scenario() -> float:
        metadata = TimelyOpenIdMetadata(connector.metadata_url)
        assert await metadata.get(connector.key_id)
        monkeypatch.setattr(signing_keys, "MAX_AGE", 0.0)  # the keys are now a day old
        old_key_id = connector.key_id
        connector.rotate_key()
        connector.key_delay = 1.0
        started = time.monotonic()
        assert await metadata.get(old_key_id)  # from the cache, while the refresh runs
        took = time.monotonic() - started
        assert await metadata.get(connector.key_id)  # waits for that refresh, not another
        return took

    assert asyncio.run(scenario()) < 0.5
    assert connector.key_fetches == 2
