"""Tests for least-squares trends and per-day/per-week aggregation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import EngineError
from engine.trend import (
    Trend,
    TrendError,
    best_per_day,
    best_per_week,
    fit_trend,
    total_per_week,
    week_start,
)

D0 = date(2025, 3, 3)  # a Monday


def day(offset: int) -> date:
    return D0 + timedelta(days=offset)


@pytest.mark.parametrize(
    ("offsets", "values", "intercept", "slope"),
    [
        ([0, 1], [100.0, 101.0], 100.0, 1.0),
        ([0, 7, 14, 21], [80.0, 81.5, 83.0, 84.5], 80.0, 1.5 / 7),
        ([3, 10], [50.0, 43.0], 50.0, -1.0),
        ([0, 0, 1], [0.0, 2.0, 4.0], 1.0, 3.0),
        ([0, 5, 10], [60.0, 60.0, 60.0], 60.0, 0.0),
    ],
)
def test_fit_trend_matches_hand_computed_lines(
    offsets: list[int], values: list[float], intercept: float, slope: float
) -> None:
    """The fit equals the least-squares line worked out by hand, origin at the first day."""
    trend = fit_trend([day(o) for o in offsets], values)
    assert trend.origin == day(min(offsets))
    assert trend.intercept == pytest.approx(intercept)
    assert trend.slope_per_day == pytest.approx(slope)


@settings(max_examples=60)
@given(
    offsets=st.lists(st.integers(0, 3000), min_size=2, max_size=40, unique=True),
    intercept=st.floats(-500, 500),
    slope=st.floats(-5, 5),
)
def test_fit_trend_recovers_exact_lines(
    offsets: list[int], intercept: float, slope: float
) -> None:
    """Points lying exactly on a line give back that line, whatever the days."""
    first = min(offsets)
    values = [intercept + slope * (o - first) for o in offsets]
    trend = fit_trend([day(o) for o in offsets], values)
    assert trend.slope_per_day == pytest.approx(slope, abs=1e-9)
    assert trend.at(day(first)) == pytest.approx(intercept, abs=1e-6)


@settings(max_examples=40)
@given(
    points=st.lists(
        st.tuples(st.integers(0, 400), st.floats(0, 300)), min_size=2, max_size=30
    ).filter(lambda ps: len({p[0] for p in ps}) >= 2),
    shift=st.floats(-100, 100),
)
def test_shifting_values_moves_the_line_but_keeps_the_slope(
    points: list[tuple[int, float]], shift: float
) -> None:
    """Adding a constant to every value adds it to the intercept and leaves the slope."""
    days = [day(o) for o, _ in points]
    base = fit_trend(days, [v for _, v in points])
    moved = fit_trend(days, [v + shift for _, v in points])
    assert moved.slope_per_day == pytest.approx(base.slope_per_day, abs=1e-9)
    assert moved.intercept == pytest.approx(base.intercept + shift, abs=1e-6)


def test_trend_at_extrapolates_along_the_line() -> None:
    """Trend.at evaluates the line on any day, before or after the origin."""
    trend = Trend(D0, 10.0, 0.5)
    assert [trend.at(day(o)) for o in (-2, 0, 4)] == [9.0, 10.0, 12.0]


@pytest.mark.parametrize("offsets", [[], [0], [2, 2, 2]])
def test_fewer_than_two_days_is_a_friendly_trend_error(offsets: list[int]) -> None:
    """A trend needs two distinct days, and the error is a user-safe EngineError."""
    with pytest.raises(TrendError) as caught:
        fit_trend([day(o) for o in offsets], [1.0] * len(offsets))
    assert isinstance(caught.value, EngineError)
    assert "two different days" in str(caught.value)


def test_mismatched_lengths_are_a_programming_error() -> None:
    """Different numbers of days and values raise ValueError, not a user-facing error."""
    with pytest.raises(ValueError, match="2 days but 1 values"):
        fit_trend([day(0), day(1)], [1.0])


@pytest.mark.parametrize(
    ("given_day", "monday"),
    [
        (date(2025, 3, 3), date(2025, 3, 3)),
        (date(2025, 3, 9), date(2025, 3, 3)),
        (date(2025, 3, 5), date(2025, 3, 3)),
        (date(2025, 1, 1), date(2024, 12, 30)),
        (date(2024, 2, 29), date(2024, 2, 26)),
    ],
)
def test_week_start_is_the_iso_monday(given_day: date, monday: date) -> None:
    """Every day maps to the Monday on or before it, across month and year ends."""
    assert week_start(given_day) == monday


def test_best_per_day_keeps_each_days_maximum_in_order() -> None:
    """Several values on a day collapse to the highest, and days come out sorted."""
    points = [(day(2), 5.0), (day(0), 3.0), (day(2), 7.0), (day(0), 1.0)]
    assert best_per_day(points) == [(day(0), 3.0), (day(2), 7.0)]


def test_weekly_groups_are_keyed_by_monday() -> None:
    """Per-week maximum and sum group Monday..Sunday under that Monday."""
    points = [(day(0), 2.0), (day(6), 5.0), (day(7), 1.0), (day(13), 4.0), (day(21), 3.0)]
    assert best_per_week(points) == [(day(0), 5.0), (day(7), 4.0), (day(21), 3.0)]
    assert total_per_week(points) == [(day(0), 7.0), (day(7), 5.0), (day(21), 3.0)]


def test_aggregating_nothing_gives_nothing() -> None:
    """Empty input gives empty output rather than an error."""
    assert best_per_day([]) == best_per_week([]) == total_per_week([]) == []
