"""Tests for the fitness/fatigue/form chart: 90-day window, today's labels and caption."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from matplotlib.collections import PolyCollection
from matplotlib.lines import Line2D

from bot.charts import LoadDay, NotEnoughDataError, build_load, render_load
from tests.bot.chart_support import artists, figure_texts, ink_fraction

TODAY = date(2025, 6, 18)


def history(days: int, seed: int = 1) -> list[LoadDay]:
    """Random but valid model days ending today, oldest first."""
    rng = random.Random(seed)
    ctl = atl = 0.0
    result = []
    for offset in range(days):
        load = rng.choice([0.0, rng.uniform(30, 120)])
        tsb = ctl - atl
        ctl += (load - ctl) / 42
        atl += (load - atl) / 7
        result.append(LoadDay(TODAY - timedelta(days=days - 1 - offset), ctl, atl, tsb, load))
    return result


def test_only_the_last_90_days_are_plotted() -> None:
    """Fitness, fatigue and load series hold exactly the last 90 days, oldest first."""
    days = history(200)
    figure = build_load(list(reversed(days)))
    (ctl,) = artists(figure, "ctl")
    (atl,) = artists(figure, "atl")
    assert isinstance(ctl, Line2D)
    assert isinstance(atl, Line2D)
    assert list(ctl.get_ydata()) == pytest.approx([d.ctl for d in days[-90:]], abs=0.05)
    assert list(atl.get_ydata()) == pytest.approx([d.atl for d in days[-90:]], abs=0.05)
    assert len(artists(figure, "load")) == 90


def test_decayed_fitness_is_drawn_as_zero() -> None:
    """Residue of a model run over years (1e-44) draws as 0: no '1e−44' on the form axis."""
    days = [LoadDay(TODAY - timedelta(days=89 - i), 1e-42, 1e-43, 9e-43, 0.0) for i in range(90)]
    days[-1] = LoadDay(TODAY, 1.7, 10.0, 1.6e-44, 70.0)
    figure = build_load(days)
    figure.canvas.draw()
    form = figure.axes[1]
    assert form.yaxis.get_offset_text().get_text() == ""
    low, high = form.get_ylim()
    shown = [t.get_text() for t in form.get_yticklabels() if low <= t.get_position()[1] <= high]
    assert shown == ["−4", "0", "4"]
    assert set(artists(figure, "ctl")[0].get_ydata()[:-1]) == {0.0}


def test_form_is_filled_green_above_and_orange_below_zero() -> None:
    """Form is two filled areas, one for positive and one for negative values."""
    fills = artists(build_load(history(120)), "form")
    assert len(fills) == 2
    assert all(isinstance(f, PolyCollection) for f in fills)


def test_todays_values_are_labelled() -> None:
    """The legend names today's fitness, fatigue and form as whole numbers."""
    days = history(60)
    today = days[-1]
    texts = figure_texts(build_load(days))
    assert f"Fitness {today.ctl:.0f}" in texts
    assert f"Fatigue {today.atl:.0f}" in texts
    assert f"Form {round(today.tsb):+d}" in texts
    assert "Fitness & fatigue" in texts


def test_caption_gives_fitness_change_fatigue_and_form() -> None:
    """The caption's numbers are today's values and fitness change over the window."""
    days = history(150)
    window = days[-90:]
    change = round(window[-1].ctl - window[0].ctl)
    chart = render_load(days)
    assert chart.caption == (
        f"Fitness {window[-1].ctl:.0f} ({change:+d} in 89 days), "
        f"fatigue {window[-1].atl:.0f}, form {round(window[-1].tsb):+d}"
    )
    assert ink_fraction(chart.png) > 0.04


@pytest.mark.parametrize(
    ("days", "hint"),
    [
        ([], "two days of training"),
        ([LoadDay(TODAY, 10, 20, 0, 50)], "two days of training"),
        ([LoadDay(TODAY - timedelta(days=i), 0, 0, 0, 0) for i in range(9)], "No training load"),
        (  # fitness decayed from an activity months ago: nothing worth a chart
            [LoadDay(TODAY - timedelta(days=i), 0.01, 0.0, 0.01, 0) for i in range(90)],
            "No training load",
        ),
    ],
    ids=["none", "one-day", "all-zero", "long-decayed"],
)
def test_too_little_history_asks_for_more(days: list[LoadDay], hint: str) -> None:
    """Fewer than two days, or no load worth drawing, is answered with a hint."""
    with pytest.raises(NotEnoughDataError, match=hint):
        render_load(days)
