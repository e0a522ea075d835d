"""/weight and plain weigh-ins through the real application: logged as body weight, never a
set; the chart with its 7-day trend."""

from __future__ import annotations

import datetime as dtm

from bot.services import Services
from engine.strength_scores import dots, wilks2
from tests.conftest import FrozenClock, onboard
from tests.faketg import FakeTelegram
from tests.handlers.test_charts_commands import ask, assert_chart_photo, at

ANN, BOB = 731, 732


async def test_weight_command_and_plain_weighins_log_body_weight_not_sets(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    clock.now = at(11, 1, 8)
    await onboard(tg, ANN)
    reply = await ask(tg, ANN, "/weight 82.5")
    assert "Body weight 82.5 kg logged" in reply.text
    clock.now = at(11, 2, 8)
    reply = await ask(tg, ANN, "bw 82.1")
    assert "Body weight 82.1 kg logged" in reply.text
    assert "-0.4 kg since your last weigh-in" in reply.text
    clock.now = at(11, 3, 8)
    reply = await ask(tg, ANN, "weight 81.8kg")
    assert "Body weight 81.8 kg logged" in reply.text
    assert "7-day trend 82.1 kg" in reply.text
    assert await live_bot.bodyweight.latest_kg(ANN) == 81.8
    history = await ask(tg, ANN, "/history")
    assert "82" not in history.text  # nothing was logged as a set


async def test_weight_chart_has_the_trend(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    clock.now = at(11, 1, 8)
    await onboard(tg, BOB, units="lb")
    reply = await ask(tg, BOB, "/weight")
    assert "two days" in reply.text
    for day, value in enumerate((181, 180, 180.5, 179, 178.5), start=1):
        clock.now = at(11, day, 7)
        reply = await ask(tg, BOB, f"/weight {value}")
        assert f"Body weight {value:g} lb logged" in reply.text
    clock.now = at(11, 5, 9) + dtm.timedelta(minutes=1)
    chart = await ask(tg, BOB, "/weight")
    assert_chart_photo(chart)
    assert chart.text == "Body weight 178.5 lb, 7-day trend 179.8 lb (-1.2 lb in a week)"


async def test_impossible_weights_are_refused_kindly(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    clock.now = at(11, 1, 8)
    await onboard(tg, ANN)
    for text in ("/weight 5", "/weight heavy", "/weight 900"):
        reply = await ask(tg, ANN, text)
        assert "body weight" in reply.text.lower()
        assert "logged" not in reply.text
    assert await live_bot.bodyweight.latest_kg(ANN) is None


async def test_stats_shows_dots_and_wilks2_of_the_big_three(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """/stats adds DOTS and Wilks 2 of the best squat, bench and deadlift e1RMs at the latest
    body weight, and says what is missing before that."""
    clock.now = at(11, 1, 8)
    await onboard(tg, ANN)
    for text in ("squat 200x1", "bench 140x1"):
        await ask(tg, ANN, text)
    stats = await ask(tg, ANN, "/stats")
    assert "DOTS and Wilks 2 need deadlift, a body weight (/weight 82.5)." in stats.text
    await ask(tg, ANN, "deadlift 240x1")
    await ask(tg, ANN, "/weight 90")
    stats = await ask(tg, ANN, "/stats")
    expected = f"DOTS {dots('m', 90, 580):.1f}, Wilks 2 {wilks2('m', 90, 580):.1f}"
    assert "e1RM total 580 kg at 90 kg" in stats.text
    assert expected in stats.text
