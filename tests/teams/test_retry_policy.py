"""RoleCall looks msrest's safe status codes up in a set (adapters/teams/app.py): the retry
policy every Bot Framework client gets must stay the one msrest means."""

from msrest.universal_http.requests import ClientRetryPolicy

from adapters.teams.app import TeamsSettings, build_adapter


def setup_module() -> None:
    build_adapter(TeamsSettings())  # building RoleCall's adapter applies the set


def test_clients_retry_on_the_codes_msrest_retries_on():
    retried = ClientRetryPolicy().policy.status_forcelist
    assert retried == [408, 500, 502, 503, 504, *range(506, 999)]


def test_the_safe_codes_are_a_set():
    assert isinstance(ClientRetryPolicy.safe_codes, frozenset)
