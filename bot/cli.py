"""The `rolecall` command line (DESIGN §5)."""

import argparse
import gc
import getpass
import logging
import sys
from datetime import datetime

from bot.config import BadSetting, Config


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.command in ("serve", "worker") else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for chatty in ("alembic", "apscheduler"):  # apscheduler: two INFO lines every minute
        logging.getLogger(chatty).setLevel(logging.WARNING)
    try:
        return args.run(args) or 0
    except BadSetting as bad:
        print(bad, file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rolecall", description="RoleCall chat bot")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="HTTP server with the embedded scheduler")
    serve.add_argument("--no-scheduler", action="store_true", help="run `rolecall worker` apart")
    _clock_options(serve)
    serve.set_defaults(run=_serve)

    worker = sub.add_parser("worker", help="scheduler and dispatcher")
    worker.add_argument("--once", action="store_true", help="one pass, then exit")
    worker.add_argument("--at", type=_instant, help="ISO time of the pass (with --once)")
    worker.add_argument("--starting-at", type=_instant, metavar="ISO-TIME",
                        help="the worker's clock starts there and runs on")  # fmt: skip
    worker.set_defaults(run=_worker)

    chat = sub.add_parser("chat", help="terminal chat on the same database")
    chat.add_argument("--workspace", default="local")
    chat.add_argument("--user", default=getpass.getuser())
    chat.add_argument("--channel", default="general")
    chat.add_argument("--tz", help="your time zone, e.g. Europe/Berlin")
    chat.add_argument("--jsonl", action="store_true", help="one JSON reply per input line")
    _clock_options(chat)
    chat.set_defaults(run=_chat)

    db = sub.add_parser("db", help="database tasks")
    db.add_argument("action", choices=["upgrade"])
    db.set_defaults(run=_db)

    outbox = sub.add_parser("outbox", help="pending and failed notifications")
    outbox.add_argument("--status", type=_statuses, default=("pending", "failed"),
                        help="which rows: pending, failed, sent, outdated (comma-separated) "
                             "or all; default pending,failed")  # fmt: skip
    outbox.add_argument("--limit", type=_positive, default=200, help="at most this many rows")
    outbox.set_defaults(run=_outbox)

    manifest = sub.add_parser("slack-manifest", help="the Slack app manifest (YAML)")
    manifest.add_argument("--url", help="public base URL of `rolecall serve`, e.g. https://x.io")
    manifest.add_argument("--socket-mode", action="store_true", help="no public URL needed")
    manifest.set_defaults(run=_slack_manifest)

    package = sub.add_parser("teams-package", help="the Teams app package (zip)")
    package.add_argument("--bot-id", help="the Azure bot's app id (default: MicrosoftAppId)")
    package.add_argument("--url", help="https address of your RoleCall site, for the listing")
    package.add_argument("--name", default="RoleCall", help="the app's name in Teams")
    package.add_argument("--out", default="rolecall-teams.zip", help="where to write the zip")
    package.set_defaults(run=_teams_package)
    return parser


def _clock_options(parser: argparse.ArgumentParser) -> None:
    """A chosen clock, for demos, replays and tests: standing still at an instant (to replay a
    timeline with `worker --once --at`), or starting at one and running on."""
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--at", type=_instant, metavar="ISO-TIME", help="the clock stands here")
    when.add_argument("--starting-at", type=_instant, metavar="ISO-TIME",
                      help="the clock starts here and runs on")  # fmt: skip


def _instant(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO time: {text!r}") from None
    if moment.tzinfo is None:
        from domain.model.calendar import zone

        moment = moment.replace(tzinfo=zone(Config.from_env().timezone))
    return moment


def _app(migrate: bool = True, args: argparse.Namespace | None = None):
    from bot.bootstrap import bootstrap

    return bootstrap(Config.from_env(), clock=_clock(args), migrate=migrate)


def _clock(args: argparse.Namespace | None):
    from domain.model.clock import FixedClock, StartedClock

    if at := getattr(args, "at", None):
        return FixedClock(at)
    if start := getattr(args, "starting_at", None):
        return StartedClock(start)
    return None  # the system's


def _long_running(app):
    """For `serve` and `worker`: what was loaded at start (modules, SQLAlchemy's metadata,
    dateparser's data) lives as long as the process, so the garbage collector need not walk
    it again and again; that walk is what made some replies and passes slow."""
    gc.freeze()
    return app


def _serve(args) -> int:
    from adapters.slack.authorize import SlackTokenRefused
    from bot.server import CannotListen, serve
    from bot.teams import UnauthenticatedInProduction

    try:
        serve(_long_running(_app(args=args)), scheduler=not args.no_scheduler)
    except (UnauthenticatedInProduction, SlackTokenRefused, CannotListen) as refused:
        print(refused, file=sys.stderr)
        return 2
    return 0


def _worker(args) -> int:
    from bot.locks import WorkerLock, WorkerLockHeld
    from bot.worker import run_forever, run_once

    if args.at and not args.once:
        print("--at needs --once", file=sys.stderr)
        return 2
    app = _long_running(_app(args=args))
    try:
        if args.once:
            WorkerLock.for_engine(app.engine).acquire()
            run_once(app, args.at)
        else:
            run_forever(app)
    except WorkerLockHeld as held:
        print(held, file=sys.stderr)
        return 1
    return 0


def _chat(args) -> int:
    from adapters.console.chat import ConsoleChat
    from domain.model.calendar import zone
    from domain.model.errors import RoleCallError

    if args.tz:
        try:
            args.tz = zone(args.tz).key
        except RoleCallError as error:
            print(error, file=sys.stderr)
            return 2
    app = _app(args=args)
    chat = ConsoleChat(app.service, args.workspace, args.user, args.channel, args.tz)
    if args.jsonl:
        chat.run_jsonl(sys.stdin, sys.stdout)
    elif sys.stdin.isatty():
        chat.run_interactive(sys.stdout)
    else:
        chat.run_plain(sys.stdin, sys.stdout)
    return 0


def _db(args) -> int:
    _app(migrate=True)
    print("Database is up to date.")
    return 0


def _statuses(text: str) -> tuple[str, ...]:
    from domain.model.notifications import Delivery

    known = tuple(Delivery)
    said = tuple(s.strip().lower() for s in text.split(","))
    if "all" in said:
        return known
    if unknown := [s for s in said if s not in known]:
        raise argparse.ArgumentTypeError(
            f"unknown status {unknown[0]!r}: one or more of {', '.join(known)}, or all"
        )
    return said


def _positive(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 1_000_000:
        raise argparse.ArgumentTypeError(f"not a whole number from 1 to 1,000,000: {text[:20]!r}")
    return int(text)


def _outbox(args) -> int:
    app = _app()
    with app.uow_factory() as uow:
        rows = uow.outbox.listing(args.status, args.limit)
        total = uow.outbox.count(args.status)
        for n in rows:
            workspace = uow.workspaces.get(n.workspace_id)
            when = f"next {n.next_attempt_at:%Y-%m-%d %H:%M} UTC" if n.status == "pending" else ""
            print(f"{n.status:8} {n.kind:9} {n.to:20} {workspace.key if workspace else '?':24} "
                  f"{when:26} attempts={n.attempts} {(n.error or '')[:80]}  "
                  f"[{n.dedupe_key}]")  # fmt: skip
        if not rows:
            print(f"The outbox is empty: nothing {' or '.join(args.status)}.")
        elif total > len(rows):
            print(f"Shown: the first {len(rows)} of {total} rows ({', '.join(args.status)}); "
                  "--limit N shows more, --status narrows.")  # fmt: skip
    return 0


def _slack_manifest(args) -> int:
    from adapters.slack.manifest import manifest

    print(manifest(args.url, args.socket_mode), end="")
    return 0


def _teams_package(args) -> int:
    from adapters.teams.manifest import PackageError, package

    bot_id = args.bot_id or Config.from_env().microsoft_app_id
    if not bot_id:
        print("Which bot? Pass --bot-id <GUID> or set MicrosoftAppId (the Azure bot's app id).",
              file=sys.stderr)  # fmt: skip
        return 2
    try:
        data = package(bot_id, args.name, args.url)
    except PackageError as error:
        print(error, file=sys.stderr)
        return 2
    with open(args.out, "wb") as out:
        out.write(data)
    print(f"Wrote {args.out}: upload it in Teams (Apps → Manage your apps → Upload an app).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
