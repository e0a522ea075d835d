"""The morning message's buttons through the real application: Start, Skip today, Move to
tomorrow and the readiness check-in (loads edited within ±7 %), stale and forged presses."""

from __future__ import annotations

import asyncio
import datetime as dtm
import re
from collections.abc import AsyncIterator

import pytest
from telegram.ext import Application

from bot.services import Services
from bot.services.program_morning import GONE, STALE, press_data
from bot.settings import Settings
from tests.bot.program_support import build, join, uid
from tests.conftest import FrozenClock
from tests.faketg import FakeTelegram, SentMessage
from tests.jobs.jobs_support import bot_app, run_pass, texts

ANN = 941
MONDAY = dtm.date(2026, 11, 16)
MONDAY_0700 = dtm.datetime(2026, 11, 16, 6, 0, tzinfo=dtm.UTC)  # 07:00 in Berlin
Pair = tuple[Application, Services]
_SQUAT = re.compile(r"^• Squat \d+ × \d+ @ ([\d.]+) kg")


@pytest.fixture
async def app(bot_settings: Settings, clock: FrozenClock) -> AsyncIterator[Pair]:
    """Ann has squatted and benched before, so her program has loads; Monday 07:00."""
    clock.now = MONDAY_0700 - dtm.timedelta(days=3)
    async with bot_app(bot_settings, clock, polling=True) as pair:
        services = pair[1]
        await join(services, ANN)
        for text in ("squat 3x5 @ 100kg", "bench 3x5 @ 70kg"):
            await services.logbook.log_text(uid(), ANN, text, clock.now, uid())
        clock.now = MONDAY_0700 - dtm.timedelta(minutes=30)
        await build(services, ANN)
        clock.now = MONDAY_0700
        yield pair


async def morning(pair: Pair, tg: FakeTelegram) -> SentMessage:
    assert await run_pass(pair, "morning") == 1
    (message,) = await tg.await_for(ANN)
    return message


def squat_kg(text: str) -> float:
    found = next(m for line in text.splitlines() if (m := _SQUAT.match(line)))
    return float(found[1])


async def answered(tg: FakeTelegram, count: int) -> None:
    await asyncio.to_thread(tg.wait_until, lambda: len(tg.callback_answers) >= count)


async def press(tg: FakeTelegram, message: SentMessage, data: str) -> SentMessage:
    tg.press_button(ANN, message.message_id, data)
    (edit,) = await tg.await_for(ANN)
    assert edit.message_id == message.message_id
    return edit


async def test_the_message_has_start_skip_move_and_three_check_in_rows(
    app: Pair, tg: FakeTelegram
) -> None:
    message = await morning(app, tg)
    labels = [label for label, _ in message.buttons]
    assert labels[:3] == ["▶️ Start", "⏭ Skip today", "➡️ Move to tomorrow"]
    assert labels[3:6] == ["Slept badly", "Slept OK", "Slept well"]
    assert len(labels) == 12
    assert message.text.rsplit("\n", 1)[-1].startswith("💬 ")


async def test_a_poor_check_in_lowers_todays_loads_within_seven_percent(
    app: Pair, tg: FakeTelegram
) -> None:
    """Three taps, three edits; all 'poor' with no baseline yet: −7 %, rounded inside the
    band. Answering again changes the answer; 'great' raises at most 7 %."""
    message = await morning(app, tg)
    planned = squat_kg(message.text)
    edit = await press(tg, message, press_data("r", MONDAY, 1, 1, "s1"))
    assert "🔋 Readiness: sleep poor → loads −7 % today." in edit.text
    assert ("✓ Slept badly", press_data("r", MONDAY, 1, 1, "s1")) in edit.buttons
    for answer in ("o1", "e1"):
        edit = await press(tg, message, press_data("r", MONDAY, 1, 1, answer))
    assert "🔋 Readiness: sleep poor, soreness poor, energy poor → loads −7 % today." in edit.text
    lower = squat_kg(edit.text)
    assert planned * 0.93 <= lower < planned
    assert edit.text.rsplit("\n", 1)[-1] == message.text.rsplit("\n", 1)[-1]  # coach kept
    for answer in ("s3", "o3", "e3"):
        edit = await press(tg, message, press_data("r", MONDAY, 1, 1, answer))
    assert "→ loads +7 % today." in edit.text
    assert planned < squat_kg(edit.text) <= planned * 1.07
    today = await app[1].programs.today(ANN)
    assert today.active is not None
    assert today.at is not None
    (stored,) = [e for e in today.active.planned(today.at).exercises if e.exercise == "squat"]
    assert stored.load_kg == planned  # the plan itself is unchanged: only today's message


async def test_no_answer_means_no_change(app: Pair, tg: FakeTelegram) -> None:
    """Without a tap nothing is edited and /today shows the planned loads."""
    message = await morning(app, tg)
    tg.send_text(ANN, "/today")
    (today,) = await tg.await_for(ANN)
    assert squat_kg(today.text) == squat_kg(message.text)
    assert [m for m in tg.outputs(ANN) if m.method.startswith("edit")] == []


async def test_one_question_check_in(app: Pair, tg: FakeTelegram) -> None:
    """Chosen in /remind: one 'how do you feel' row; 'rough' lowers the loads."""
    await app[1].reminders.change(uid(), ANN, "checkin", 1)
    message = await morning(app, tg)
    assert [label for label, _ in message.buttons][3:] == [
        "Feeling rough", "Feeling OK", "Feeling great",
    ]  # fmt: skip
    edit = await press(tg, message, press_data("r", MONDAY, 1, 1, "f1"))
    assert "🔋 Readiness: feeling poor → loads −7 % today." in edit.text
    assert squat_kg(edit.text) < squat_kg(message.text)


async def test_skip_today_drops_the_session_and_the_plan_goes_on(
    app: Pair, tg: FakeTelegram, clock: FrozenClock
) -> None:
    message = await morning(app, tg)
    edit = await press(tg, message, press_data("skip", MONDAY, 1, 1))
    assert edit.text == "⏭ Skipped: Full body A, Mon 16 Nov.\nNext: Wed 18 Nov — Full body B."
    assert edit.buttons == []
    assert (await app[1].programs.today(ANN)).at is None
    clock.now += dtm.timedelta(days=2)
    assert await run_pass(app, "morning") == 1
    assert "Full body B" in texts(tg, ANN)[-1]


async def test_move_to_tomorrow_sends_it_with_tomorrows_message(
    app: Pair, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Tuesday is a rest day: the session moves there and comes at 07:00 on Tuesday."""
    message = await morning(app, tg)
    edit = await press(tg, message, press_data("move", MONDAY, 1, 1))
    assert edit.text == (
        "➡️ Full body A moved to tomorrow, Tue 17 Nov.\nIts loads come with that morning's message."
    )
    clock.now += dtm.timedelta(days=1)
    assert await run_pass(app, "morning") == 1
    tuesday = texts(tg, ANN)[-1]
    assert "📋 Today — Tue 17 Nov · week 1 of 8, day 1 · Full body A" in tuesday


async def test_start_opens_the_workout_and_says_what_comes_first(
    app: Pair, tg: FakeTelegram
) -> None:
    message = await morning(app, tg)
    tg.press_button(ANN, message.message_id, press_data("go", MONDAY, 1, 1))
    edit, reply = await tg.await_for(ANN, count=2)
    assert edit.message_id == message.message_id
    assert [label for label, _ in edit.buttons][:1] == ["Slept badly"]
    assert reply.text.startswith("🏋️ Full body A started. First up: Squat ")
    assert tg.callback_answers[-1].get("text") == "Workout started ✓"


async def test_stale_forged_and_repeated_presses_change_nothing(
    app: Pair, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Yesterday's date, another session, a date that does not exist, a second Skip after
    a Move: each refused with a reason; the program stays as it was."""
    message = await morning(app, tg)
    sunday = MONDAY - dtm.timedelta(days=1)
    cases = [
        (press_data("skip", sunday, 1, 1), STALE),
        (press_data("skip", MONDAY, 1, 2), GONE),
        (press_data("move", MONDAY, 9, 1), GONE),
        ("am:move:20261131:1.1", GONE),
        (press_data("r", sunday, 1, 1, "s1"), STALE),
    ]
    for data, answer in cases:
        before = len(tg.callback_answers)
        tg.press_button(ANN, message.message_id, data, check=False)
        await answered(tg, before + 1)
        assert tg.callback_answers[-1].get("text") == answer, data
    assert (await app[1].programs.today(ANN)).at is not None
    await press(tg, message, press_data("move", MONDAY, 1, 1))
    before = len(tg.callback_answers)
    tg.press_button(ANN, message.message_id, press_data("skip", MONDAY, 1, 1), check=False)
    await answered(tg, before + 1)
    assert tg.callback_answers[-1].get("text") == GONE
    clock.now += dtm.timedelta(days=1)
    assert (await app[1].programs.today(ANN)).at is not None  # still moved, not skipped
