"""Tests for the activity chart: pace or speed, heart rate over zone bands, laps, caption."""

from __future__ import annotations

import itertools
from datetime import date

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from bot.charts import ActivityTrace, NotEnoughDataError, build_activity, render_activity
from bot.charts.activity import is_ride
from bot.charts.chart import M_PER_MILE
from tests.bot.chart_support import artists, figure_texts, ink_fraction

DAY = date(2025, 6, 18)
ZONES = (100, 120, 140, 155, 170, 190)


def steady(
    seconds: int, speed: float = 3.0, hr: float = 150.0, sport: str = "run", **streams: tuple
) -> ActivityTrace:
    """A 1 Hz trace at constant speed and heart rate; ``streams`` override single fields."""
    t = tuple(float(s) for s in range(seconds))
    fields = {
        "distance_m": tuple(speed * s for s in t),
        "speed_mps": (speed,) * seconds,
        "hr_bpm": (hr,) * seconds,
        **streams,
    }
    return ActivityTrace(sport, DAY, t, **fields)


def line(figure: Figure, gid: str) -> Line2D:
    (found,) = artists(figure, gid)
    assert isinstance(found, Line2D)
    return found


@pytest.mark.parametrize(("seconds", "points"), [(300, 300), (7200, 400)])
def test_long_recordings_are_bucketed_to_at_most_400_points(seconds: int, points: int) -> None:
    """Short traces keep every sample; long ones are averaged down to 400 points."""
    figure = build_activity(steady(seconds), ZONES)
    assert len(line(figure, "pace").get_xdata()) == points
    assert len(line(figure, "hr").get_xdata()) == points


def test_constant_effort_plots_its_pace_and_heart_rate() -> None:
    """3 m/s is 5:33.3 per km, drawn as minutes per km; heart rate stays flat."""
    figure = build_activity(steady(600), ZONES)
    assert np.allclose(line(figure, "pace").get_ydata(), 1000 / 3 / 60)
    assert np.allclose(line(figure, "hr").get_ydata(), 150)
    pace_axis = figure.axes[0]
    assert pace_axis.get_ylim()[0] > pace_axis.get_ylim()[1]  # faster is up


def test_zone_bands_match_the_given_bounds() -> None:
    """Five shaded bands run from each zone's lower bound to the next, Z5 up to HRmax."""
    figure = build_activity(steady(300), ZONES)
    bands = [a for a in artists(figure, "zone") if isinstance(a, Rectangle)]
    spans = [(b.get_y(), b.get_y() + b.get_height()) for b in bands]
    assert spans == list(itertools.pairwise(ZONES))


def test_lap_markers_are_drawn_on_every_panel() -> None:
    """Each lap start strictly inside the activity is one marker per panel, at its distance."""
    figure = build_activity(steady(900, lap_starts_s=(0.0, 300.0, 600.0, 900.0)), ZONES)
    laps = [a for a in artists(figure, "lap") if isinstance(a, Line2D)]
    assert len(laps) == 2 * 2
    assert sorted({lap.get_xdata()[0] for lap in laps}) == pytest.approx([0.9, 1.8])


def test_rides_show_speed_and_miles_for_pound_users() -> None:
    """A ride shows speed in mi/h upright when the user's unit is lb."""
    figure = build_activity(steady(600, sport="ride", speed_mps=(8.0,) * 600), ZONES, "lb")
    assert np.allclose(line(figure, "pace").get_ydata(), 8 * 3600 / M_PER_MILE)
    assert "Speed (mi/h)" in figure_texts(figure)
    assert figure.axes[0].get_ylim()[0] < figure.axes[0].get_ylim()[1]
    assert figure.axes[-1].get_xlabel() == "mi"


def test_speed_comes_from_distance_when_missing() -> None:
    """Without a speed stream, pace is derived from the distance samples."""
    figure = build_activity(steady(600, speed_mps=()), ZONES)
    assert np.allclose(line(figure, "pace").get_ydata(), 1000 / 3 / 60)


def test_heart_rate_only_is_one_panel_over_time() -> None:
    """A trace with only heart rate is charted over elapsed time in one panel."""
    figure = build_activity(steady(600, distance_m=(), speed_mps=()), ZONES)
    assert len(figure.axes) == 1
    assert figure.axes[0].get_xlabel() == "time (h:mm)"
    assert artists(figure, "pace") == []


@pytest.mark.parametrize(
    ("sport", "ride"), [("run", False), ("Cycling", True), ("e-bike ride", True), ("walk", False)]
)
def test_is_ride_recognises_cycling_words(sport: str, ride: bool) -> None:
    """Cycling sports are shown as speed, everything else as pace."""
    assert is_ride(sport) is ride


def test_caption_gives_distance_time_pace_and_heart_rate() -> None:
    """Caption figures come straight from the samples: 10 km in 50:00 is 5:00 per km."""
    chart = render_activity(steady(3001, speed=10_000 / 3000, hr=151.4), ZONES)
    assert chart.caption == "Run on 18 Jun: 10.0 km in 50:00, 5:00 /km, avg HR 151"
    assert ink_fraction(chart.png) > 0.04


@pytest.mark.parametrize("unit", ["kg", "lb"])
def test_swims_read_per_100_m_over_metres(unit: str) -> None:
    """A swim's pace is minutes per 100 m and its distance metres, whatever the user's unit."""
    swim = steady(1200, speed=1000 / 1200, hr=140, sport="Swim · open water")
    chart = render_activity(swim, ZONES, unit)  # type: ignore[arg-type]
    assert chart.caption == "Swim · open water on 18 Jun: 999 m in 19:59, 2:00 /100 m, avg HR 140"
    figure = build_activity(swim, ZONES, unit)  # type: ignore[arg-type]
    assert np.allclose(line(figure, "pace").get_ydata(), 100 / (1000 / 1200) / 60)
    assert "Pace (min/100 m)" in figure_texts(figure)
    assert figure.axes[-1].get_xlabel() == "m"


@pytest.mark.parametrize(
    ("zones", "message"), [((100, 120, 140), "ascending"), ((100, 90, 140, 155, 170), "ascending")]
)
def test_bad_zone_bounds_are_rejected(zones: tuple[int, ...], message: str) -> None:
    """Zones need five ascending lower bounds (plus an optional maximum)."""
    with pytest.raises(ValueError, match=message):
        render_activity(steady(60), zones)


def test_mismatched_streams_are_rejected() -> None:
    """A stream shorter than the time stream is a caller bug, reported as ValueError."""
    with pytest.raises(ValueError, match="hr_bpm has 3 samples"):
        render_activity(steady(60, hr_bpm=(1.0, 2.0, 3.0)), ZONES)


def test_no_usable_samples_explains_why() -> None:
    """Streams with fewer than two real samples leave nothing to chart."""
    act = ActivityTrace("run", DAY, (0.0, 1.0, 2.0), hr_bpm=(None, 140.0, None))
    with pytest.raises(NotEnoughDataError, match="no pace or heart-rate samples"):
        render_activity(act, ZONES)


def test_a_very_short_activity_is_explained_not_drawn() -> None:
    """Six samples over six seconds get a friendly 'too short' answer, not a broken chart."""
    trace = ActivityTrace(
        "running",
        date(2026, 1, 1),
        tuple(float(i) for i in range(6)),
        tuple(float(i) for i in range(6)),
        (2.5,) * 6,
        (140,) * 6,
    )
    with pytest.raises(NotEnoughDataError, match="too short"):
        render_activity(trace, [100, 120, 140, 160, 180, 190])


def test_flat_distance_is_charted_against_time_without_warnings() -> None:
    """A rower with no distance or speed (only HR) is drawn over minutes, not distance."""
    n = 300
    trace = ActivityTrace(
        "running",
        date(2026, 1, 1),
        tuple(float(i) for i in range(n)),
        (0.0,) * n,
        (0.0,) * n,
        (140,) * n,
    )
    chart = render_activity(trace, [100, 120, 140, 160, 180, 190])
    assert chart.png.startswith(b"\x89PNG")
    assert " km" not in chart.caption


def test_caption_uses_the_moving_time_when_known() -> None:
    """With the device's moving time, pace in the caption matches the activity summary."""
    n = 1200  # 20 min of samples at 1 Hz covering 3 km, of which 5 min were a pause
    trace = ActivityTrace(
        "running",
        date(2026, 1, 1),
        tuple(float(i) for i in range(n)),
        tuple(3000.0 * i / (n - 1) for i in range(n)),
        (2.5,) * n,
        (150,) * n,
        moving_s=900.0,
    )
    caption = render_activity(trace, [100, 120, 140, 160, 180, 190]).caption
    assert "3.0 km in 15:00 moving, 5:00 /km" in caption
