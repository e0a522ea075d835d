"""An initialised (not polling) application over the test database, for the job tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram.ext import Application

from bot.app import build_application
from bot.services import Services, build_services
from bot.settings import Settings
from jobs.deliveries import send_due
from storage.db import Database
from tests.conftest import FrozenClock, running
from tests.faketg import FakeTelegram


@asynccontextmanager
async def bot_app(
    settings: Settings, clock: FrozenClock, *, polling: bool = False
) -> AsyncIterator[tuple[Application, Services]]:
    """Services and an initialised application over the test database; with ``polling``,
    the whole bot runs (updates from the fake server are handled, jobs are scheduled)."""
    db = Database(settings.database_url)
    services = build_services(settings, db, clock)
    try:
        if polling:
            async with running(build_application(settings, services)) as app:
                yield app, services
        else:
            async with build_application(settings, services) as app:
                yield app, services
    finally:
        await db.dispose()


def texts(tg: FakeTelegram, chat: int) -> list[str]:
    """The texts of the messages sent to a chat (not edits)."""
    return [m.text or "" for m in tg.outputs(chat) if m.method == "sendMessage"]


async def run_pass(pair: tuple[Application, Services], kind: str) -> int:
    """One pass of a kind's job, as the job queue runs it each minute."""
    application, services = pair
    return await send_due(application.bot, services, kind)
