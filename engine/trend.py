"""Least-squares trends through dated values, and per-day or per-week aggregation."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from engine.errors import EngineError

DatedValue = tuple[date, float]


class TrendError(EngineError):
    """Too few distinct days to fit a trend."""

    def __init__(self) -> None:
        super().__init__("At least two different days are needed to see a trend.")


@dataclass(frozen=True, slots=True)
class Trend:
    """A straight line through dated values: ``intercept + slope_per_day * (day - origin)``."""

    origin: date
    intercept: float
    slope_per_day: float

    def at(self, day: date) -> float:
        """Return the trend's value on ``day``."""
        return self.intercept + self.slope_per_day * (day - self.origin).days


def fit_trend(days: Sequence[date], values: Sequence[float]) -> Trend:
    """Fit an ordinary least-squares line of value on day number.

    Args:
        days: The day of each value; repeats are allowed (several values on one day).
        values: The values, in the same order as ``days``.

    Returns:
        The fitted line, with ``origin`` at the earliest day.

    Raises:
        ValueError: ``days`` and ``values`` differ in length.
        TrendError: Fewer than two distinct days were given.
    """
    if len(days) != len(values):
        raise ValueError(f"{len(days)} days but {len(values)} values")
    if len(set(days)) < 2:
        raise TrendError
    origin = min(days)
    xs = [(day - origin).days for day in days]
    # Centring on the means keeps the sums small, so large day numbers lose no precision.
    mean_x = math.fsum(xs) / len(xs)
    mean_y = math.fsum(values) / len(values)
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, values, strict=True))
    sxx = math.fsum((x - mean_x) ** 2 for x in xs)
    slope = sxy / sxx
    return Trend(origin, mean_y - slope * mean_x, slope)


def week_start(day: date) -> date:
    """Return the Monday of the ISO week containing ``day``.

    Args:
        day: Any local calendar day.

    Returns:
        The Monday on or before ``day``.
    """
    return day - timedelta(days=day.weekday())


def best_per_day(points: Iterable[DatedValue]) -> list[DatedValue]:
    """Keep the highest value of each day, sorted by day.

    Args:
        points: ``(day, value)`` pairs in any order.

    Returns:
        One ``(day, max value)`` pair per distinct day, oldest first.
    """
    return _group(points, lambda day: day, max)


def best_per_week(points: Iterable[DatedValue]) -> list[DatedValue]:
    """Keep the highest value of each ISO week, keyed by its Monday, sorted.

    Args:
        points: ``(day, value)`` pairs in any order.

    Returns:
        One ``(monday, max value)`` pair per week that has values, oldest first.
    """
    return _group(points, week_start, max)


def total_per_week(points: Iterable[DatedValue]) -> list[DatedValue]:
    """Sum the values of each ISO week, keyed by its Monday, sorted.

    Args:
        points: ``(day, value)`` pairs in any order.

    Returns:
        One ``(monday, sum)`` pair per week that has values, oldest first.
    """
    return _group(points, week_start, math.fsum)


def _group(
    points: Iterable[DatedValue],
    key: Callable[[date], date],
    reduce: Callable[[list[float]], float],
) -> list[DatedValue]:
    """Group values by ``key(day)`` and reduce each group, oldest group first."""
    groups: defaultdict[date, list[float]] = defaultdict(list)
    for day, value in points:
        groups[key(day)].append(value)
    return [(day, reduce(groups[day])) for day in sorted(groups)]
