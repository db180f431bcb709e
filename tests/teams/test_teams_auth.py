"""Teams authentication through the real `rolecall serve`: the signing keys come from the
local connector, which can be slow, roll its key over, or sign as the Emulator."""

import threading
import time
import urllib.request

import pytest

from adapters.persistence.tables import tasks
from tests.teams.conftest import APP_ID
from tests.teams.test_teams_http import activity, count_rows, post

FETCH_TIMEOUT = 3.0  # adapters/teams/signing_keys.py


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def typing(connector) -> dict:
    """An activity that needs no reply: a valid token gets a 201 and nothing is posted."""
    return {**activity(connector, "help"), "type": "typing"}


def timed(function, *args):
    started = time.monotonic()
    result = function(*args)
    return result, time.monotonic() - started


def healthz(server) -> None:
    with urllib.request.urlopen(f"{server.url}/healthz", timeout=30) as response:
        assert response.status == 200


def test_a_slow_key_endpoint_holds_up_neither_the_server_nor_the_bot_framework_for_long(
    secured_server, connector
):
    connector.key_delay = 4.0  # longer than RoleCall waits for the keys
    answered = {}

    def send_a_message() -> None:
        token = bearer(connector.token(APP_ID))
        answered["status"], answered["took"] = timed(post, secured_server, typing(connector), token)

    send = threading.Thread(target=send_a_message)
    send.start()
    assert connector.key_requests.wait(10)  # the Teams request is being authenticated
    _, health_took = timed(healthz, secured_server)
    send.join(30)
    assert health_took < 1.0, f"/healthz took {health_took:.1f} s behind a 4 s key fetch"
    assert answered["status"] == 503  # retryable: the Bot Framework sends it again
    assert FETCH_TIMEOUT - 0.5 < answered["took"] < connector.key_delay
    assert "Traceback" not in secured_server.log


def test_keys_that_come_within_the_timeout_let_the_request_through(secured_server, connector):
    connector.key_delay = 0.5  # the metadata and then the keys: 1 s in all
    status, took = timed(post, secured_server, typing(connector), bearer(connector.token(APP_ID)))
    assert status == 201 and took >= 1.0


def test_requests_that_arrive_during_a_key_fetch_wait_for_that_one_fetch(secured_server, connector):
    connector.key_delay = 0.5
    statuses = []
    token = bearer(connector.token(APP_ID))
    senders = [threading.Thread(target=lambda: statuses.append(
        post(secured_server, typing(connector), token))) for _ in range(4)]  # fmt: skip
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(30)
    assert statuses == [201] * 4 and connector.key_fetches == 1


def test_a_key_rollover_refetches_the_keys_once_and_made_up_key_ids_do_not(
    secured_server, connector
):
    assert post(secured_server, typing(connector), bearer(connector.token(APP_ID))) == 201
    assert connector.key_fetches == 1
    connector.rotate_key()  # Microsoft publishes a new key id; the cached keys lack it
    assert post(secured_server, typing(connector), bearer(connector.token(APP_ID))) == 201
    assert connector.key_fetches == 2
    for made_up in ("not-a-key", "also-not-a-key", "still-not"):
        token = connector.token(APP_ID, key_id=made_up)
        assert post(secured_server, typing(connector), bearer(token)) == 503  # retry later
    assert connector.key_fetches == 2  # one refetch a minute, not one per request
    assert "Traceback" not in secured_server.log


def test_a_strangers_made_up_key_id_cannot_make_a_real_rollover_refused(secured_server, connector):
    assert post(secured_server, typing(connector), bearer(connector.token(APP_ID))) == 201
    forged = connector.token(APP_ID, key_id="made-up")  # spends the one refetch of the minute
    assert post(secured_server, typing(connector), bearer(forged)) == 401  # fresh keys lack it
    connector.rotate_key()  # then Microsoft rolls its keys over
    real = connector.token(APP_ID)
    assert post(secured_server, typing(connector), bearer(real)) == 503  # retried, not refused
    assert connector.key_fetches == 2


def test_an_emulator_token_is_refused_with_401(secured_server, connector, db_url):
    elsewhere = {
        **activity(connector, "task add Sneaky"),
        "serviceUrl": "https://elsewhere.example/",
    }
    for body in (typing(connector), elsewhere):
        for token in (connector.emulator_token(APP_ID),
                      connector.emulator_token(APP_ID, ver="2.0", azp=APP_ID),
                      connector.emulator_token("someone-else")):  # fmt: skip
            assert post(secured_server, body, bearer(token)) == 401
    assert count_rows(db_url, tasks) == 0 and connector.posts == []
    assert "Traceback" not in secured_server.log


@pytest.mark.parametrize("header", [
    ("X-Forwarded-For", "203.0.113.7"), ("X-Real-IP", "203.0.113.7"),
    ("Forwarded", "for=203.0.113.7;proto=https"), ("X-Forwarded-Host", "bot.example.com"),
    ("X-Forwarded-Proto", "https"), ("Via", "1.1 proxy"), ("CF-Connecting-IP", "203.0.113.7"),
    ("True-Client-IP", "203.0.113.7"), ("X-Client-IP", "203.0.113.7"),
    ("X-Azure-ClientIP", "203.0.113.7"), ("X-Envoy-External-Address", "203.0.113.7"),
])  # fmt: skip
def test_without_an_app_id_a_request_through_a_local_proxy_is_not_local(
    server, connector, db_url, header
):
    name, value = header
    assert post(server, activity(connector, "task add Probe"), {name: value}) == 401
    assert count_rows(db_url, tasks) == 0 and connector.posts == []
    [refusal] = [line for line in server.log.splitlines() if "refused a Teams request" in line]
    assert f"through a proxy ({name})" in refusal and value not in refusal
    assert post(server, activity(connector, "task add Direct")) == 201  # direct: still local
