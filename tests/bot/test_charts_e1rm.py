"""Tests for the e1RM chart: session bests, weekly bucketing, PRs, trend and caption."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from bot.charts import E1rmPoint, E1rmSeries, NotEnoughDataError, build_e1rm, render_e1rm
from bot.charts.chart import KG_PER_LB
from tests.bot.chart_support import artists, figure_texts, ink_fraction, png_size

D0 = date(2025, 1, 6)


def series(values: list[float], step_days: int = 3, lift: str = "bench press") -> E1rmSeries:
    return E1rmSeries(
        lift, tuple(E1rmPoint(D0 + timedelta(days=step_days * i), v) for i, v in enumerate(values))
    )


def line(figure: Figure, gid: str) -> Line2D:
    (found,) = artists(figure, gid)
    assert isinstance(found, Line2D)
    return found


def test_one_point_per_session_at_its_best_set() -> None:
    """Several sets on a day collapse to that day's best, one plotted point per session."""
    points = [
        E1rmPoint(D0, 100.0), E1rmPoint(D0, 104.0), E1rmPoint(D0 + timedelta(days=3), 101.0),
        E1rmPoint(D0 + timedelta(days=3), 99.0), E1rmPoint(D0 + timedelta(days=7), 106.0),
    ]  # fmt: skip
    figure = build_e1rm(E1rmSeries("squat", points))
    assert list(line(figure, "sessions").get_ydata()) == [104.0, 101.0, 106.0]


def test_long_histories_are_bucketed_by_week() -> None:
    """More than 400 sessions are plotted as one best per ISO week."""
    values = [100 + (i % 9) for i in range(500)]
    data = series(values, step_days=1)
    weeks = {p.day.isocalendar()[:2] for p in data.points}
    sessions = line(build_e1rm(data), "sessions")
    assert len(sessions.get_xdata()) == len(weeks)
    assert max(sessions.get_ydata()) == max(values)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.floats(60, 200), min_size=2, max_size=25))
def test_pr_markers_sit_on_sessions_beating_all_earlier_ones(values: list[float]) -> None:
    """Each star marks a session above every earlier one; the first session is not a PR."""
    expected = [v for i, v in enumerate(values) if i and v > max(values[:i])]
    stars = line(build_e1rm(series(values)), "prs")
    assert list(stars.get_ydata()) == expected


def test_trend_is_the_least_squares_line_of_the_last_eight_weeks() -> None:
    """The trend spans the last 56 days of sessions and matches numpy's straight-line fit."""
    values = [90 + 0.3 * i + (-1) ** i for i in range(40)]
    figure = build_e1rm(series(values))
    days = np.arange(40) * 3
    recent = days >= days[-1] - 56
    slope, intercept = np.polyfit(days[recent], np.array(values)[recent], 1)
    trend = line(figure, "trend")
    assert list(trend.get_ydata()) == pytest.approx(
        [intercept + slope * days[recent][0], intercept + slope * days[-1]]
    )


def test_caption_reports_latest_value_and_trend_change() -> None:
    """The caption gives the last session's best and the trend's change over its span."""
    values = [100 + 0.5 * i for i in range(30)]  # exactly linear, so the trend is the data
    chart = render_e1rm(series(values))
    first = 100 + 0.5 * 11  # sessions every 3 days: the 8-week window starts at session 11
    change = round(100 * (values[-1] / first - 1))
    assert chart.caption == f"Bench press e1RM 114.5 kg, +{change} % in 8 weeks"
    assert png_size(chart.png)[0] == 1080
    assert ink_fraction(chart.png) > 0.04


def test_pounds_are_converted_for_display() -> None:
    """With unit lb every plotted value is kg divided by 0.45359237, and the axis says lb."""
    figure = build_e1rm(series([100.0, 110.0]), unit="lb")
    ys = line(figure, "sessions").get_ydata()
    assert list(ys) == pytest.approx([100 / KG_PER_LB, 110 / KG_PER_LB])
    assert figure.axes[0].get_ylabel() == "lb"


def test_second_lift_is_drawn_with_its_own_sessions() -> None:
    """A comparison lift gets its own line and a legend entry next to the main lift."""
    figure = build_e1rm(
        series([100.0, 102.0, 101.0]), compare=series([140.0, 150.0], lift="squat")
    )
    assert list(line(figure, "compare").get_ydata()) == [140.0, 150.0]
    texts = figure_texts(figure)
    assert {"bench press", "squat", "PR", "trend"} <= set(texts)
    assert "Bench press vs squat" in texts


def test_header_and_axes_are_labelled() -> None:
    """The figure carries the lift name, the key number line and a unit axis label."""
    figure = build_e1rm(series([100.0, 103.0]))
    texts = figure_texts(figure)
    assert "Bench press" in texts
    assert any(t.startswith("e1RM 103 kg") for t in texts)
    assert figure.axes[0].get_ylabel() == "kg"


@pytest.mark.parametrize(
    "points",
    [(), (E1rmPoint(D0, 100.0),), (E1rmPoint(D0, 100.0), E1rmPoint(D0, 105.0))],
    ids=["none", "one-set", "one-day"],
)
def test_fewer_than_two_days_asks_for_more(points: tuple[E1rmPoint, ...]) -> None:
    """One day, however many sets or workouts, is not a trend: the error asks for days."""
    days = "a second day" if points else "two days"
    with pytest.raises(NotEnoughDataError, match=f"log deadlift on {days} to see a trend"):
        render_e1rm(E1rmSeries("deadlift", points))


def test_one_day_gives_that_days_best() -> None:
    """With one day logged, the answer carries the best e1RM of that day."""
    points = (E1rmPoint(D0, 100.0), E1rmPoint(D0, 105.0))
    with pytest.raises(NotEnoughDataError, match=r"^Deadlift e1RM 105 kg so far, all on one day"):
        render_e1rm(E1rmSeries("deadlift", points))
