"""Multi-workspace mode: OAuth installs stored in RoleCall's database; each team is its own
workspace, served with its own token; unknown teams and uninstalled ones are not served."""

import json
import os
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, update

from adapters.persistence.database import make_engine
from adapters.persistence.tables import slack_oauth_states
from tests.e2e.conftest import ROLECALL
from tests.slack.conftest import SIGNING_SECRET, serve
from tests.slack.signing import answer_of, event_body, post, signed_headers, slash_command_body
from tests.support import iso, stamp


@pytest.fixture
def oauth_server(slack, db_url, tmp_path):
    with serve(slack, db_url, tmp_path, SLACK_CLIENT_ID="111.222",
               SLACK_CLIENT_SECRET="oauth-client-secret-xyz") as running:  # fmt: skip
        yield running


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def begin_install(server):
    """The install page: an opener that does not follow redirects, its state cookie and
    the state Slack will be handed."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect)
    with opener.open(f"{server.url}/slack/install", timeout=10) as page:
        cookie = page.headers["Set-Cookie"].split(";")[0]
        state = urllib.parse.parse_qs(urllib.parse.urlparse(
            _authorize_url(page.read().decode())).query)["state"][0]  # fmt: skip
    return opener, cookie, state


def install(server, slack, team: str) -> None:
    """The browser side of an install: the install page sets a state cookie, Slack sends the
    user back to the redirect with a code and that state."""
    slack.team_id = team
    opener, cookie, state = begin_install(server)
    callback = f"{server.url}/slack/oauth_redirect?code=code-{team}&state={state}"
    request = urllib.request.Request(callback, headers={"Cookie": cookie})
    with opener.open(request, timeout=10) as done:
        assert done.status == 200


def _authorize_url(html: str) -> str:
    start = html.index("https://slack.com/oauth/v2/authorize")
    return html[start : html.index('"', start)].replace("&amp;", "&")


def command(server, slack, text: str, team: str) -> dict | None:
    key = f"r{time.monotonic_ns()}"
    body = slash_command_body("/task", text, team_id=team, response_url=slack.response_url(key))
    status, reply, _ = post(f"{server.url}/slack/events", body,
                            signed_headers(body, SIGNING_SECRET))  # fmt: skip
    assert status == 200
    if reply.strip() and not reply.startswith("{"):  # bolt's own answer: it cannot serve
        return {"immediate": reply}
    return answer_of(reply, slack, key)


def test_each_installed_team_is_its_own_workspace_with_its_own_token(oauth_server, slack):
    install(oauth_server, slack, "T1")
    install(oauth_server, slack, "T2")
    assert "Added #1" in json.dumps(command(oauth_server, slack, "Team one's task", "T1"))
    assert "Added #1" in json.dumps(command(oauth_server, slack, "Team two's task", "T2"))
    other = command(oauth_server, slack, "list", "T2")
    assert "Team two" in json.dumps(other) and "Team one" not in json.dumps(other)
    tokens = {c.token for c in slack.calls_to("users.info")}
    assert tokens == {"xoxb-T1-fake-bot-token", "xoxb-T2-fake-bot-token"}


def test_a_team_that_never_installed_is_not_served(oauth_server, slack):
    install(oauth_server, slack, "T1")
    answer = json.dumps(command(oauth_server, slack, "Sneaky", "T9"))
    assert "install" in answer and "Added" not in answer
    assert not [c for c in slack.calls if c.token == "xoxb-T1-fake-bot-token"
                and c.method != "auth.test"]  # fmt: skip


def test_uninstalling_deletes_the_installation(oauth_server, slack):
    install(oauth_server, slack, "T1")
    assert "Added #1" in json.dumps(command(oauth_server, slack, "Before", "T1"))
    body = event_body({"type": "app_uninstalled"}, team_id="T1", event_id="EvUninstall")
    assert post(f"{oauth_server.url}/slack/events", body,
                signed_headers(body, SIGNING_SECRET))[0] == 200  # fmt: skip
    time.sleep(1)
    answer = json.dumps(command(oauth_server, slack, "After", "T1"))
    assert "install" in answer and "Added" not in answer


def test_a_task_number_from_another_team_is_not_found(oauth_server, slack):
    install(oauth_server, slack, "T1")
    install(oauth_server, slack, "T2")
    command(oauth_server, slack, "First of team one", "T1")
    command(oauth_server, slack, "Second of team one", "T1")
    command(oauth_server, slack, "Only one in team two", "T2")
    answer = json.dumps(command(oauth_server, slack, "done #2", "T2"))
    assert "There is no task #2" in answer and "team one" not in answer


def test_oauth_secrets_codes_and_tokens_never_reach_the_log(oauth_server, slack):
    install(oauth_server, slack, "T1")
    command(oauth_server, slack, "Anything", "T1")
    for secret in ("oauth-client-secret-xyz", "xoxb-T1-fake-bot-token", "code-T1",
                   SIGNING_SECRET):  # fmt: skip
        assert secret not in oauth_server.log
    assert "/slack/oauth_redirect" in oauth_server.log  # the request is logged, not its query


def test_reminders_go_out_with_each_teams_installed_token(oauth_server, slack, db_url):
    """The notifier looks the token up while the dispatcher holds its transaction: on SQLite
    that lookup must not wait for the dispatcher's write lock."""
    install(oauth_server, slack, "T1")
    command(oauth_server, slack, f"Ship it due {iso(1)}", "T1")
    env = {**os.environ, "DATABASE_URL": db_url, "SLACK_CLIENT_ID": "111.222",
           "SLACK_CLIENT_SECRET": "oauth-client-secret-xyz",
           "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": slack.api_url}  # fmt: skip
    done = subprocess.run([ROLECALL, "worker", "--once", "--at", stamp(0)],
                          env=env, capture_output=True, text=True, timeout=90)  # fmt: skip
    assert done.returncode == 0, done.stderr
    [posted] = slack.calls_to("chat.postMessage")
    assert posted.token == "xoxb-T1-fake-bot-token" and "Ship it" in json.dumps(posted.params)


def auth_tests_with(slack, token: str) -> int:
    return len([c for c in slack.calls_to("auth.test") if c.token == token])


def test_auth_test_runs_once_per_team_not_before_every_command(oauth_server, slack):
    install(oauth_server, slack, "T1")  # the install itself checks the new token once
    for text in ("One", "Two", "Three"):
        assert "Added" in json.dumps(command(oauth_server, slack, text, "T1"))
    assert auth_tests_with(slack, "xoxb-T1-fake-bot-token") == 2


def test_a_slow_or_rate_limited_auth_test_delays_and_refuses_no_later_command(oauth_server, slack):
    install(oauth_server, slack, "T1")
    command(oauth_server, slack, "First", "T1")
    slack.delay("auth.test", 4)
    slack.fail("auth.test", times=5, status=429)
    started = time.monotonic()
    answer = json.dumps(command(oauth_server, slack, "Second", "T1"))
    assert time.monotonic() - started < 3 and "Added #2" in answer


def test_expired_install_states_are_deleted_when_a_new_one_is_issued(oauth_server, db_url):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect)
    for _ in range(300):  # anonymous visits to the install page
        with opener.open(f"{oauth_server.url}/slack/install", timeout=10) as page:
            assert page.status == 200
    engine = make_engine(db_url)
    past = datetime.fromtimestamp(time.time() - 3600, tz=UTC).replace(tzinfo=None)
    with engine.begin() as connection:  # ten minutes later, as slack-sdk stores its times
        connection.execute(update(slack_oauth_states).values(expire_at=past))
    with opener.open(f"{oauth_server.url}/slack/install", timeout=10):
        pass
    with engine.connect() as connection:
        left = connection.execute(select(func.count()).select_from(slack_oauth_states)).scalar()
    engine.dispose()
    assert left == 1


def test_a_failed_code_exchange_never_logs_the_code(oauth_server, slack):
    slack.fail("oauth.v2.access", error="invalid_code")
    opener, cookie, state = begin_install(oauth_server)
    callback = f"{oauth_server.url}/slack/oauth_redirect?code=code-secret-4711&state={state}"
    request = urllib.request.Request(callback, headers={"Cookie": cookie})
    try:
        opener.open(request, timeout=10)
    except urllib.error.HTTPError as error:
        assert error.code == 401
    time.sleep(0.3)
    assert slack.calls_to("oauth.v2.access") and "code-secret-4711" not in oauth_server.log
    assert "Failed to fetch oauth.v2.access result with code: <code>" in oauth_server.log
