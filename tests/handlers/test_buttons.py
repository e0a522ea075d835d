"""Forged and stale buttons: a clear short answer, nothing changed, no error."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

import pytest

from bot.services import Services
from bot.settings import Settings
from tests.conftest import onboard, sent
from tests.faketg import FakeTelegram, SentMessage

ANN, BOB = 631, 632
# A user's data; handled updates, the inbox and id reservations are bookkeeping.
DATA = ("users", "workouts", "log_entries", "set_logs", "pending_inputs", "custom_exercises")
NOT_YOURS = "That button isn't yours."
TOO_OLD = "That message is too old for its buttons. Send the command again."
UNKNOWN = "That button doesn't work any more. Send the command again."
STALE = "That button doesn't match the question any more; nothing changed."


def _snapshot(settings: Settings) -> dict[str, list[tuple]]:
    path = Path(settings.database_url.removeprefix("sqlite+aiosqlite:///"))
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in DATA}  # noqa: S608


async def _say(tg: FakeTelegram, text: str, user: int = ANN) -> SentMessage:
    tg.send_text(user, text)
    (reply,) = await tg.await_for(user, predicate=sent)
    return reply


async def _press_all(
    tg: FakeTelegram, message_id: int, data: list[str], user: int = ANN
) -> list[str | None]:
    """Press each button on a message of Ann's chat; the answers, in order."""
    before = len(tg.callback_answers)
    for item in data:
        tg.press_button(user, message_id, item, chat_id=ANN, check=False)
    done = before + len(data)
    await asyncio.to_thread(tg.wait_until, lambda: len(tg.callback_answers) >= done)
    return [answer.get("text") for answer in tg.callback_answers[before:]]


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.fixture
async def ann(live_bot: Services, tg: FakeTelegram, caplog: pytest.LogCaptureFixture) -> Services:
    await onboard(tg, ANN)
    await onboard(tg, BOB)
    caplog.set_level(logging.WARNING)
    return live_bot


async def test_someone_elses_buttons_are_refused(
    ann: Services, tg: FakeTelegram, bot_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Bob's client pressing the buttons under Ann's acknowledgement changes nothing of hers."""
    ack = await _say(tg, "bench 80x5")
    before = _snapshot(bot_settings)
    answers = await _press_all(tg, ack.message_id, [d for _, d in ack.buttons], user=BOB)
    assert answers == [NOT_YOURS] * 3
    assert _snapshot(bot_settings) == before
    assert tg.outputs(ANN)[-1] == ack  # nothing sent or edited since
    assert _errors(caplog) == []


async def test_buttons_of_a_removed_entry_say_it_is_gone(
    ann: Services, tg: FakeTelegram, bot_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Undo, Same again and Edit on an undone entry answer so and log nothing."""
    ack = await _say(tg, "bench 80x5")
    await _say(tg, "/undo")
    before = _snapshot(bot_settings)
    answers = await _press_all(tg, ack.message_id, [d for _, d in ack.buttons])
    assert answers == ["Already removed", "That entry is gone", "That entry is gone"]
    help_text = await _say(tg, "/help")
    assert "/settings" in help_text.text  # no other message came before it
    assert _snapshot(bot_settings) == before
    assert _errors(caplog) == []


async def test_a_button_on_a_message_too_old_to_reach_is_refused(
    ann: Services, tg: FakeTelegram, bot_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram sends an inaccessible message (date 0) for old ones: answered, nothing done."""
    ack = await _say(tg, "bench 80x5")
    before = _snapshot(bot_settings)
    old = {"message_id": ack.message_id, "date": 0, "chat": {"id": ANN, "type": "private"}}
    ann_user = {"id": ANN, "is_bot": False, "first_name": "Ann"}
    query = {"id": "old-1", "from": ann_user, "chat_instance": "c", "message": old}
    with tg._state.cond:  # the fake's own presses carry live messages: register this one
        tg._state.callback_queries["old-1"] = False
    tg.send_update({"callback_query": {**query, "data": ack.buttons[0][1]}})
    await _say(tg, "/help")  # handled after the press: updates of one chat run in order
    (answer,) = [a for a in tg.callback_answers if a["callback_query_id"] == "old-1"]
    assert answer.get("text") == TOO_OLD
    assert _snapshot(bot_settings) == before
    assert _errors(caplog) == []


FORGED = [
    "\x00\xff garbage",
    "fitset:99999999999999999999:0",
    "undo:abc",
    "undo:99999999999999999999999",
    "same:",
    "units:stone",
    "tz:Mars/Base",
    "formula:bogus",
    "morning:99",
    "hr:ask:zzz",
    "hr:set:sex x",
    "chart:nope",
    "settings:nope",
    "prog:999:days:3",
    "pick:999:0",
    "x" * 64,
]


async def test_random_and_forged_data_gets_a_short_answer(
    ann: Services, tg: FakeTelegram, bot_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Data no button of ours carries (or names nothing) is answered and changes nothing."""
    ack = await _say(tg, "bench 80x5")
    before = _snapshot(bot_settings)
    answers = await _press_all(tg, ack.message_id, FORGED)
    assert all(answers), dict(zip(FORGED, answers, strict=True))
    assert answers[:13] == [UNKNOWN] * 13
    assert answers[13:] == [
        "These questions have expired; send /program to start again.",
        "Already answered",
        UNKNOWN,
    ]
    help_text = await _say(tg, "/help")
    assert "/settings" in help_text.text
    assert _snapshot(bot_settings) == before
    assert tg.message(ANN, ack.message_id)["text"] == ack.raw_text
    assert _errors(caplog) == []


# A choice never offered, and buttons of other kinds of question (a name, a watch's sets).
FORGED_ANSWERS = [("pick", "7"), ("name", "new"), ("name", "0"), ("fitset", "0")]


async def test_a_forged_answer_leaves_the_question_open(
    ann: Services, tg: FakeTelegram, bot_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """A choice the question never offered, or a button of another kind of question, is
    refused; the real buttons still work afterwards."""
    question = await _say(tg, "face pulls 60x3x15")
    pending = question.buttons[0][1].split(":")[1]
    before = _snapshot(bot_settings)
    forged = [f"{kind}:{pending}:{choice}" for kind, choice in FORGED_ANSWERS]
    assert await _press_all(tg, question.message_id, forged) == [STALE] * 4
    assert _snapshot(bot_settings) == before
    tg.press_button(ANN, question.message_id, question.buttons[0][1])
    (logged,) = await tg.await_for(ANN, predicate=sent)
    assert logged.text.startswith("✅ Face pull")
    assert _errors(caplog) == []
