"""Replies within Telegram's limits (4,096 UTF-16 units a message), user text sent literally."""

from __future__ import annotations

import pytest

from bot.services import Services
from handlers.limits import TEXT_LIMIT, shorten, size, split_message
from tests.conftest import onboard, sent
from tests.faketg import FakeTelegram, SentMessage

ANN = 641
# 300 sets of bench press at 300 different loads: one message of about 3,800 characters.
LOADS = [f"{60 + i * 0.5:g}" for i in range(300)]
HUNDREDS = ["\n".join(f"bench {load}x{reps}" for load in LOADS) for reps in (5, 6)]


async def _say(tg: FakeTelegram, text: str) -> SentMessage:
    tg.send_text(ANN, text)
    (reply,) = await tg.await_for(ANN, predicate=sent)
    return reply


async def test_a_huge_workout_is_acknowledged_and_summarised_in_full(
    live_bot: Services, tg: FakeTelegram
) -> None:
    """The acknowledgement of 300 sets is one short message; /done sends the whole summary
    of 600 in as many messages as it takes, each one accepted by Telegram."""
    await onboard(tg, ANN)
    await _say(tg, HUNDREDS[0])
    ack = await _say(tg, HUNDREDS[1])
    assert ack.text.startswith(
        "✅ Bench press 300 sets: 60 kg × 6, 60.5 kg × 6, 61 kg × 6 … 209.5 kg × 6 — e1RM"
    )
    assert "Sets 301–600 today" in ack.text
    tg.send_text(ANN, "/done")
    tg.send_text(ANN, "/help")
    outputs = await tg.await_for(ANN, predicate=sent, count=3)
    *summary, _help = await _until_help(tg, outputs)
    assert len(summary) >= 2
    assert summary[0].text.startswith("🏁 Workout done — ")
    assert all(size(m.raw_text or "") <= TEXT_LIMIT for m in summary)
    whole = "\n".join(m.text for m in summary)
    assert all(f"{load} kg × {reps}" in whole for load in LOADS for reps in (5, 6))
    assert "600 sets · " in summary[-1].text
    assert tg.errors == []


async def _until_help(tg: FakeTelegram, outputs: list[SentMessage]) -> list[SentMessage]:
    while "/settings" not in (outputs[-1].text or ""):
        outputs += await tg.await_for(ANN, predicate=sent)
    return outputs


async def test_user_text_in_a_reply_is_sent_literally(
    live_bot: Services, tg: FakeTelegram
) -> None:
    """Replies carry no parse mode, so HTML-looking user text is shown as typed."""
    tg.send_text(ANN, "/start")
    (welcome,) = await tg.await_for(ANN)
    tg.press_button(ANN, welcome.message_id, "units:kg")
    await tg.await_for(ANN, predicate=sent)
    retry = await _say(tg, "<b>Atlantis</b> & co")
    assert "“<b>Atlantis</b> & co”" in retry.text
    await _say(tg, "Berlin")
    question = await _say(tg, "<i>sled</i> push 100x20")
    assert question.text.startswith("I don't know the exercise")
    assert all(m.parse_mode is None for m in tg.outputs(ANN))
    assert tg.errors == []


@pytest.mark.parametrize(
    "text",
    [
        "short",
        "\n\n".join(["paragraph " * 40] * 30),
        "\n".join(["💪 line with an emoji, two UTF-16 units"] * 300),
        ", ".join(["80 kg × 5"] * 1000),
        "x" * 10_000,
        "🏋️" * 3000,
    ],
)
def test_split_message_keeps_every_character_within_the_limit(text: str) -> None:
    """Each piece fits; put back together at the cuts, nothing is missing."""
    pieces = split_message(text)
    assert all(0 < size(p) <= TEXT_LIMIT for p in pieces)
    assert "".join("".join(p.split()) for p in pieces).replace(",", "") == "".join(
        text.split()
    ).replace(",", "")


def test_shorten_keeps_whole_lines_and_marks_the_cut() -> None:
    """A text over the limit keeps the lines that fit and ends with an ellipsis."""
    text = "\n".join(f"line {i}" for i in range(2000))
    short = shorten(text, 100)
    assert size(short) <= 100
    assert short.endswith("\n…")
    assert short.splitlines()[:2] == ["line 0", "line 1"]
    assert shorten("fits", 100) == "fits"
    assert size(shorten("🏋" * 500, 101)) <= 101
