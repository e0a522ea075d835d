"""What the durable inbox costs a set log's round trip, end to end (about 20 s).

Two copies of the whole bot run in this process, each on its own migrated SQLite file and
its own fake Bot API server: one as deployed (every update written to the inbox before it is
handled, marked done after), one with the same per-chat processor but no inbox. Samples are
taken in turn, the order swapped every round, so machine load touches both alike. Two paces:
a user every 40 ms (done marks of the last reply are written while the next one is handled)
and every 150 ms (they are written between messages).
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import statistics
import tempfile
import time
from pathlib import Path

from telegram.ext import Application

from bot.app import build_application
from bot.context import SERVICES_KEY
from bot.ordering import PerChatUpdateProcessor
from bot.services import build_services
from bot.settings import Settings
from storage.db import Database
from storage.migrate import upgrade
from tests.bench.harness import Timing, compare
from tests.conftest import onboard, running
from tests.faketg import FakeTelegram

USERS = tuple(range(5000, 5010))
WARMUP, REPEAT = 20, 150
PAUSES_S = (0.04, 0.15)
TARGET_MS = 0.3
SET_LOG = "bench 80x5 rir2"


async def _once(tg: FakeTelegram, user: int, pause_s: float) -> float:
    await asyncio.sleep(pause_s)
    start = time.perf_counter()
    tg.send_text(user, SET_LOG)
    (reply,) = await tg.await_for(user, timeout=30)
    assert reply.received_at is not None
    return (reply.received_at - start) * 1000


def _application(tmp: Path, name: str, tg: FakeTelegram) -> Application:
    folder = tmp / name
    folder.mkdir()
    url = f"sqlite+aiosqlite:///{folder / 'spotter.db'}"
    upgrade(url)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_token=tg.token,
        telegram_api_url=tg.api_root,
        data_dir=folder,
        database_url=url,
    )
    services = build_services(settings, Database(url), lambda: dtm.datetime.now(dtm.UTC))
    processor = None if name == "inbox" else PerChatUpdateProcessor()  # None: as deployed
    return build_application(settings, services, processor=processor)


async def _measure(tmp: Path) -> dict[tuple[str, float], list[float]]:
    samples: dict[tuple[str, float], list[float]] = {}
    with FakeTelegram() as with_inbox, FakeTelegram() as without:
        fakes = {"inbox": with_inbox, "plain": without}
        apps = {name: _application(tmp, name, tg) for name, tg in fakes.items()}
        async with running(apps["inbox"]), running(apps["plain"]):
            for tg in fakes.values():
                for user in USERS:
                    await onboard(tg, user)
            for pause_s in PAUSES_S:
                for i in range(WARMUP + REPEAT):
                    order = list(fakes.items())
                    for name, tg in order if i % 2 else reversed(order):
                        value = await _once(tg, USERS[i % len(USERS)], pause_s)
                        if i >= WARMUP:
                            samples.setdefault((name, pause_s), []).append(value)
        for app in apps.values():
            await app.bot_data[SERVICES_KEY].core.db.dispose()
    return samples


def run() -> list[str]:
    """Measure and format."""
    logging.disable(logging.WARNING)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            samples = asyncio.run(_measure(Path(tmp)))
    finally:
        logging.disable(logging.NOTSET)
    lines = [f"set-log round trips in-process, {REPEAT} each per pace, interleaved"]
    for pause_s in PAUSES_S:
        inbox = Timing("with the inbox (as deployed)", samples["inbox", pause_s])
        plain = Timing("same bot, no inbox", samples["plain", pause_s])
        cost = statistics.median(inbox.samples_ms) - statistics.median(plain.samples_ms)
        verdict = "met" if cost <= TARGET_MS else "MISSED"
        lines += [
            compare(f"a message every {pause_s * 1000:.0f} ms", inbox, plain),
            f"  inbox cost: median {cost:+.3f} ms (target <= {TARGET_MS} ms -> {verdict})",
        ]
    return lines
