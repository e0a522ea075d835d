"""What a new athlete's first charts answer, through the real application and the fake Bot API."""

from __future__ import annotations

import re

from bot.charts import build_load, build_volume
from bot.services import Services
from tests.bot.activity_support import add_activity
from tests.bot.chart_support import artists
from tests.conftest import FrozenClock, onboard
from tests.faketg import FakeTelegram
from tests.handlers.test_charts_commands import (
    ask,
    assert_chart_photo,
    at,
    e1rm,
    log_at,
    one_decimal,
)

ANN = 721
DAY_MONTH = re.compile(r"\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")


async def test_one_day_of_training_draws_fitness_and_fatigue(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """A first day of sets draws the load chart over the last two weeks, from zero."""
    clock.now = at(11, 16, 6)
    await onboard(tg, ANN)
    await log_at(tg, clock, ANN, "bench 3x5 @ 80kg", at(11, 16, 7))
    clock.now = at(11, 16, 19)
    reply = await ask(tg, ANN, "/chart load")
    assert_chart_photo(reply)
    load = 7 * 3 * 3 / 6  # session RPE 7 × three 3-minute sets, in load points
    assert reply.text == (
        f"Fitness {load / 42:.0f}, fatigue {load / 7:.0f}, form 0"  # no "+0 in 13 days"
    )
    days = await live_bot.charts.load_days(ANN)
    assert [d.load for d in days] == [0.0] * 13 + [load]


async def test_form_axis_after_years_without_training_reads_zero(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Fitness left over from a run a decade ago is drawn as 0, not as 1e−42."""
    clock.now = at(11, 16, 6)
    await onboard(tg, ANN)
    await add_activity(live_bot, ANN, at(1, 10, 7).replace(year=2015), load=60.0)
    await log_at(tg, clock, ANN, "squat 5x5 @ 100kg", at(11, 16, 7))
    clock.now = at(11, 16, 19)
    reply = await ask(tg, ANN, "/chart load")
    assert_chart_photo(reply)
    assert reply.text.endswith("form 0")
    figure = build_load(await live_bot.charts.load_days(ANN))
    figure.canvas.draw()
    form = figure.axes[1]
    assert form.yaxis.get_offset_text().get_text() == ""
    labels = [t.get_text() for t in form.get_yticklabels()]
    assert "0" in labels
    assert not any("e" in label for label in labels)


async def test_chart_lift_vs_lift_as_the_readme_writes_it(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """/chart bench vs squat and /chart bench are e1RM charts; an unknown word is the menu."""
    clock.now = at(11, 1, 8)
    await onboard(tg, ANN)
    for day in (2, 5, 9):
        await log_at(tg, clock, ANN, "bench 80x5", at(11, day, 17))
        await log_at(tg, clock, ANN, "squat 100x5", at(11, day, 17, 10))
    clock.now = at(11, 16, 7, 30)
    compared = await ask(tg, ANN, "/chart bench vs squat")
    assert_chart_photo(compared)
    assert compared.text.startswith(f"Bench press e1RM {one_decimal(e1rm(80, 5))} kg")
    single = await ask(tg, ANN, "/chart squat")
    assert_chart_photo(single)
    assert single.text.startswith("Squat e1RM")
    assert "Which chart" in (await ask(tg, ANN, "/chart what")).text


async def test_e1rm_after_one_day_of_workouts_asks_for_another_day(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Three workouts on one day are one day: the reply gives the best and asks for a day."""
    clock.now = at(11, 16, 6)
    await onboard(tg, ANN)
    for hour, text in ((7, "bench 80x5"), (11, "bench 82.5x5"), (17, "bench 85x3")):
        await log_at(tg, clock, ANN, text, at(11, 16, hour))
    reply = await ask(tg, ANN, "/chart e1rm bench")
    best = max(e1rm(80, 5), e1rm(82.5, 5), e1rm(85, 3))
    assert reply.text == (
        f"Bench press e1RM {one_decimal(best)} kg so far, all on one day: "
        "log bench press on a second day to see a trend."
    )
    none = await ask(tg, ANN, "/chart e1rm squat")
    assert none.text == (
        "No squat sets with a load and reps yet: log squat on two days to see a trend."
    )


async def test_volume_with_one_week_keeps_a_twelve_week_axis(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """One week of sets is one narrow bar at the end of 12 weeks, labelled by day and month."""
    clock.now = at(12, 28, 6)
    await onboard(tg, ANN)
    await log_at(tg, clock, ANN, "bench 3x5 @ 80kg", at(12, 29, 17))
    clock.now = at(12, 30, 8)
    reply = await ask(tg, ANN, "/chart volume")
    assert_chart_photo(reply)
    assert reply.text.startswith("Week of 28 Dec:")
    figure = build_volume(*await live_bot.charts.volume_weeks(ANN))
    figure.canvas.draw()
    bars = artists(figure, "tonnage")
    assert len(bars) == 12
    assert len({round(bar.get_width(), 6) for bar in bars}) == 1
    assert [bar.get_height() for bar in bars] == [0.0] * 11 + [3 * 80 * 5]
    tonnage = figure.axes[-1]
    labels = [t.get_text() for t in tonnage.get_xticklabels() if t.get_text()]
    assert labels[-1] == "28 Dec"
    assert all(DAY_MONTH.fullmatch(label) for label in labels)
