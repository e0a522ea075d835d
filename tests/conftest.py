"""Fixtures shared by the whole suite."""

from __future__ import annotations

import datetime as dtm
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.services import Services, build_services
from bot.settings import Settings
from storage.db import Database
from storage.migrate import upgrade

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# Settings are read from the environment; keep a developer's own .env and SPOTTER_* out of tests.
for _name in [n for n in os.environ if n.startswith("SPOTTER_")]:
    del os.environ[_name]


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


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'spotter.db'}"
    upgrade(url)
    return url


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
