"""Fairness: another user's set log while one user floods the bot with 300 messages.

The real application on the fake Bot API server. The other user's latency is measured idle
first, then during the flood, at a person's pace; the target is at most 2x the idle figure.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import tempfile
import time
from pathlib import Path

from bot.app import build_application
from bot.services import build_services
from bot.settings import Settings
from storage.db import Database
from storage.migrate import upgrade
from tests.bench.harness import Timing, compare
from tests.conftest import onboard, running, sent
from tests.faketg import FakeTelegram

FLOODER, OTHER = 1, 2
FLOOD = 300
SAMPLES = 25
PAUSE_S = 0.6  # a person's pace, under the per-chat pace of 2 messages a second


async def _samples(tg: FakeTelegram, name: str) -> Timing:
    samples = []
    for i in range(SAMPLES):
        await asyncio.sleep(PAUSE_S)
        start = time.perf_counter()
        tg.send_text(OTHER, f"bench {60 + i % 20}x5")
        await tg.await_for(OTHER, predicate=sent, timeout=30)
        samples.append((time.perf_counter() - start) * 1000)
    return Timing(name, samples)


async def _measure(tmp: Path) -> tuple[Timing, Timing, int]:
    url = f"sqlite+aiosqlite:///{tmp / 'flood.db'}"
    upgrade(url)
    with FakeTelegram() as tg:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_token=tg.token,
            telegram_api_url=tg.api_root,
            data_dir=tmp,
            database_url=url,
        )
        db = Database(url)
        services = build_services(settings, db, lambda: dtm.datetime.now(dtm.UTC))
        async with running(build_application(settings, services)):
            await onboard(tg, FLOODER)
            await onboard(tg, OTHER)
            idle = await _samples(tg, "other user, idle")
            for i in range(FLOOD):
                tg.send_text(FLOODER, f"squat {40 + i * 0.5:g}x5")
            flooded = await _samples(tg, f"other user, during a {FLOOD}-message flood")
            answered = len(tg.outputs(FLOODER))
        await db.dispose()
    return flooded, idle, answered


def run() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        flooded, idle, answered = asyncio.run(_measure(Path(tmp)))
    return [
        compare("Another user's set log during a flood", flooded, idle, target_ratio=2.0),
        f"  flood replies sent meanwhile: {answered} (paced; the rest follow at 2/s)",
    ]
