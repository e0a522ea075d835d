"""Fixtures shared by the whole suite."""

from __future__ import annotations

import datetime as dtm
import logging
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.app import build_application
from bot.logs import RedactingFormatter, configure_library_levels
from bot.services import Services, build_services
from bot.settings import Settings
from storage.db import Database
from storage.migrate import upgrade
from tests.faketg import DEFAULT_TOKEN, FakeTelegram, SentMessage
from tests.pg_support import (
    MARKER,
    NO_SERVER,
    PgServer,
    parametrize_backends,
    pg_database,
    start_server,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# Settings are read from the environment; keep a developer's own .env and SPOTTER_* out of tests.
for _name in [n for n in os.environ if n.startswith("SPOTTER_")]:
    del os.environ[_name]
# Opt in to PTB's coming timedelta API, so a 429 raises RetryAfter rather than a warning.
os.environ["PTB_TIMEDELTA"] = "true"


class FrozenClock:
    """A clock that only moves when told to."""

    def __init__(self, now: dtm.datetime) -> None:
        self.now = now

    def __call__(self) -> dtm.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dtm.timedelta(**delta)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(dtm.datetime(2026, 11, 16, 7, 30, tzinfo=dtm.UTC))


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated database for the run; each test gets a copy (migrating is the slow part)."""
    path = tmp_path_factory.mktemp("template") / "spotter.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrize_backends(metafunc)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One PostgreSQL server for the run, started on first use (see tests/pg_support.py)."""
    server = start_server()
    if server is None:
        pytest.skip(NO_SERVER)
    yield server
    server.stop()


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path, migrated: Path) -> Iterator[str]:
    """A migrated database of the test's own: SQLite, or PostgreSQL where a test is
    parametrized over both backends (``tests.pg_support.both_backends``)."""
    if getattr(request, "param", "sqlite") == "postgresql":
        yield from pg_database(request.getfixturevalue("pg_server"))
    else:
        shutil.copy(migrated, tmp_path / "spotter.db")
        yield f"sqlite+aiosqlite:///{tmp_path / 'spotter.db'}"


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_token="123456:TEST-token-abcdefghijklmnop",
        data_dir=tmp_path,
        database_url=db_url,
        telegram_api_url="http://127.0.0.1:9",
    )


@pytest.fixture
async def services(settings: Settings, clock: FrozenClock) -> AsyncIterator[Services]:
    db = Database(settings.database_url)
    yield build_services(settings, db, clock)
    await db.dispose()


def shared_path(*parts: str) -> Path:
    """A file in the shared data folder; skips the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip("shared data folder not present")
    return path


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    """A fake Telegram Bot API server on loopback; no reply may contain its token."""
    with FakeTelegram() as fake:
        yield fake
        leaks = [o.text for o in fake.outputs() if _has_token(o.text or "")]
        assert not leaks, f"the bot token reached a reply: {leaks[:3]}"


TOKEN = DEFAULT_TOKEN


def _has_token(text: str) -> bool:
    return TOKEN in text or TOKEN.split(":", 1)[1] in text


class _TokenScan(logging.Handler):
    """Every log line of the run as the bot writes it (its redacting formatter, tracebacks
    included), looked at for the token in any form, such as one with its colon URL-encoded."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s", [TOKEN]))
        self.leaks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record)
        if _has_token(text):
            self.leaks.append(f"{record.name} {record.levelname}: {text[:300]}")


@pytest.fixture(scope="session", autouse=True)
def token_scan() -> Iterator[None]:
    """Every log line of the suite, at every level, without the token; libraries at the
    levels the bot sets for them (httpx logs each URL at INFO, and Bot API URLs hold it)."""
    scan, root = _TokenScan(), logging.getLogger()
    configure_library_levels("DEBUG")
    root.addHandler(scan)
    previous, root.level = root.level, logging.DEBUG
    yield
    root.removeHandler(scan)
    root.setLevel(previous)
    assert not scan.leaks, f"the bot token reached the log: {scan.leaks[:3]}"


@pytest.fixture
def bot_settings(tmp_path: Path, db_url: str, tg: FakeTelegram) -> Settings:
    """Settings pointing at the fake Bot API server."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_token=tg.token,
        telegram_api_url=tg.api_root,
        data_dir=tmp_path,
        database_url=db_url,
    )


@asynccontextmanager
async def running(application: Application) -> AsyncIterator[Application]:
    """Run a real Application with long polling (short timeouts) until the block ends."""
    async with application:
        if application.post_init is not None:  # initialize() alone skips post_init
            await application.post_init(application)
        await application.start()
        await application.updater.start_polling(
            poll_interval=0,
            timeout=1,
            # As run_polling does: polling errors go to the application's error handler.
            error_callback=lambda exc: application.create_task(
                application.process_error(update=None, error=exc)
            ),
        )
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()


@pytest.fixture
async def live_bot(
    bot_settings: Settings, tg: FakeTelegram, clock: FrozenClock
) -> AsyncIterator[Services]:
    """The whole bot running in-process against the fake server; yields its services."""
    db = Database(bot_settings.database_url)
    services = build_services(bot_settings, db, clock)
    async with running(build_application(bot_settings, services)):
        yield services
    await db.dispose()


def sent(message: SentMessage) -> bool:
    """Whether an output is a new message (not an edit of an earlier one)."""
    return message.method.startswith("send")


async def onboard(tg: FakeTelegram, user_id: int, units: str = "kg", city: str = "Berlin") -> None:
    """Take a user through /start: units button, then a typed city."""
    tg.send_text(user_id, "/start")
    (welcome,) = await tg.await_for(user_id)
    tg.press_button(user_id, welcome.message_id, f"units:{units}")
    await tg.await_for(user_id, predicate=sent)
    tg.send_text(user_id, city)
    await tg.await_for(user_id, predicate=lambda m: "All set" in (m.text or ""))
