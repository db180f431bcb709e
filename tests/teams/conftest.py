"""A local Bot Framework connector and the real `rolecall serve` talking to it."""

import pytest

from tests.e2e.conftest import db_url as db_url  # the database fixture, shared
from tests.server import running_server
from tests.teams.fake_connector import FakeConnector

APP_ID = "00000000-0000-4000-8000-00000000abcd"


@pytest.fixture
def connector():
    with FakeConnector() as fake:
        yield fake


@pytest.fixture
def server(connector, db_url, tmp_path):
    """Teams without an app id: unauthenticated, as with the Agents Playground."""
    with running_server(db_url, tmp_path) as running:
        yield running


@pytest.fixture
def secured_server(connector, db_url, tmp_path):
    """Teams with an app id: every request needs a Bot Framework token, whose signing keys
    the local connector publishes."""
    env = {
        "MicrosoftAppId": APP_ID,
        "MicrosoftAppPassword": "not-a-real-secret",
        "ToBotFromChannelOpenIdMetadataUrl": connector.metadata_url,
        "ToBotFromEmulatorOpenIdMetadataUrl": connector.metadata_url,
    }
    with running_server(db_url, tmp_path, **env) as running:
        yield running
