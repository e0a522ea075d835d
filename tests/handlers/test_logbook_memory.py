"""Set logs acknowledged from memory ahead of their write: same answers, nothing lost."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from bot.services import Services
from bot.settings import Settings
from tests.conftest import onboard, sent
from tests.faketg import FakeTelegram, SentMessage

ANN = 611
MEMORY = "bot.services.logwrite"


def _database(settings: Settings) -> Path:
    return Path(settings.database_url.removeprefix("sqlite+aiosqlite:///"))


def _sql(settings: Settings, sql: str) -> list[tuple]:
    with sqlite3.connect(_database(settings)) as conn:
        return conn.execute(sql).fetchall()


async def _say(tg: FakeTelegram, text: str) -> SentMessage:
    tg.send_text(ANN, text)
    (reply,) = await tg.await_for(ANN, predicate=sent)
    return reply


def _from_memory(caplog: pytest.LogCaptureFixture) -> int:
    return sum("judged from memory" in r.getMessage() for r in caplog.records)


@pytest.fixture
async def ann(live_bot: Services, tg: FakeTelegram, caplog: pytest.LogCaptureFixture) -> Services:
    await onboard(tg, ANN)
    caplog.set_level(logging.DEBUG, logger=MEMORY)
    return live_bot


async def test_a_session_judged_from_memory_reads_as_the_database_would(
    ann: Services, tg: FakeTelegram, bot_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Set numbers, PRs and follow-ups come from memory after the first log of a lift, and
    the database agrees with every one (no acknowledgement is corrected)."""
    replies = [
        await _say(tg, text)
        for text in ("bench 80x5", "bench 85x5", "bench 80x7", "x8", "squat 100x5", "same")
    ]
    assert "Set 1 today" in replies[0].text
    assert "heaviest ever (was 80 kg)" in replies[1].text
    assert "Set 3 today" in replies[2].text
    assert "7 reps at 80 kg (was 5)" in replies[2].text
    assert replies[3].text.startswith("✅ Bench press 80 kg × 8")
    assert "Set 4 today" in replies[3].text
    assert "Set 1 today" in replies[4].text
    assert "Set 2 today" in replies[5].text
    # Two first logs of a lift read the database; the other four were judged from memory.
    assert _from_memory(caplog) == 4
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not tg.calls_of("editMessageText")
    # A chat's updates are handled in order and a log's handler ends with its write, so once
    # a later message is answered, every set acknowledged before it is stored.
    await _say(tg, "/help")
    assert _sql(bot_settings, "SELECT count(*) FROM set_logs") == [(6,)]


async def test_undo_makes_the_next_log_read_the_database_again(
    ann: Services, tg: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    """After /undo, memory is not trusted: the next set is numbered from the database."""
    await _say(tg, "bench 80x5")
    await _say(tg, "bench 80x5")
    await _say(tg, "/undo")
    again = await _say(tg, "bench 80x5")
    assert "Set 2 today" in again.text
    assert _from_memory(caplog) == 1


async def test_a_write_that_fails_after_the_acknowledgement_says_so(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """If storing fails after the reply, the reply is corrected to ask for the set again."""
    await _say(tg, "bench 80x5")
    with sqlite3.connect(_database(bot_settings)) as conn:
        conn.execute(
            "CREATE TRIGGER full BEFORE INSERT ON set_logs "
            "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        )
    ack = await _say(tg, "bench 85x5")
    (correction,) = await tg.await_for(ANN, predicate=lambda m: m.method == "editMessageText")
    assert ack.text.startswith("✅ Bench press 85 kg × 5")
    assert correction.message_id == ack.message_id
    assert correction.text == "⚠️ Sorry, I couldn't save “bench 85x5”: please send it again."
    with sqlite3.connect(_database(bot_settings)) as conn:
        conn.execute("DROP TRIGGER full")
    resent = await _say(tg, "bench 85x5")
    assert "Set 2 today" in resent.text
    assert _sql(bot_settings, "SELECT weight_kg FROM set_logs ORDER BY id") == [(80.0,), (85.0,)]


async def test_memory_that_disagrees_with_the_database_is_corrected(
    ann: Services, tg: FakeTelegram, bot_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """A set stored behind the bot's back makes memory wrong: the database's answer replaces
    the acknowledgement, and memory is dropped."""
    await _say(tg, "bench 80x5")
    with sqlite3.connect(_database(bot_settings)) as conn:
        conn.execute(
            "INSERT INTO set_logs (entry_id, user_id, workout_id, exercise, position,"
            " weight_kg, reps, unit_defaulted, bodyweight, e1rm_kg, performed_at)"
            " SELECT entry_id, user_id, workout_id, exercise, 1, 100.0, 5, 0, 0, 116.7,"
            " performed_at FROM set_logs"
        )
    ack = await _say(tg, "bench 90x5")
    (fixed,) = await tg.await_for(ANN, predicate=lambda m: m.method == "editMessageText")
    assert "heaviest ever (was 80 kg)" in ack.text
    assert fixed.message_id == ack.message_id
    assert "PR" not in fixed.text
    assert "Set 3 today" in fixed.text
    assert [r.levelno for r in caplog.records if "disagreed" in r.getMessage()] == [
        logging.WARNING
    ]


async def test_a_set_is_stored_even_when_its_acknowledgement_cannot_be_sent(
    ann: Services, tg: FakeTelegram, bot_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram refusing the reply, even when sent again, does not lose the set judged from
    memory, and no apology asks for a set that is stored."""
    await _say(tg, "bench 80x5")
    tg.fail_next("sendMessage", status=502, count=4)  # the first try and all three retries
    tg.send_text(ANN, "bench 85x5")
    help_reply = await _say(tg, "/help")  # answered only after the previous message is done with
    assert "/settings" in help_reply.text
    assert _from_memory(caplog) == 1
    assert _sql(bot_settings, "SELECT weight_kg FROM set_logs ORDER BY id") == [(80.0,), (85.0,)]
