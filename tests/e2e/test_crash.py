"""kill -9 at chosen moments of a stream of set logs: nothing lost, nothing doubled."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.e2e.botproc import BotProcess
from tests.e2e.crash_support import (
    SLOW_WRITES,
    SetStream,
    acked_kg,
    execute,
    integrity,
    is_ack,
    stored_kg,
)
from tests.e2e.e2e_support import ANN, onboard
from tests.faketg import FakeTelegram

pytestmark = pytest.mark.e2e


def _log_one(tg: FakeTelegram, stream: SetStream) -> None:
    """One set, acknowledged: after it the lift's next sets are answered from memory."""
    tg.send_text(ANN, stream.next())
    tg.wait_for(ANN, predicate=is_ack, timeout=20)


def _kill_right_after_an_ack(bot: BotProcess, tg: FakeTelegram, stream: SetStream) -> None:
    for _ in range(6):
        tg.send_text(ANN, stream.next())
    tg.wait_for(ANN, count=2, predicate=is_ack, timeout=20)
    bot.kill()


def _kill_mid_write(bot: BotProcess, tg: FakeTelegram, stream: SetStream) -> None:
    """The acknowledgement is out, the write it announced is still running."""
    _log_one(tg, stream)
    execute(bot.database, SLOW_WRITES)
    for _ in range(3):
        tg.send_text(ANN, stream.next())
    tg.wait_for(ANN, predicate=is_ack, timeout=20)
    bot.kill()
    execute(bot.database, "DROP TRIGGER slow_writes")


def _kill_mid_poll(bot: BotProcess, tg: FakeTelegram, stream: SetStream) -> None:
    """Telegram handed the updates over; the bot has not written them down yet."""
    lock = sqlite3.connect(bot.database, isolation_level=None)
    try:
        lock.execute("BEGIN IMMEDIATE")  # the inbox write waits for this lock
        for _ in range(4):
            tg.send_text(ANN, stream.next())
        tg.wait_until(lambda: tg.unseen_updates() == 0, timeout=20)
        bot.kill()
    finally:
        lock.rollback()
        lock.close()


def test_kill_9_at_chosen_points_loses_and_doubles_nothing(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    """After each kill and restart, every set sent is stored exactly once, acknowledged or not."""
    bot = BotProcess(tg, tmp_path, log_level="INFO")
    bot.start()
    try:
        onboard(tg)
        stream = SetStream()
        _log_one(tg, stream)
        for kill in (_kill_right_after_an_ack, _kill_mid_write, _kill_mid_poll):
            kill(bot, tg, stream)
            bot.start()
        tg.send_text(ANN, "/history")
        tg.wait_for(ANN, predicate=lambda m: "sets ·" in (m.text or ""), timeout=30)
    finally:
        bot.kill()
    acked = {acked_kg(m) for m in tg.outputs(ANN) if is_ack(m)}
    stored = stored_kg(bot.database)
    assert stored == dict.fromkeys(stream.sent, 1), stored
    assert acked <= set(stored)
    assert integrity(bot.database) == "ok"
    assert not [m.text for m in tg.outputs(ANN) if "Sorry" in (m.text or "")]
    assert "Traceback" not in bot.log()


def test_sigterm_mid_stream_exits_cleanly_and_loses_nothing(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    """systemd's stop: exit 0 well within the unit's stop timeout; the rest after the restart."""
    bot = BotProcess(tg, tmp_path, log_level="INFO")
    bot.start()
    try:
        onboard(tg)
        stream = SetStream()
        for _ in range(30):  # more than the chat's burst: some still wait their turn
            tg.send_text(ANN, stream.next())
        tg.wait_for(ANN, count=5, predicate=is_ack, timeout=20)
        assert bot.stop(timeout=20) == 0
        bot.start()
        tg.send_text(ANN, "/history")
        tg.wait_for(ANN, predicate=lambda m: "30 sets ·" in (m.text or ""), timeout=60)
    finally:
        bot.kill()
    assert stored_kg(bot.database) == dict.fromkeys(stream.sent, 1)
    assert "Traceback" not in bot.log()
