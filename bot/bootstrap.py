"""Builds the application from a Config: engine, migrations, unit of work, clock, service."""

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from adapters.console.notifier import ConsoleNotifier
from adapters.persistence.database import make_engine
from adapters.persistence.migrate import upgrade
from adapters.persistence.orm import start_mappers
from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork, session_factory
from bot.config import Config, slack_configured, teams_configured
from domain.model.calendar import zone
from domain.model.clock import Clock, SystemClock
from domain.model.notifications import Notification, Notifier, StepDone
from domain.model.ports import AbstractUnitOfWork
from domain.service import RoleCall


@dataclass
class Application:
    config: Config
    engine: Engine
    uow_factory: Callable[[], AbstractUnitOfWork]
    clock: Clock
    service: RoleCall
    notifiers: dict[str, Notifier] = field(default_factory=dict)


def bootstrap(config: Config, clock: Clock | None = None, migrate: bool = True) -> Application:
    zone(config.timezone)  # fail fast on a bad ROLECALL_TIMEZONE
    start_mappers()
    engine = make_engine(config.database_url)
    if migrate:
        upgrade(engine)
    sessions = session_factory(engine)

    def uow_factory() -> AbstractUnitOfWork:
        return SqlAlchemyUnitOfWork(sessions)

    clock = clock or SystemClock()
    service = RoleCall(uow_factory, clock, config.timezone)
    notifiers: dict[str, Notifier] = {"console": ConsoleNotifier(sys.stdout)}
    if slack_configured(config):
        from bot.slack import slack_notifier, slack_settings  # Slack's libraries load slowly

        notifiers["slack"] = slack_notifier(slack_settings(config), engine)
    if teams_configured(config):
        notifiers["teams"] = BuiltOnFirstUse(lambda: _teams_notifier(config, engine))
    return Application(config, engine, uow_factory, clock, service, notifiers)


class BuiltOnFirstUse(Notifier):
    """A notifier made when the first notification for it is sent: the Bot Framework's
    libraries take a second to import, which `rolecall chat` should not pay."""

    def __init__(self, build: Callable[[], Notifier]) -> None:
        self._build = build
        self._notifier: Notifier | None = None

    def send(self, notification: Notification, step_done: StepDone) -> None:
        if self._notifier is None:
            self._notifier = self._build()
        self._notifier.send(notification, step_done)


def _teams_notifier(config: Config, engine: Engine) -> Notifier:
    from bot.teams import teams_notifier, teams_settings

    return teams_notifier(teams_settings(config), engine)
