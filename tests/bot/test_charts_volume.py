"""Tests for the weekly volume chart: sets against landmark bands, tonnage and caption."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from bot.charts import NotEnoughDataError, WeekVolume, build_volume, render_volume, style
from bot.charts.chart import KG_PER_LB
from bot.charts.volume import landmark_status
from engine.landmarks import LANDMARKS, MUSCLE_GROUPS
from tests.bot.chart_support import artists, figure_texts, ink_fraction

MONDAY = date(2025, 6, 9)
SETS = {"chest": 12, "back": 4, "quads": 25, "biceps": 10, "forearms": 6}


def rects(figure: Figure, gid: str) -> list[Rectangle]:
    return [a for a in artists(figure, gid) if isinstance(a, Rectangle)]


def test_one_bar_per_muscle_group_with_the_weeks_sets() -> None:
    """Every landmark group gets a bar (0 when untrained) and unknown groups are appended."""
    figure = build_volume([WeekVolume(MONDAY, SETS, 10_000)])
    bars = rects(figure, "sets")
    groups = [*MUSCLE_GROUPS, "forearms"]
    assert [bar.get_width() for bar in bars] == [SETS.get(g, 0) for g in groups]
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels == groups


def test_bands_span_mev_to_mrv_for_every_known_group() -> None:
    """Each known group has a MEV-MRV band and a MAV band; unknown groups have none."""
    figure = build_volume([WeekVolume(MONDAY, SETS, 10_000)])
    bands = rects(figure, "band")
    mav = rects(figure, "mav")
    assert [(b.get_x(), b.get_x() + b.get_width()) for b in bands] == [
        (LANDMARKS[g].mev, LANDMARKS[g].mrv) for g in MUSCLE_GROUPS
    ]
    assert [(b.get_x(), b.get_x() + b.get_width()) for b in mav] == [
        (LANDMARKS[g].mav_low, LANDMARKS[g].mav_high) for g in MUSCLE_GROUPS
    ]


@pytest.mark.parametrize(
    ("group", "sets", "status"),
    [("chest", 9, "below"), ("chest", 10, "in"), ("chest", 22, "in"), ("chest", 23, "above"),
     ("glutes", 0, "in"), ("forearms", 5, "none")],
)  # fmt: skip
def test_landmark_status_uses_inclusive_bounds(group: str, sets: float, status: str) -> None:
    """MEV and MRV themselves are in range; groups without landmarks have no status."""
    assert landmark_status(group, sets) == status


def test_bar_colours_show_below_in_and_above() -> None:
    """Below MEV is grey, inside the range blue, above MRV red."""
    figure = build_volume([WeekVolume(MONDAY, SETS, 10_000)])
    colour = {
        g: to_hex(bar.get_facecolor())
        for g, bar in zip([*MUSCLE_GROUPS, "forearms"], rects(figure, "sets"), strict=True)
    }
    assert (colour["back"], colour["chest"], colour["quads"]) == (
        style.GREY.lower(),
        style.BLUE.lower(),
        style.RED.lower(),
    )


def test_latest_trained_week_is_shown_and_duplicates_are_summed() -> None:
    """Two entries in one week add up; an empty later week does not hide the last workout."""
    weeks = [
        WeekVolume(MONDAY, {"chest": 5}, 4_000),
        WeekVolume(MONDAY + timedelta(days=3), {"chest": 6}, 5_000),
        WeekVolume(MONDAY + timedelta(weeks=1), {}, 0),
        WeekVolume(MONDAY - timedelta(weeks=1), {"chest": 20}, 9_000),
    ]
    figure = build_volume(weeks)
    assert rects(figure, "sets")[0].get_width() == 11
    assert "Hard sets · week of 9 Jun" in figure_texts(figure)


def test_tonnage_bars_cover_twelve_weeks_with_gaps_as_zero() -> None:
    """Tonnage shows the last 12 weeks up to the shown week, missing weeks as empty bars."""
    weeks = [WeekVolume(MONDAY - timedelta(weeks=w), {"back": 10}, 1000.0 * w) for w in (0, 2, 15)]
    bars = rects(build_volume(weeks, unit="lb"), "tonnage")
    assert len(bars) == 12
    heights = [bar.get_height() for bar in bars]
    assert heights[-1] == 0
    assert heights[-2] == 0
    assert heights[-3] == pytest.approx(2000 / KG_PER_LB)


def test_caption_counts_groups_in_range_and_tonnage() -> None:
    """The caption's in-range count and tonnage match an independent count."""
    in_range = sum(LANDMARKS[g].mev <= SETS.get(g, 0) <= LANDMARKS[g].mrv for g in MUSCLE_GROUPS)
    chart = render_volume([WeekVolume(MONDAY, SETS, 12_345.6)])
    assert chart.caption == (
        f"Week of 9 Jun: {in_range} of 13 muscle groups in range, 12,346 kg lifted"
    )
    assert ink_fraction(chart.png) > 0.04


@pytest.mark.parametrize(
    "weeks",
    [[], [WeekVolume(MONDAY, {}, 5_000)], [WeekVolume(MONDAY, {"chest": 0}, 0)]],
    ids=["none", "no-sets", "zero-sets"],
)
def test_weeks_without_sets_ask_for_some(weeks: list[WeekVolume]) -> None:
    """Without any hard sets the chart refuses with a hint to log some."""
    with pytest.raises(NotEnoughDataError, match="hard sets"):
        render_volume(weeks)
