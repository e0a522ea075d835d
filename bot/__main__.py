"""Spotter's command line: ``python -m bot [run|demo|check|parse|fit] ...``."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from pydantic import ValidationError

from bot.settings import Settings, describe_error

NO_TOKEN = """Spotter needs a Telegram bot token to run.

1. In Telegram, open @BotFather and send /newbot; pick a name and a username.
2. Copy the token it gives you into .env as:
       SPOTTER_TELEGRAM_TOKEN=123456789:AA...
   (cp .env.example .env first if you have no .env yet)
3. Run `make run` again.

Just want to try it? `make demo` chats with the bot in this terminal, no token needed."""


def load_settings(**overrides: object) -> Settings:
    """Read the settings; on a bad value print one clear line and exit with code 2."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        print(f"spotter: {describe_error(exc)}", file=sys.stderr)
        raise SystemExit(2) from None


def _run(args: argparse.Namespace) -> int:
    settings = load_settings()
    if not settings.token:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    from bot.runner import run_bot

    return run_bot(settings)


def _demo(args: argparse.Namespace) -> int:
    from bot.runner import run_demo_chat

    if args.db:
        settings = load_settings(database_url=f"sqlite+aiosqlite:///{Path(args.db).resolve()}")
        return run_demo_chat(settings, Path(args.out))
    with tempfile.TemporaryDirectory(prefix="spotter-demo-") as tmp:
        settings = load_settings(database_url=f"sqlite+aiosqlite:///{Path(tmp) / 'demo.db'}")
        return run_demo_chat(settings, Path(args.out))


def _check(args: argparse.Namespace) -> int:
    from bot.check import run_check

    return run_check(load_settings())


def _migrate(args: argparse.Namespace) -> int:
    from storage.migrate import current_revision, upgrade

    settings = load_settings()
    upgrade(settings.database_url)
    print(f"database at revision {current_revision(settings.database_url)}")
    return 0


def _parse(args: argparse.Namespace) -> int:
    from bot.cli_parse import run_parse

    return run_parse(args.rest, sys.stdin, sys.stdout)


def _fit(args: argparse.Namespace) -> int:
    from bot.cli_fit import run_fit

    return run_fit(args.rest, sys.stdout)


def _backup(args: argparse.Namespace) -> int:
    import datetime as dtm

    from storage.backup import backup_database

    settings = load_settings()
    dest = Path(args.dest) if args.dest else settings.data_dir / "backups"
    now = dtm.datetime.now(dtm.UTC)
    print(backup_database(settings.database_url, dest, now, keep=args.keep))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per job."""
    parser = argparse.ArgumentParser(prog="spotter", description="Spotter, a training coach bot.")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot with long polling (default)").set_defaults(func=_run)
    demo = sub.add_parser("demo", help="chat with the bot in this terminal; no token needed")
    demo.add_argument("--db", help="keep the data in this SQLite file (default: throwaway)")
    demo.add_argument("--out", default="demo-out", help="folder for photos and documents")
    demo.set_defaults(func=_demo)
    sub.add_parser("check", help="validate config, database and Ollama").set_defaults(func=_check)
    sub.add_parser("migrate", help="create or upgrade the database schema").set_defaults(
        func=_migrate
    )
    backup = sub.add_parser("backup", help="copy the database safely, keeping the newest N")
    backup.add_argument("--dest", help="folder for backups (default: DATA_DIR/backups)")
    backup.add_argument("--keep", type=int, default=14, help="how many backups to keep")
    backup.set_defaults(func=_backup)
    for name, func, text in (
        ("parse", _parse, "parse a set-log message and print JSON (--jsonl: stdin)"),
        ("fit", _fit, "analyse a FIT or ZIP file and print the result (--json)"),
    ):
        command = sub.add_parser(name, help=text, add_help=False)
        command.add_argument("rest", nargs=argparse.REMAINDER)
        command.set_defaults(func=func)
    return parser


def _run_passthrough(module: str, function: str, rest: list[str]) -> int:
    import importlib

    run = getattr(importlib.import_module(module), function)
    if module == "bot.cli_parse":
        return int(run(rest, sys.stdin, sys.stdout))
    return int(run(rest, sys.stdout))


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m bot`` and the ``spotter`` script."""
    # Opt in to PTB's timedelta durations now, so rate-limit answers raise no deprecation noise.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    argv = sys.argv[1:] if argv is None else argv
    # These pass their own options through untouched (argparse would claim --jsonl, --json).
    passthrough = {"parse": ("bot.cli_parse", "run_parse"), "fit": ("bot.cli_fit", "run_fit")}
    if argv and argv[0] in passthrough and not {"-h", "--help"} & set(argv[:1]):
        return _run_passthrough(*passthrough[argv[0]], argv[1:])
    args = build_parser().parse_args(argv)
    if getattr(args, "func", None) is None:
        args = build_parser().parse_args(["run"])
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
