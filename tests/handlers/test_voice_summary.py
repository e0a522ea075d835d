"""The workout summary after /done: complete at once, the model's sentence later as an edit."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from bot.services import Services
from bot.settings import Settings
from prompts.facts import Facts
from prompts.phrasing import WORKOUT_DONE, phrasings
from tests.conftest import FrozenClock, onboard
from tests.fakeollama import FakeOllama, Mode
from tests.fakeollama.replies import BAD
from tests.faketg import FakeTelegram
from tests.handlers.voice_support import (
    BUDGET_S,
    REPLY,
    is_edit,
    timed,
    voice_bot,
    voice_settings,
)

ANN, BOB = 701, 702
MARK = "💬 "
TEMPLATES = {
    *phrasings(Facts(WORKOUT_DONE)),
    *phrasings(Facts(WORKOUT_DONE, lines=(("records", "bench press heaviest ever"),))),
}


@pytest.fixture
def ollama() -> Iterator[FakeOllama]:
    with FakeOllama(reply=REPLY) as fake:
        yield fake


@pytest.fixture
async def bot(
    bot_settings: Settings, ollama: FakeOllama, tg: FakeTelegram, clock: FrozenClock
) -> AsyncIterator[Services]:
    async with voice_bot(voice_settings(bot_settings, ollama), clock) as services:
        await onboard(tg, ANN)
        yield services


async def _workout(tg: FakeTelegram, user_id: int, *lines: str) -> None:
    for line in lines:
        await timed(tg, user_id, line)


def _template_of(text: str) -> str:
    line = text.rsplit("\n", 1)[-1]
    assert line.startswith(MARK), text
    return line.removeprefix(MARK)


async def test_the_summary_comes_at_once_and_the_models_sentence_replaces_its_line(
    bot: Services, tg: FakeTelegram, ollama: FakeOllama
) -> None:
    """First the whole summary with a template line, then one edit with the model's line."""
    await _workout(tg, ANN, "bench 80x5", "bench 80x5")
    summary, took = await timed(tg, ANN, "/done")
    assert took < BUDGET_S
    body, _, line = summary.text.rpartition("\n\n")
    assert body.startswith("🏁 Workout done — ")
    assert "2 sets · 800 kg lifted" in body
    assert line.removeprefix(MARK) in TEMPLATES
    (edit,) = await tg.await_for(ANN, predicate=is_edit)
    assert edit.message_id == summary.message_id
    assert edit.text == f"{body}\n\n{MARK}{REPLY}"


async def test_the_prompt_holds_the_askers_facts_and_nothing_of_anyone_elses(
    bot: Services, tg: FakeTelegram, ollama: FakeOllama
) -> None:
    """Ann's exercises and numbers are in the prompt; Bob's, chat ids and the token are not."""
    await onboard(tg, BOB)
    await _workout(tg, BOB, "deadlift 190x3", "/done")
    await ollama.await_chats(1)
    await _workout(tg, ANN, "squat 3x5 @ 100kg")
    await timed(tg, ANN, "/done")
    await tg.await_for(ANN, predicate=is_edit)
    bob, ann = ollama.chats
    prompt = ann.user
    assert "exercises: squat" in prompt
    assert "sets: 3" in prompt
    assert "tonnage: 1,500 kg" in prompt
    assert "deadlift" not in prompt
    assert "190" not in prompt
    assert str(ANN) not in ann.prompt_text
    assert str(BOB) not in ann.prompt_text
    assert "deadlift" in bob.user
    assert ollama.sent_anywhere(tg.token) == []
    assert ollama.sent_anywhere(tg.token.split(":", 1)[1]) == []


@pytest.mark.parametrize(
    "mode", [Mode.HANG, Mode.ERROR_500, Mode.MALFORMED, Mode.RESET, Mode.STREAM_ERROR,
             Mode.MISSING_MODEL],
)  # fmt: skip
async def test_a_failing_model_leaves_the_summary_as_sent(
    bot: Services, tg: FakeTelegram, ollama: FakeOllama, mode: Mode
) -> None:
    """Whatever goes wrong, the summary arrives at once, complete, and is never edited."""
    ollama.answer(mode=mode)
    await _workout(tg, ANN, "bench 80x5")
    summary, took = await timed(tg, ANN, "/done")
    assert took < BUDGET_S
    assert summary.text.rsplit("\n", 1)[-1].startswith(MARK)
    await bot.voice.settled()
    assert tg.edited(summary.message_id, ANN) == []


async def test_a_hanging_model_never_slows_a_set_log(
    bot: Services, tg: FakeTelegram, ollama: FakeOllama
) -> None:
    """While the model hangs on Ann's summary, her next set and Bob's are acknowledged at once."""
    await onboard(tg, BOB)
    ollama.answer(mode=Mode.HANG)
    await _workout(tg, ANN, "bench 80x5", "/done")
    await ollama.await_chats(1)  # the model is busy with Ann's summary from now on
    for user in (ANN, BOB, ANN):
        ack, took = await timed(tg, user, "row 60x10")
        assert ack.text.startswith("✅ ")
        assert took < BUDGET_S / 2


@pytest.mark.parametrize("name", sorted(BAD))
async def test_bad_text_never_reaches_the_user(
    bot: Services, tg: FakeTelegram, ollama: FakeOllama, name: str
) -> None:
    """Each reply that breaks a guardrail is dropped: no edit, the template line stays."""
    ollama.answer(BAD[name])
    await _workout(tg, ANN, "bench 80x5")
    summary, _ = await timed(tg, ANN, "/done")
    await ollama.await_chats(1)
    await bot.voice.settled()
    assert tg.edited(summary.message_id, ANN) == []
    assert tg.message(ANN, summary.message_id)["text"] == summary.raw_text


async def test_a_sentence_slower_than_its_budget_is_dropped(
    bot: Services, tg: FakeTelegram, ollama: FakeOllama
) -> None:
    """Tokens that keep trickling past SPOTTER_OLLAMA_TIMEOUT_S: no edit."""
    ollama.answer(mode=Mode.SLOW_TOKENS, token_delay_s=BUDGET_S / 3)
    await _workout(tg, ANN, "bench 80x5")
    summary, _ = await timed(tg, ANN, "/done")
    await bot.voice.settled()
    assert tg.edited(summary.message_id, ANN) == []


async def test_a_slow_load_within_the_budget_still_edits(
    bot: Services, tg: FakeTelegram, ollama: FakeOllama
) -> None:
    """A cold model answering within the budget gets its sentence in."""
    await bot.voice.settled()  # the warm-up at start
    ollama.unload()
    ollama.answer(mode=Mode.SLOW_LOAD, load_delay_s=BUDGET_S / 4)
    await _workout(tg, ANN, "bench 80x5", "/done")
    (edit,) = await tg.await_for(ANN, predicate=is_edit)
    assert edit.text.endswith(f"{MARK}{REPLY}")


async def test_the_model_is_warmed_up_at_start(bot: Services, ollama: FakeOllama) -> None:
    """A load request (no messages) reaches Ollama when the bot starts."""
    await bot.voice.settled()
    assert "POST /api/chat" in ollama.paths()
    assert ollama.chats == []


async def test_voice_off_asks_nothing(
    bot_settings: Settings, ollama: FakeOllama, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """SPOTTER_VOICE=off: the template line only, and no request to Ollama at all."""
    settings = voice_settings(bot_settings, ollama, voice=False)
    async with voice_bot(settings, clock) as services:
        await onboard(tg, ANN)
        await _workout(tg, ANN, "bench 80x5")
        summary, _ = await timed(tg, ANN, "/done")
        await services.voice.settled()
    assert _template_of(summary.text) in TEMPLATES
    assert ollama.received == []
    assert tg.edited(summary.message_id, ANN) == []


def test_voice_settings_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """SPOTTER_VOICE takes on/off; SPOTTER_OLLAMA_TIMEOUT_S must be positive."""
    monkeypatch.setenv("SPOTTER_VOICE", "off")
    monkeypatch.setenv("SPOTTER_OLLAMA_TIMEOUT_S", "7.5")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert (settings.voice, settings.ollama_timeout_s) == (False, 7.5)
    monkeypatch.setenv("SPOTTER_OLLAMA_TIMEOUT_S", "0")
    with pytest.raises(ValueError, match="ollama_timeout_s"):
        Settings(_env_file=None)  # type: ignore[call-arg]
