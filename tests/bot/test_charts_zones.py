"""Tests for the weekly time-in-zones chart: stacked bars, window and caption."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from bot.charts import NotEnoughDataError, WeekZones, build_zones, render_zones, style
from tests.bot.chart_support import artists, figure_texts, ink_fraction

MONDAY = date(2025, 6, 16)


def bars(figure: Figure, zone: int) -> list[Rectangle]:
    return [a for a in artists(figure, f"Z{zone}") if isinstance(a, Rectangle)]


def test_bars_stack_each_zone_on_the_ones_below() -> None:
    """Each zone is a bar per week sitting on the sum of the lower zones."""
    weeks = [WeekZones(MONDAY - timedelta(weeks=1), (10, 20, 30, 40, 50)),
             WeekZones(MONDAY, (5, 4, 3, 2, 1))]  # fmt: skip
    figure = build_zones(weeks)
    for zone in range(1, 6):
        heights = [bar.get_height() for bar in bars(figure, zone)]
        bottoms = [bar.get_y() for bar in bars(figure, zone)]
        assert heights == [w.minutes[zone - 1] for w in weeks]
        assert bottoms == [sum(w.minutes[: zone - 1]) for w in weeks]
    assert [t for t in figure_texts(figure) if t.startswith("Z")] == ["Z1", "Z2", "Z3", "Z4", "Z5"]
    assert figure.axes[0].get_ylabel() == "minutes"


def test_last_twelve_weeks_with_gaps_filled_and_duplicates_summed() -> None:
    """Only the 12 weeks up to the latest active week show; missing weeks are empty bars."""
    weeks = [WeekZones(MONDAY - timedelta(weeks=w), (0, 60, 0, 0, 0)) for w in (0, 3, 20)]
    weeks.append(WeekZones(MONDAY + timedelta(days=2), (0, 15, 0, 0, 0)))
    weeks.append(WeekZones(MONDAY + timedelta(weeks=1), (0, 0, 0, 0, 0)))
    heights = [bar.get_height() for bar in bars(build_zones(weeks), 2)]
    assert len(heights) == 12
    assert heights[-1] == 75
    assert heights[-4] == 60
    assert sum(heights) == 135


def test_caption_gives_total_and_easy_share_of_the_latest_week() -> None:
    """Total time and the Z1-Z2 share come from the latest week only."""
    minutes = (30.0, 150.0, 40.0, 20.0, 10.0)
    chart = render_zones([WeekZones(MONDAY - timedelta(weeks=1), (0, 500, 0, 0, 0)),
                          WeekZones(MONDAY, minutes)])  # fmt: skip
    easy = round(100 * 180 / 250)
    assert chart.caption == f"Heart-rate zones, week of 16 Jun: 4 h 10 min, {easy} % easy (Z1–Z2)"
    assert ink_fraction(chart.png) > 0.04


def test_zone_colours_follow_the_palette() -> None:
    """Zone bars use the shared zone palette, Z1 to Z5."""
    figure = build_zones([WeekZones(MONDAY, (1, 1, 1, 1, 1))])
    colours = [bars(figure, z)[0].get_facecolor() for z in range(1, 6)]
    assert colours == [to_rgba(c) for c in style.ZONE_COLORS]


def test_wrong_number_of_zones_is_a_programming_error() -> None:
    """Zone minutes must come as exactly five values."""
    with pytest.raises(ValueError, match="expected 5 zone minutes"):
        render_zones([WeekZones(MONDAY, (1, 2, 3, 4))])


def test_weeks_without_zone_time_ask_for_a_recording() -> None:
    """All-zero weeks are not charted; the error asks for a workout with heart rate."""
    with pytest.raises(NotEnoughDataError, match="with heart rate"):
        render_zones([WeekZones(MONDAY, (0, 0, 0, 0, 0))])
