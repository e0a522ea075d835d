"""Another user's set log while a large FIT file is analysed: worker threads vs processes.

Both runs use the real bot on the fake Bot API server; the only difference is where the
analysis runs (SPOTTER_WORKERS=0 → threads, 1 → a worker process).
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import statistics
import tempfile
import time
from pathlib import Path

from bot.app import build_application
from bot.services import build_services
from bot.settings import Settings
from bot.workers import make_workers, warm_up
from storage.db import Database
from storage.migrate import upgrade
from tests.conftest import onboard, running, sent
from tests.engine import fitgen
from tests.faketg import FakeTelegram

UPLOADER, LIFTER = 1, 2
WINDOW_S = 2.0
# Under Telegram's 30 messages/s, which the bot's rate limiter keeps to (see bench_roundtrip).
PAUSE_S = 0.04


def _big_file() -> tuple[bytes, str]:
    folder = fitgen.shared_fit_dir()
    if folder is not None and (folder / "multisport_fenix2_large.fit").exists():
        return (folder / "multisport_fenix2_large.fit").read_bytes(), "multisport_fenix2_large.fit"
    return fitgen.long_run(3 * 3600), "a generated 3 h run (shared corpus absent)"


async def _set_log(tg: FakeTelegram) -> float:
    await asyncio.sleep(PAUSE_S)
    start = time.perf_counter()
    tg.send_text(LIFTER, "bench 80x5")
    await tg.await_for(LIFTER, predicate=sent)
    return (time.perf_counter() - start) * 1000


async def _measure(workers: int, data: bytes, tmp: Path) -> tuple[list[float], list[float]]:
    url = f"sqlite+aiosqlite:///{tmp / f'bench-{workers}.db'}"
    upgrade(url)
    with FakeTelegram() as tg:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_token=tg.token,
            telegram_api_url=tg.api_root,
            data_dir=tmp,
            database_url=url,
        )
        pool = make_workers(workers)
        db = Database(url)
        services = build_services(settings, db, lambda: dtm.datetime.now(dtm.UTC), pool)
        try:
            async with running(build_application(settings, services)):
                await onboard(tg, UPLOADER)
                await onboard(tg, LIFTER)
                await services.core.offload(warm_up)
                idle = [await _set_log(tg) for _ in range(20)]
                tg.send_document(UPLOADER, "big.fit", data)
                busy, start = [], time.perf_counter()
                while time.perf_counter() - start < WINDOW_S:
                    busy.append(await _set_log(tg))
                await tg.await_for(UPLOADER, count=2, timeout=120)  # let the upload finish
        finally:
            await db.dispose()
            if pool is not None:
                pool.shutdown()
    return idle, busy


def _line(name: str, idle: list[float], busy: list[float]) -> str:
    p95 = sorted(busy)[int(0.95 * (len(busy) - 1))]
    return (
        f"  {name:<22} idle median {statistics.median(idle):6.1f} ms   during analysis "
        f"median {statistics.median(busy):6.1f} ms  p95 {p95:6.1f} ms  "
        f"({len(busy)} logs in {WINDOW_S:g} s)"
    )


def run() -> list[str]:
    """Measure both placements and format them side by side."""
    data, name = _big_file()
    with tempfile.TemporaryDirectory() as tmp:
        threads = asyncio.run(_measure(0, data, Path(tmp)))
        process = asyncio.run(_measure(1, data, Path(tmp)))
    ratio = statistics.median(threads[1]) / statistics.median(process[1])
    return [
        f"another user's set log while {name} is analysed",
        _line("analysis in threads", *threads),
        _line("analysis in a process", *process),
        f"  threads / process (median during analysis): {ratio:.1f}x",
    ]
