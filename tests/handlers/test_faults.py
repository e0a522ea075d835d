"""Set logs from several users under random Bot API faults: none lost, doubled or misreported."""

from __future__ import annotations

import logging
import random
import sqlite3
from collections import Counter

import pytest

from bot.services import Services
from bot.settings import Settings
from handlers.errors import APOLOGY
from handlers.logbook import NOT_SAVED
from tests.conftest import onboard
from tests.e2e.crash_support import FAULTS, SetStream, acked_kg, arm_fault, is_ack
from tests.faketg import FakeTelegram

USERS = (811, 812, 813, 814, 815, 816)
MESSAGES = 180
METHODS = ("sendMessage", "sendMessage", "editMessageText", "getUpdates")


def _stored(settings: Settings) -> Counter[tuple[int, float]]:
    path = settings.database_url.split("///", 1)[1]
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT user_id, weight_kg FROM set_logs").fetchall()
    return Counter((user_id, kg) for user_id, kg in rows)


async def test_random_faults_lose_nothing_double_nothing_and_never_apologise_for_a_stored_set(
    live_bot: Services,
    tg: FakeTelegram,
    bot_settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """502s, dropped connections (before and after Telegram ran the call) and 429s."""
    for user in USERS:
        await onboard(tg, user)
    rng = random.Random(20261203)
    streams = {user: SetStream(start_kg=40.0) for user in USERS}
    faults: Counter[str] = Counter()
    with caplog.at_level(logging.WARNING):
        for i in range(MESSAGES):
            if i % 6 == 0:
                faults[arm_fault(tg, rng, METHODS)] += 1
            user = rng.choice(USERS)
            tg.send_text(user, streams[user].next())
            if i % 20 == 19:  # at a person's pace now and then, so faults meet every path
                await tg.await_for(user, predicate=is_ack, timeout=20)
        for user in USERS:
            tg.send_text(user, "/history")
            await tg.await_for(user, predicate=lambda m: "sets ·" in (m.text or ""), timeout=30)
    stored = _stored(bot_settings)
    expected = Counter((user, kg) for user, stream in streams.items() for kg in stream.sent)
    assert stored == expected, {"lost": expected - stored, "doubled": stored - expected}
    acked = Counter((m.chat_id, acked_kg(m)) for m in tg.outputs() if is_ack(m))
    assert set(acked) == set(expected), {"never acknowledged": set(expected) - set(acked)}
    texts = [m.text or "" for m in tg.outputs()]
    assert not [t for t in texts if t == APOLOGY or t.startswith(NOT_SAVED[:20])]
    assert not [r for r in caplog.records if r.exc_info], "network faults logged a traceback"
    assert sum(faults.values()) == MESSAGES // 6
    assert len(faults) == len(FAULTS)
