"""The scheduler at scale: planning every kind's deliveries for 10,000 athletes after a
start-up, and sending 1,000 due morning messages through the fake Bot API at Telegram's pace
while another user logs sets.

Planning is one pass of each kind as the job queue runs it the first time after start-up
(cold caches: nothing read yet), at three moments: a weekday noon when nobody is due, Monday
07:00 with all 10,000 due their morning message, and the Sunday evening before a deload week
with all of them due the weekly summary and the deload reminder (every program read once).
Targets: under 2 s and under 50 MB over the idle process for each.

Sending goes through the bot's rate limiter (PTB's AIORateLimiter: 30 messages a second
overall) and is paced at 20 a second by the pass itself, so replies always find room:
1,000 messages take about 50 s; the other user's set-log reply time is measured idle, then
while the messages go out (target: at most 2x idle).
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import re
import tempfile
import time
from pathlib import Path

from bot.app import build_application
from bot.services import Services, build_services
from bot.settings import Settings
from jobs.deliveries import SCHEDULED_PER_S, send_due
from storage.db import Database
from storage.migrate import upgrade
from tests.bench.harness import Timing, compare
from tests.bench.schedule_support import berlin, seed
from tests.conftest import FrozenClock, onboard, running, sent
from tests.faketg import FakeTelegram

PLANNED = 10_000
SENT = 1_000
MONDAY = dtm.date(2026, 11, 16)
DAYS = dtm.timedelta(days=1)
TIME_TARGET_S, MEMORY_TARGET_MB = 2.0, 50.0
OTHER = 7
SAMPLES = 20
PAUSE_S = 0.6


def _rss_mb() -> float:
    match = re.search(r"VmRSS:\s+(\d+)", Path("/proc/self/status").read_text())
    return int(match[1]) / 1024 if match else 0.0


def _settings(tmp: Path, url: str, tg: FakeTelegram | None = None) -> Settings:
    extra = {"telegram_token": tg.token, "telegram_api_url": tg.api_root} if tg else {}
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp,
        database_url=url,
        voice=False,  # the model is no part of these figures
        **extra,
    )


async def _plan_once(settings: Settings, url: str, now: dtm.datetime) -> tuple[float, float, int]:
    """A fresh start-up's first pass of every kind: seconds, MB over idle, deliveries due."""
    db = Database(url)
    services = build_services(settings, db, FrozenClock(now))
    async with db.read():
        pass  # the engine connected, as it is once the bot polls
    idle = _rss_mb()
    start = time.perf_counter()
    due = 0
    for kind in services.deliveries.kinds:
        due += len(await services.deliveries.due(kind))
    took = time.perf_counter() - start
    grown = _rss_mb() - idle
    await db.dispose()
    return took, grown, due


async def _plan(tmp: Path) -> list[str]:
    url = f"sqlite+aiosqlite:///{tmp / 'plan.db'}"
    upgrade(url)
    settings = _settings(tmp, url)
    db = Database(url)
    services = build_services(settings, db, FrozenClock(berlin(MONDAY, 5)))
    await seed(services, tmp / "plan.db", PLANNED)
    await db.dispose()
    lines = [f"Planning every kind for {PLANNED:,} athletes, first pass after start-up:"]
    moments = [
        ("weekday noon, nobody due", berlin(MONDAY + dtm.timedelta(days=1), 12)),
        ("Monday 07:00, all due the morning message", berlin(MONDAY, 7)),
        ("Saturday 19:05, no program week starts tomorrow", berlin(MONDAY + DAYS * 26, 19, 5)),
        ("Sunday 19:05, all due the summary and a deload reminder (worst case)",
         berlin(MONDAY + DAYS * 27, 19, 5)),
    ]
    for name, now in moments:
        took, grown, due = await _plan_once(settings, url, now)
        ok = "ok" if took < TIME_TARGET_S and grown < MEMORY_TARGET_MB else "OVER TARGET"
        lines.append(
            f"  {name}: {took:.2f} s, {grown:+.1f} MB over idle, {due:,} due "
            f"(targets < {TIME_TARGET_S:g} s, < {MEMORY_TARGET_MB:g} MB) {ok}"
        )
    return lines


async def _other(tg: FakeTelegram, name: str) -> Timing:
    samples = []
    for i in range(SAMPLES):
        await asyncio.sleep(PAUSE_S)
        start = time.perf_counter()
        tg.send_text(OTHER, f"bench {60 + i % 20}x5")
        await tg.await_for(OTHER, predicate=sent, timeout=60)
        samples.append((time.perf_counter() - start) * 1000)
    return Timing(name, samples)


async def _send(tmp: Path) -> list[str]:
    url = f"sqlite+aiosqlite:///{tmp / 'send.db'}"
    upgrade(url)
    clock = FrozenClock(berlin(MONDAY, 5))
    with FakeTelegram() as tg:
        settings = _settings(tmp, url, tg)
        db = Database(url)
        services: Services = build_services(settings, db, clock)
        await seed(services, tmp / "send.db", SENT)
        async with running(build_application(settings, services)) as app:
            clock.now = berlin(MONDAY, 6)  # the other user's set logs at a quiet hour
            await onboard(tg, OTHER)
            idle = await _other(tg, "other user, idle")
            clock.now = berlin(MONDAY, 7)
            start = time.perf_counter()
            sending = asyncio.create_task(send_due(app.bot, services, "morning"))
            during = await _other(tg, f"other user, while {SENT:,} morning messages go out")
            count = await sending
            took = time.perf_counter() - start
        await db.dispose()
    rate = count / took if took else 0.0
    return [
        f"{count:,} due morning messages sent in {took:.1f} s ({rate:.1f}/s; paced at "
        f"{SCHEDULED_PER_S:g}/s under the limiter's 30/s)",
        compare("Another user's set log while they go out", during, idle, target_ratio=2.0),
    ]


def run() -> list[str]:
    if not Path("/proc/self/status").exists():
        return ["  skipped: needs /proc (Linux)"]
    with tempfile.TemporaryDirectory() as tmp:
        lines = asyncio.run(_plan(Path(tmp)))
    with tempfile.TemporaryDirectory() as tmp:
        lines += asyncio.run(_send(Path(tmp)))
    return lines
