"""One user flooding the bot never holds up another user's reply; nothing of the flood is lost."""

from __future__ import annotations

import sqlite3

from bot.app import build_application
from bot.services import Services, build_services
from bot.settings import Settings
from storage.db import Database
from tests.conftest import FrozenClock, onboard, running, sent
from tests.e2e.crash_support import SetStream, is_ack
from tests.faketg import FakeTelegram

FLOODER, OTHER = 821, 822
FLOOD = 150


async def test_a_flood_is_paced_and_another_user_is_answered_at_once(
    bot_settings: Settings, tg: FakeTelegram, live_bot: Services
) -> None:
    """The other user's set is answered before the flood's 40th reply; the rest waits its turn."""
    await onboard(tg, FLOODER)
    await onboard(tg, OTHER)
    flood = SetStream()
    for _ in range(FLOOD):
        tg.send_text(FLOODER, flood.next())
    await tg.await_for(FLOODER, count=5, predicate=is_ack)
    tg.send_text(OTHER, "bench 80x5")
    (reply,) = await tg.await_for(OTHER, predicate=sent)
    assert reply.text.startswith("✅ Bench press 80 kg × 5")
    assert len([m for m in tg.outputs(FLOODER) if is_ack(m)]) < 40


async def test_what_a_flood_left_waiting_at_a_stop_is_handled_at_the_next_start(
    bot_settings: Settings, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Stopping mid-flood loses nothing: what was not handled is handled after the restart."""
    db = Database(bot_settings.database_url)
    services = build_services(bot_settings, db, clock)
    flood = SetStream()
    async with running(build_application(bot_settings, services)):
        await onboard(tg, FLOODER)
        for _ in range(45):
            tg.send_text(FLOODER, flood.next())
        await tg.await_for(FLOODER, count=24, predicate=is_ack)
    assert 24 <= _count(bot_settings, "SELECT count(*) FROM set_logs") < 45
    assert _count(bot_settings, "SELECT count(*) FROM inbox WHERE done_at IS NULL") > 0
    async with running(build_application(bot_settings, build_services(bot_settings, db, clock))):
        tg.send_text(FLOODER, "/history")
        await tg.await_for(FLOODER, predicate=lambda m: "sets ·" in (m.text or ""), timeout=20)
    await db.dispose()
    assert _count(bot_settings, "SELECT count(DISTINCT weight_kg) FROM set_logs") == 45
    assert _count(bot_settings, "SELECT count(*) FROM set_logs") == 45


def _count(settings: Settings, sql: str) -> int:
    path = settings.database_url.split("///", 1)[1]
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchone()[0]
