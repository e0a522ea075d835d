"""Replies a new user trips over: silences, misleading answers and questions left open."""

from __future__ import annotations

import asyncio
import copy
import sqlite3
import time
from pathlib import Path

import pytest
from telegram import Update

from bot.app import ALLOWED_UPDATES
from bot.services import Services
from bot.settings import Settings
from tests.conftest import FrozenClock, onboard, sent
from tests.faketg import FakeTelegram, SentMessage

ANN, BOB = 621, 622
GROUP = -621


def _rows(settings: Settings, sql: str) -> list[tuple]:
    path = Path(settings.database_url.removeprefix("sqlite+aiosqlite:///"))
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


async def _say(tg: FakeTelegram, text: str, **kw: object) -> SentMessage:
    tg.send_text(ANN, text, **kw)
    (reply,) = await tg.await_for(ANN, predicate=sent)
    return reply


def _edit(tg: FakeTelegram, message_id: int, text: str, chat_id: int = ANN) -> int:
    """The user edits one of their messages: Telegram sends an edited_message update."""
    original = tg.message(chat_id, message_id)
    assert original is not None
    assert original["from"]["is_bot"] is False
    edited = {**copy.deepcopy(original), "text": text, "edit_date": int(time.time())}
    return tg.send_update({"edited_message": edited})


async def _answered(tg: FakeTelegram, count: int) -> None:
    """Wait until ``count`` button presses have been answered."""
    await asyncio.to_thread(tg.wait_until, lambda: len(tg.callback_answers) >= count)


@pytest.fixture
async def ann(live_bot: Services, tg: FakeTelegram) -> Services:
    await onboard(tg, ANN)
    return live_bot


async def test_unknown_command_in_private_points_to_help(ann: Services, tg: FakeTelegram) -> None:
    """'/foo' gets a short pointer to /help instead of silence; another bot's command is
    left alone."""
    tg.send_text(ANN, "/prs@otherbot")
    reply = await _say(tg, "/foo@spotter_test_bot")
    assert reply.text == "I don't know /foo. /help lists everything I can do."


async def test_groups_ignore_commands_that_are_not_spotters_personal_ones(
    live_bot: Services, tg: FakeTelegram
) -> None:
    """In a group, unknown commands and other bots' commands are ignored; only Spotter's
    personal data commands point to the private chat."""
    for text in ("/foo", "/prs@otherbot", "/roll 2d6", "/prs", "/help@spotter_test_bot"):
        tg.send_text(ANN, text, chat_id=GROUP, chat_type="group")
    pointer, help_text = await tg.await_for(GROUP, count=2, predicate=sent)
    assert pointer.text.startswith("Let's keep your training data between us")
    assert "/settings" in help_text.text
    assert len(tg.outputs(GROUP)) == 2


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("thanks!", "You're welcome! 💪"),
        ("Thank you so much", "You're welcome! 💪"),
        ("ok", "👍"),
        ("cool 👍", "👍"),
        ("💪🔥", "👍"),
        ("hi", "Hi! Log a set whenever you're ready, e.g. “bench 80x5”."),
    ],
)
async def test_chit_chat_gets_a_short_human_answer(
    ann: Services, tg: FakeTelegram, bot_settings: Settings, text: str, answer: str
) -> None:
    """Thanks, ok and emoji are acknowledged like a person would, and nothing is logged."""
    assert (await _say(tg, text)).text == answer
    assert _rows(bot_settings, "SELECT count(*) FROM set_logs") == [(0,)]


async def test_a_question_gets_help_not_a_parse_error(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """A question is not 'a set I couldn't read': it gets short help text."""
    reply = await _say(tg, "how much should I bench?")
    assert reply.text.startswith("I can't answer questions yet")
    assert "/help" in reply.text
    assert "couldn't read that as a set" not in reply.text
    assert _rows(bot_settings, "SELECT count(*) FROM set_logs") == [(0,)]


async def test_onboarding_promises_only_what_is_scheduled(
    live_bot: Services, tg: FakeTelegram
) -> None:
    """The timezone question names the jobs that run: the morning session, the weekly summary."""
    tg.send_text(ANN, "/start")
    (welcome,) = await tg.await_for(ANN)
    tg.press_button(ANN, welcome.message_id, "units:kg")
    (question,) = await tg.await_for(ANN, predicate=sent)
    assert "your training days, your morning session and your weekly summary" in question.text


async def _open_timezone_question(tg: FakeTelegram) -> None:
    shown = await _say(tg, "/settings")
    tg.press_button(ANN, shown.message_id, "settings:tz")
    (ask,) = await tg.await_for(ANN, predicate=sent)
    assert ask.text.startswith("Tap your timezone")


async def test_a_timezone_change_is_confirmed_not_onboarded_again(
    ann: Services, tg: FakeTelegram
) -> None:
    """A tapped or typed timezone in /settings is confirmed as a change."""
    await _open_timezone_question(tg)
    (ask,) = [m for m in tg.outputs(ANN) if (m.text or "").startswith("Tap your timezone")]
    tg.press_button(ANN, ask.message_id, "tz:Europe/London")
    (done,) = await tg.await_for(ANN, predicate=sent)
    assert done.text == "Timezone: Europe/London ✓ (it's 07:30 there now)"
    await _open_timezone_question(tg)
    typed = await _say(tg, "Tokyo")
    assert typed.text == "Timezone: Asia/Tokyo ✓ (it's 16:30 there now)"


async def test_an_open_timezone_question_never_swallows_a_set_log(
    ann: Services, tg: FakeTelegram, bot_settings: Settings, clock: FrozenClock
) -> None:
    """A set log wins over the open question; the question still takes a city until it
    expires, and after that a city is no longer read as a timezone."""
    await _open_timezone_question(tg)
    logged = await _say(tg, "bench 50x5")
    assert logged.text.startswith("✅ Bench press 50 kg × 5")
    assert _rows(bot_settings, "SELECT exercise, weight_kg FROM set_logs") == [
        ("bench press", 50.0)
    ]
    assert (await _say(tg, "Tokyo")).text.startswith("Timezone: Asia/Tokyo ✓")
    await _open_timezone_question(tg)
    clock.advance(minutes=11)
    await _say(tg, "Madrid")
    user = await ann.users.get(ANN)
    assert user is not None
    assert user.timezone == "Asia/Tokyo"


async def test_editing_a_logged_message_edits_its_entry(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """Telegram's edit of a set log corrects that entry, and the reply says so."""
    assert Update.EDITED_MESSAGE in ALLOWED_UPDATES
    await _say(tg, "bench 80x5")
    ack = await _say(tg, "squat 100x5")
    squat_message = ack.message_id - 1
    assert tg.message(ANN, squat_message)["text"] == "squat 100x5"
    _edit(tg, squat_message, "squat 105x5")
    (fixed,) = await tg.await_for(ANN, predicate=sent)
    assert fixed.text.startswith("✏️ Corrected:\nSquat 105 kg × 5")
    rows = _rows(bot_settings, "SELECT exercise, weight_kg FROM set_logs ORDER BY id")
    assert rows == [("bench press", 80.0), ("squat", 105.0)]


async def test_edits_of_commands_and_group_messages_do_nothing(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """An edited command does not run again; an edit in a group gets no answer."""
    await _say(tg, "bench 80x5")
    removed = await _say(tg, "/undo")
    assert removed.text.startswith("↩️ Removed")
    await _say(tg, "bench 90x5")
    _edit(tg, removed.message_id - 1, "/undo")
    tg.send_text(ANN, "/prs bench", chat_id=GROUP, chat_type="group")
    (pointer,) = await tg.await_for(GROUP, predicate=sent)
    _edit(tg, pointer.message_id - 1, "/prs", chat_id=GROUP)
    help_text = await _say(tg, "/help")
    assert "/settings" in help_text.text
    assert _rows(bot_settings, "SELECT weight_kg FROM set_logs") == [(90.0,)]
    assert len(tg.outputs(GROUP)) == 1


async def test_same_again_logs_a_set_per_press_but_a_double_tap_once(
    ann: Services, tg: FakeTelegram, bot_settings: Settings, clock: FrozenClock
) -> None:
    """Each press of Same again logs one more set; two presses within 2 s count once."""
    ack = await _say(tg, "bench 80x5")
    same = ack.buttons[1][1]
    answered = len(tg.callback_answers)
    tg.press_button(ANN, ack.message_id, same)
    (second,) = await tg.await_for(ANN, predicate=sent)
    assert "Set 2 today" in second.text
    tg.press_button(ANN, ack.message_id, same)  # the same instant: a double tap
    await _answered(tg, answered + 2)
    clock.advance(seconds=3)
    tg.press_button(ANN, ack.message_id, same)
    (third,) = await tg.await_for(ANN, predicate=sent)
    assert "Set 3 today" in third.text
    assert _rows(bot_settings, "SELECT count(*) FROM set_logs") == [(3,)]
    texts = [a.get("text") for a in tg.callback_answers]
    assert texts[-2:] == ["Counted once: that was a double tap", None]

