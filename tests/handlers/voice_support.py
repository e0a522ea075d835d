"""The bot with its coaching voice talking to the fake Ollama server."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.app import build_application
from bot.services import Services, build_services
from bot.settings import Settings
from storage.db import Database
from tests.conftest import FrozenClock, running
from tests.fakeollama import FakeOllama
from tests.faketg import FakeTelegram, SentMessage

BUDGET_S = 1.0  # the model's sentence budget in these tests (SPOTTER_OLLAMA_TIMEOUT_S)
REPLY = "Good session, rest well tonight."


def voice_settings(settings: Settings, ollama: FakeOllama, **changes: object) -> Settings:
    """Settings pointing the voice at the fake server, with a short budget."""
    update = {"ollama_host": ollama.host, "ollama_timeout_s": BUDGET_S, "voice": True}
    return settings.model_copy(update={**update, **changes})


@asynccontextmanager
async def voice_bot(settings: Settings, clock: FrozenClock) -> AsyncIterator[Services]:
    """The whole bot running in-process; its voice closed before it stops, as on shutdown."""
    db = Database(settings.database_url)
    services = build_services(settings, db, clock)
    async with running(build_application(settings, services)):
        try:
            yield services
        finally:
            await services.voice.close()
    await db.dispose()


def is_edit(message: SentMessage) -> bool:
    return message.method.startswith("edit")


def is_new(message: SentMessage) -> bool:
    return message.method.startswith("send")


async def timed(tg: FakeTelegram, user_id: int, text: str) -> tuple[SentMessage, float]:
    """Send a message; return the bot's next new message and how long it took."""
    started = time.monotonic()
    tg.send_text(user_id, text)
    (reply,) = await tg.await_for(user_id, predicate=is_new)
    return reply, time.monotonic() - started
