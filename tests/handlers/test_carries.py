"""Loaded carries through the real application: the load is never dropped from a reply."""

from __future__ import annotations

from bot.services import Services
from tests.conftest import FrozenClock, onboard, sent
from tests.faketg import FakeTelegram, SentMessage

ANN = 631


async def say(tg: FakeTelegram, clock: FrozenClock, text: str) -> SentMessage:
    """Send a message dated by the bot's clock and return the reply."""
    tg.send_text(ANN, text, date=clock.now)
    (reply,) = await tg.await_for(ANN, predicate=sent)
    return reply


async def test_a_custom_loaded_carry_keeps_its_load(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """An own exercise carried with a load shows load and distance, then time, and in /prs."""
    await onboard(tg, ANN)
    question = await say(tg, clock, "zercher carry 70kg 20m")
    tg.press_button(ANN, question.message_id, dict(question.buttons)["➕ Add “zercher carry”"])
    (logged,) = await tg.await_for(ANN, predicate=sent)
    assert logged.text.startswith("✅ Zercher carry 70 kg × 20 m. Set 1 today.")
    timed = await say(tg, clock, "zercher carry 60kg 30m 0:35")
    assert timed.text.startswith("✅ Zercher carry 60 kg × 30 m in 0:35. Set 2 today.")
    slower = await say(tg, clock, "zercher carry 60kg 30m 0:45")
    assert slower.text == "✅ Zercher carry 60 kg × 30 m in 0:45. Set 3 today."  # no "hold" PR
    prs = await say(tg, clock, "/prs")
    assert "• Zercher carry: heaviest 70 kg × 20 m" in prs.text
    assert "None" not in prs.text


async def test_carries_of_one_load_read_like_sets(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Several carries at one load are counted like sets; a carry with no load stays bare."""
    await onboard(tg, ANN)
    both = await say(tg, clock, "farmers carry 2x40m @ 32kg")
    assert both.text.startswith("✅ Farmer's carry 2 × 40 m @ 32 kg. Sets 1–2 today.")
    bare = await say(tg, clock, "farmers carry 40m")
    assert bare.text.startswith("✅ Farmer's carry 40 m. Set 3 today.")
    assert "• Farmer's carry: heaviest 32 kg × 40 m" in (await say(tg, clock, "/prs")).text
