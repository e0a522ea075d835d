"""The coaching voice in scheduled messages: sent at once with a template line, the model's
sentence put in its place by one edit; a hanging model never holds up the pass."""

from __future__ import annotations

import datetime as dtm
import time
from collections.abc import AsyncIterator, Iterator

import pytest
from telegram.ext import Application

from bot.services import Services
from bot.services.program_morning import press_data
from bot.settings import Settings
from tests.bot.program_support import build, join, uid
from tests.conftest import FrozenClock
from tests.fakeollama import FakeOllama, Mode
from tests.faketg import FakeTelegram
from tests.handlers.voice_support import BUDGET_S, REPLY, is_edit, voice_settings
from tests.jobs.jobs_support import bot_app, run_pass

ANN = 951
MARK = "💬 "
MONDAY_0700 = dtm.datetime(2026, 11, 16, 6, 0, tzinfo=dtm.UTC)
Pair = tuple[Application, Services]


@pytest.fixture
def ollama() -> Iterator[FakeOllama]:
    with FakeOllama(reply=REPLY) as fake:
        yield fake


@pytest.fixture
async def app(
    bot_settings: Settings, ollama: FakeOllama, clock: FrozenClock
) -> AsyncIterator[Pair]:
    clock.now = MONDAY_0700
    async with bot_app(voice_settings(bot_settings, ollama), clock, polling=True) as pair:
        await join(pair[1], ANN)
        await build(pair[1], ANN)
        try:
            yield pair
        finally:
            await pair[1].voice.close()


async def test_the_morning_message_gets_the_models_sentence_and_keeps_its_buttons(
    app: Pair, tg: FakeTelegram
) -> None:
    """One edit replaces the template line; the buttons stay; a readiness tap afterwards
    redraws the message with the model's sentence, not the template."""
    assert await run_pass(app, "morning") == 1
    (sent,) = await tg.await_for(ANN)
    body, _, line = sent.text.rpartition("\n\n")
    assert line.startswith(MARK)
    (edit,) = await tg.await_for(ANN, predicate=is_edit)
    assert edit.message_id == sent.message_id
    assert edit.text == f"{body}\n\n{MARK}{REPLY}"
    assert edit.buttons == sent.buttons
    tg.press_button(ANN, sent.message_id, press_data("r", MONDAY_0700.date(), 1, 1, "s2"))
    (tapped,) = await tg.await_for(ANN, predicate=is_edit)
    assert tapped.text.endswith(f"🔋 Readiness: sleep OK → loads as planned.\n\n{MARK}{REPLY}")


async def test_deload_reminder_and_weekly_summary_get_it_too(
    app: Pair, tg: FakeTelegram, clock: FrozenClock
) -> None:
    services = app[1]
    await services.logbook.log_text(uid(), ANN, "squat 3x5 @ 100kg", clock.now, uid())
    clock.now = dtm.datetime(2026, 11, 22, 18, 0, tzinfo=dtm.UTC)  # Sunday 19:00
    assert await run_pass(app, "weekly") == 1
    summary = (await tg.await_for(ANN))[0]
    assert summary.text.startswith("🗓 Your week")
    (edit,) = await tg.await_for(ANN, predicate=is_edit)
    assert edit.message_id == summary.message_id
    assert edit.text.endswith(f"\n\n{MARK}{REPLY}")
    clock.now = dtm.datetime(2026, 12, 13, 18, 0, tzinfo=dtm.UTC)  # the eve of week 5
    assert await run_pass(app, "deload_eve") == 1
    (eve,) = await tg.await_for(ANN, predicate=lambda m: m.method == "sendMessage")
    assert eve.text.startswith("🔻 Your deload week starts tomorrow")
    (edit,) = await tg.await_for(ANN, predicate=is_edit)
    assert edit.message_id == eve.message_id
    assert edit.text == f"{eve.text.rpartition(chr(10) * 2)[0]}\n\n{MARK}{REPLY}"


async def test_a_hanging_model_never_holds_up_the_pass_nor_edits(
    app: Pair, tg: FakeTelegram, ollama: FakeOllama, clock: FrozenClock
) -> None:
    """The model hangs: every due message goes out at once, complete, and is never edited."""
    ollama.answer(mode=Mode.HANG)
    for user in range(ANN + 1, ANN + 6):
        await join(app[1], user)
        await build(app[1], user)
    started = time.monotonic()
    assert await run_pass(app, "morning") == 6
    assert time.monotonic() - started < BUDGET_S * 3
    await app[1].voice.settled()
    assert [m for m in tg.outputs() if is_edit(m)] == []
    assert all(m.text.rsplit("\n", 1)[-1].startswith(MARK) for m in tg.outputs())
