"""Round trip through the real bot vs a bare PTB echo bot, both on the fake Bot API server."""

from __future__ import annotations

import asyncio
import datetime as dtm
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.app import build_application
from bot.services import build_services
from bot.settings import Settings
from storage.db import Database
from storage.migrate import upgrade
from tests.bench.harness import Timing, compare, time_async_calls
from tests.conftest import onboard, running
from tests.faketg import FakeTelegram

REPEAT = 60
USER = 4242


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


def _round_trip(tg: FakeTelegram, text: str) -> Callable[[], Awaitable[object]]:
    async def once() -> object:
        tg.send_text(USER, text)
        return await tg.await_for(USER)

    return once


async def _echo_timing(name: str, text: str) -> Timing:
    with FakeTelegram() as tg:
        app = (
            Application.builder()
            .token(tg.token)
            .base_url(tg.base_url)
            .base_file_url(tg.base_file_url)
            .build()
        )
        app.add_handler(MessageHandler(filters.ALL, _echo))
        async with running(app):
            return await time_async_calls(name, _round_trip(tg, text), REPEAT, warmup=5)


async def _spotter_timings(texts: dict[str, str]) -> dict[str, Timing]:
    with FakeTelegram() as tg, tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_token=tg.token, telegram_api_url=tg.api_root, data_dir=Path(tmp),
            database_url=url,
        )
        db = Database(url)
        services = build_services(settings, db, lambda: dtm.datetime.now(dtm.UTC))
        results = {}
        async with running(build_application(settings, services)):
            await onboard(tg, USER)
            for name, text in texts.items():
                results[name] = await time_async_calls(name, _round_trip(tg, text), REPEAT, 5)
        await db.dispose()
        return results


async def _measure() -> list[str]:
    echo = await _echo_timing("bare PTB echo bot", "/help")
    spotter = await _spotter_timings(
        {"spotter /help": "/help", "spotter set log 'bench 80x5 rir2'": "bench 80x5 rir2"}
    )
    lines = [f"round trips over loopback, {REPEAT} each (send update -> bot reply seen)"]
    lines.append(compare("/help", spotter["spotter /help"], echo))
    log = spotter["spotter set log 'bench 80x5 rir2'"]
    lines.append(compare("set log", log, echo, target_ratio=1.3))
    return lines


def run() -> list[str]:
    """Measure and format."""
    return asyncio.run(_measure())
