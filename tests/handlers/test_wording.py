"""Replies phrased as a person would: signs, one "@" per line, plurals, no "+0"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.charts.load import LoadDay, render_load
from bot.services import Services
from tests.conftest import FrozenClock, onboard
from tests.faketg import FakeTelegram
from tests.handlers.test_charts_commands import ask, at, log_at
from tests.handlers.test_programs import say

ANN = 801


async def test_assisted_and_weighted_sets_say_what_to_do_next(
    live_bot: Services, tg: FakeTelegram
) -> None:
    """An assisted lift's next set names its assistance; a weighted one its added load."""
    await onboard(tg, ANN)
    (assisted,) = await say(tg, ANN, "assisted dips -20 x8")
    assert assisted.text.splitlines()[0] == "✅ Dip bodyweight −20 kg × 8. Set 1 today."
    assert assisted.text.endswith("Next: another set of 8 with 20 kg assistance")
    (weighted,) = await say(tg, ANN, "pullups bw+10 x6")
    assert weighted.text.endswith("Next: another set of 6 at +10 kg")


async def test_equal_sets_with_an_effort_have_one_at_sign(
    live_bot: Services, tg: FakeTelegram
) -> None:
    """'2 × 6 @ 120 kg (RIR 2)', as plans write it, not '2 × 6 @ 120 kg @ RIR 2'."""
    await onboard(tg, ANN)
    (rir,) = await say(tg, ANN, "squat 2x6 @ 120kg rir2")
    assert rir.text.startswith("✅ Squat 2 × 6 @ 120 kg (RIR 2) — e1RM")
    (rpe,) = await say(tg, ANN, "squat 2x6 @ 120kg @8")
    assert rpe.text.startswith("✅ Squat 2 × 6 @ 120 kg (RPE 8) — e1RM")
    (uneven,) = await say(tg, ANN, "ohp 40x8,8,7 @8")
    assert uneven.text.startswith("✅ Overhead press 40 kg × 8, 8, 7 @ RPE 8 — e1RM")


async def test_one_training_day_is_singular(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """The calendar of a first workout counts '1 training day'."""
    clock.now = at(11, 16, 6)
    await onboard(tg, ANN)
    await log_at(tg, clock, ANN, "bench 3x5 @ 80kg", at(11, 16, 7))
    calendar = await ask(tg, ANN, "/calendar")
    assert "1 training day in the last year" in calendar.text


# Two days are too short for matplotlib's date ticks; only the caption is checked here.
@pytest.mark.filterwarnings("ignore:AutoDateLocator was unable")
def test_a_one_day_fitness_change_is_singular() -> None:
    """Over one day the caption says '1 day'; a change that rounds to nothing is left out."""
    today = date(2026, 11, 16)
    before = LoadDay(today - timedelta(days=1), 10.0, 10.0, 0.0, 0.0)
    assert render_load([before, LoadDay(today, 12.0, 30.0, -20.0, 100.0)]).caption == (
        "Fitness 12 (+2 in 1 day), fatigue 30, form -20"
    )
    assert render_load([before, LoadDay(today, 10.2, 14.0, 0.4, 30.0)]).caption == (
        "Fitness 10, fatigue 14, form 0"
    )
