"""What the durable inbox adds to a set log's round trip: one write of the update as it
arrives (on the reply path) and its done mark (after the reply, batched).

Measured in-process on a migrated SQLite file (WAL, as deployed): the direct write the bot
makes on a SQLite file (plain sqlite3 on the loop thread), and the portable path through the
database thread, against that thread doing nothing, the floor any write through it pays.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import tempfile
from pathlib import Path

from bot.inbox import Inbox
from storage import inbox
from storage.db import Database
from storage.migrate import upgrade
from tests.bench.harness import Timing, compare, time_async_calls

REPEAT = 2000
TARGET_MS = 0.3


def _update(update_id: int) -> dict[str, object]:
    user = {"id": 4242, "is_bot": False, "first_name": "Ann", "language_code": "en"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "from": user,
            "chat": {"id": 4242, "first_name": "Ann", "type": "private"},
            "date": 1_764_000_000,
            "text": "bench 80x5 rir2",
        },
    }


async def _measure(tmp: Path) -> tuple[Timing, Timing, Timing, Timing]:
    url = f"sqlite+aiosqlite:///{tmp / 'inbox.db'}"
    upgrade(url)
    db = Database(url)
    box = Inbox(db, lambda: dtm.datetime.now(dtm.UTC))
    ids = iter(range(1, 10**9))
    now = dtm.datetime.now(dtm.UTC)

    async def record() -> None:
        await box.record([_update(next(ids))])

    async def mark_done() -> None:
        await db.run(inbox.mark_done, [next(ids)], now, now=now)

    async def nothing() -> None:
        await db.run(lambda _conn: None, now=now)

    direct = inbox.DirectInbox(str(tmp / "inbox.db"))

    async def record_direct() -> None:
        assert direct.record([_update(next(ids))], now, ())

    try:
        floor = await time_async_calls("database thread, empty transaction", nothing, REPEAT)
        written = await time_async_calls("direct write of one update", record_direct, REPEAT)
        portable = await time_async_calls("write through the database thread", record, REPEAT)
        done = await time_async_calls("done mark of one update", mark_done, REPEAT)
    finally:
        direct.close()
        await db.dispose()
    return written, portable, done, floor


def run() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        written, portable, done, floor = asyncio.run(_measure(Path(tmp)))
    verdict = "met" if written.median_ms <= TARGET_MS else "MISSED"
    return [
        compare("Inbox write, on the reply path", written, floor),
        f"  target: median <= {TARGET_MS} ms -> {verdict} ({written.median_ms:.3f} ms)",
        compare("Inbox write on other databases, beside the handling", portable, floor),
        compare("Done mark, after the reply (folded into the next write)", done, floor),
    ]
