"""The error handler: a generic apology for the user, the traceback in the log."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from bot.services import Services
from handlers.errors import APOLOGY, APOLOGY_SAVED
from tests.conftest import onboard, sent
from tests.faketg import FakeTelegram

ANN = 701


async def test_unexpected_error_apologises_without_internals(
    live_bot: Services,
    tg: FakeTelegram,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A bug in a service is logged with its traceback; the user gets a plain apology."""
    await onboard(tg, ANN)

    async def broken(*_args: object) -> list[object]:
        raise RuntimeError("secret internal detail /var/lib/spotter")

    monkeypatch.setattr(live_bot.workouts, "history", broken)
    with caplog.at_level(logging.ERROR, logger="handlers.errors"):
        tg.send_text(ANN, "/history")
        (reply,) = await tg.await_for(ANN, predicate=sent)
    assert reply.text == APOLOGY
    assert "secret" not in reply.text
    assert any(
        r.exc_info and "secret internal detail" in str(r.exc_info[1]) for r in caplog.records
    )


async def test_bot_keeps_working_after_an_error(
    live_bot: Services, tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After one failing update the next one is answered normally."""
    await onboard(tg, ANN)
    monkeypatch.setattr(live_bot.workouts, "history", None)  # calling None raises TypeError
    tg.send_text(ANN, "/history")
    await tg.await_for(ANN, predicate=sent)
    tg.send_text(ANN, "/help")
    (reply,) = await tg.await_for(ANN, predicate=sent)
    assert "/settings" in reply.text


@pytest.mark.parametrize("command", ["/prs", "/history", "/today", "/chart e1rm bench", "/undo"])
async def test_personal_commands_in_a_group_point_to_the_private_chat(
    live_bot: Services, tg: FakeTelegram, command: str
) -> None:
    """Nobody's training data is shown in a group; the command is not run there."""
    await onboard(tg, ANN)
    tg.send_text(ANN, "bench 100x5")
    await tg.await_for(ANN, predicate=sent)
    tg.send_text(ANN, command, chat_id=-200, chat_type="group")
    (reply,) = await tg.await_for(-200, predicate=sent)
    assert "private chat" in reply.text
    assert "100" not in reply.text
    assert await live_bot.workouts.history(ANN)  # /undo in the group removed nothing


async def test_help_still_answers_in_a_group(live_bot: Services, tg: FakeTelegram) -> None:
    """/help shows nothing personal, so it answers in the group."""
    tg.send_text(ANN, "/help@spotter_test_bot", chat_id=-200, chat_type="group")
    (reply,) = await tg.await_for(-200, predicate=sent)
    assert "/settings" in reply.text


async def test_a_rate_limited_reply_is_retried_not_lost(
    live_bot: Services, tg: FakeTelegram
) -> None:
    """A 429 with retry_after on the reply delays it; the user still gets it, once."""
    await onboard(tg, ANN)
    tg.fail_next("sendMessage", status=429, retry_after=1)
    tg.send_text(ANN, "bench 80x5")
    (reply,) = await tg.await_for(ANN, predicate=sent, timeout=15)
    assert reply.text.startswith("✅ Bench press 80 kg × 5")
    assert len(tg.calls_of("sendMessage")) >= 2  # the refused attempt, then the retry
    delivered = [m for m in tg.outputs(ANN) if "Bench press" in (m.text or "")]
    assert len(delivered) == 1


async def test_error_after_the_set_was_stored_says_it_is_stored(
    live_bot: Services, tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch, bot_settings
) -> None:
    """A bug after the write must not ask for the set again: that would log it twice."""
    await onboard(tg, ANN)

    async def broken(*_args: object) -> list[str]:
        raise RuntimeError("plan notes failed")

    monkeypatch.setattr(live_bot.programs, "plan_notes", broken)
    tg.send_text(ANN, "bench 100x5")
    (reply,) = await tg.await_for(ANN, predicate=sent)
    assert reply.text == APOLOGY_SAVED
    path = bot_settings.database_url.split("///", 1)[1]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM set_logs").fetchone() == (1,)
