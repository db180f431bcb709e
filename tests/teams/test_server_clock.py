"""The real `rolecall serve` runs at the clock it is given: standing at an instant, or
starting at one and running on (through a midnight it chose, here)."""

import time

from domain.model.calendar import show_day
from tests.server import running_server
from tests.support import day, stamp
from tests.teams.test_teams_http import activity, post


def test_a_server_started_just_before_midnight_lives_on_into_the_next_day(
    connector, db_url, tmp_path
):
    with running_server(db_url, tmp_path, clock=("--starting-at", stamp(0, "23:59:58"))) as server:
        time.sleep(3)  # the clock started before the server was up: it is now past midnight
        assert post(server, activity(connector, "task add Ship it due today")) in (200, 201)
        assert "(today)" in connector.wait_for(1)[0].text
        assert post(server, activity(connector, "task show #1")) in (200, 201)
        assert f"Logged by erin on {show_day(day(1))}" in connector.wait_for(2)[1].text


def test_a_server_given_an_instant_stands_there(connector, db_url, tmp_path):
    with running_server(db_url, tmp_path, clock=("--at", stamp(30))) as server:
        assert post(server, activity(connector, "task add Ship it due tomorrow")) in (200, 201)
        connector.wait_for(1)
        assert post(server, activity(connector, "task show #1")) in (200, 201)
        assert f"Logged by erin on {show_day(day(30))}" in connector.wait_for(2)[1].text
