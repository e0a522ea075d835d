"""Round trip through the real bot vs a bare PTB echo bot, both on the fake Bot API server.

Both bots run at once in the same event loop, and their samples are taken in turn (echo,
/help, set log, echo, …) so that a change in machine load touches every figure alike.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import tempfile
import time
from contextlib import AsyncExitStack
from pathlib import Path

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.app import build_application
from bot.services import build_services
from bot.settings import Settings
from storage.db import Database
from storage.migrate import upgrade
from tests.bench.harness import Timing, compare
from tests.conftest import onboard, running
from tests.faketg import FakeTelegram

REPEAT = 100
WARMUP = 10
USER = 4242
SET_LOG = "bench 80x5 rir2"


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


def _echo_app(tg: FakeTelegram) -> Application:
    app = (
        Application.builder()
        .token(tg.token)
        .base_url(tg.base_url)
        .base_file_url(tg.base_file_url)
        .build()
    )
    app.add_handler(MessageHandler(filters.ALL, _echo))
    return app


async def _once(tg: FakeTelegram, text: str) -> float:
    start = time.perf_counter()
    tg.send_text(USER, text)
    await tg.await_for(USER)
    return (time.perf_counter() - start) * 1000


async def _measure(tmp: Path) -> dict[str, Timing]:
    url = f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
    upgrade(url)
    async with AsyncExitStack() as stack:
        echo_tg = stack.enter_context(FakeTelegram())
        tg = stack.enter_context(FakeTelegram())
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_token=tg.token,
            telegram_api_url=tg.api_root,
            data_dir=tmp,
            database_url=url,
        )
        db = Database(url)
        stack.push_async_callback(db.dispose)
        services = build_services(settings, db, lambda: dtm.datetime.now(dtm.UTC))
        await stack.enter_async_context(running(_echo_app(echo_tg)))
        await stack.enter_async_context(running(build_application(settings, services)))
        await onboard(tg, USER)
        samples: dict[str, list[float]] = {"echo": [], "help": [], "log": []}
        for i in range(WARMUP + REPEAT):
            figures = (
                await _once(echo_tg, "/help"),
                await _once(tg, "/help"),
                await _once(tg, SET_LOG),
            )
            if i >= WARMUP:
                for name, value in zip(samples, figures, strict=True):
                    samples[name].append(value)
        return {
            "echo": Timing("bare PTB echo bot", samples["echo"]),
            "help": Timing("spotter /help", samples["help"]),
            "log": Timing(f"spotter set log '{SET_LOG}'", samples["log"]),
        }


def run() -> list[str]:
    """Measure and format."""
    with tempfile.TemporaryDirectory() as tmp:
        timings = asyncio.run(_measure(Path(tmp)))
    return [
        f"round trips over loopback, {REPEAT} each, interleaved (send update -> reply seen)",
        compare("/help", timings["help"], timings["echo"]),
        compare("set log", timings["log"], timings["echo"], target_ratio=1.3),
    ]
