"""The real bot process against the fake Bot API: start, exactly-once, no token in logs."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.botproc import BotProcess
from tests.e2e.e2e_support import ANN, onboard
from tests.faketg import FakeTelegram

pytestmark = pytest.mark.e2e


@pytest.fixture
def bot(tg: FakeTelegram, tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(tg, tmp_path)
    process.start()
    yield process
    process.kill()


def set_count(database: Path) -> int:
    with sqlite3.connect(database) as conn:
        return conn.execute("SELECT count(*) FROM set_logs").fetchone()[0]


def test_run_answers_start_in_private_chat(bot: BotProcess, tg: FakeTelegram) -> None:
    """`python -m bot run` answers /start and stops cleanly on SIGTERM."""
    tg.send_text(ANN, "/start", first_name="Ann")
    (welcome,) = tg.wait_for(ANN, timeout=20)
    assert "Hi Ann" in welcome.text
    assert bot.stop() == 0


def test_redelivered_update_is_applied_once(bot: BotProcess, tg: FakeTelegram) -> None:
    """A set-log update delivered again after a crash is not logged twice.

    If the crash came before the update was marked done, the restart answers it once more
    ("Already logged"); the copy Telegram delivers again is skipped either way.
    """
    onboard(tg)
    update_id = tg.send_text(ANN, "bench 80x5 rir2")
    (ack,) = tg.wait_for(ANN, timeout=20)
    assert "e1RM" in ack.text
    bot.kill()
    tg.redeliver(update_id)
    bot.start()
    tg.send_text(ANN, "/history")
    tg.wait_for(ANN, predicate=lambda m: "1 set ·" in (m.text or ""), timeout=20)
    outputs = tg.outputs(ANN)
    acked = next(i for i, m in enumerate(outputs) if m.message_id == ack.message_id)
    between = [m.text for m in outputs[acked + 1 : -1]]
    assert between in ([], ["✅ Already logged: Bench press 80 kg × 5 @ RIR 2"]), between
    assert set_count(bot.database) == 1


def test_token_never_reaches_the_log(bot: BotProcess, tg: FakeTelegram) -> None:
    """At DEBUG level, through errors and retries, no log line contains the token."""
    onboard(tg)
    tg.fail_next("sendMessage", status=502)
    tg.send_text(ANN, "squat 3x5 @ 100kg")
    tg.send_text(ANN, "/help")
    tg.wait_for(ANN, predicate=lambda m: "/settings" in (m.text or ""), timeout=20)
    bot.stop()
    log = bot.log()
    assert "DEBUG" in log, "the bot logged at DEBUG level"
    assert tg.token not in log
    assert tg.token.split(":")[1] not in log
