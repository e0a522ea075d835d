"""Training consistency: week streaks, a 0-100 consistency score and a year heatmap grid.

Streaks count calendar weeks (Monday to Sunday), not days: lifters rest between sessions,
so a day streak would punish good programming. A week counts when it holds at least
``min_days`` active days; the week in progress never breaks the current streak.

The consistency score looks at the ``window_weeks`` (W, default 12) rolling 7-day blocks
ending today, so a Monday is not judged on a one-day week:

    frequency  = min(1, active days in the window / (target_days_per_week * W))
    regularity = blocks with at least one active day / W
    streak     = min(1, current week streak / W)
    score      = round(100 * (0.5 * frequency + 0.3 * regularity + 0.2 * streak))

Frequency rewards enough training, regularity rewards spreading it over the weeks (six
sessions in one week then none in the next scores lower than three and three), and the
streak rewards an unbroken recent run. Adding an active day never lowers any term.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from engine.trend import week_start

_WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Streak:
    """Runs of consecutive qualifying weeks."""

    current: int
    longest: int


@dataclass(frozen=True, slots=True)
class Consistency:
    """A consistency score (0-100) and the terms it was built from (each 0-1)."""

    score: int
    frequency: float
    regularity: float
    streak: Streak
    active_days: int


@dataclass(frozen=True, slots=True)
class HeatmapGrid:
    """Daily values laid out as 7 weekday rows (Monday first) by week columns."""

    first_monday: date
    cells: tuple[tuple[float | None, ...], ...]

    def day(self, row: int, col: int) -> date:
        """Return the date shown in ``cells[row][col]``."""
        return self.first_monday + timedelta(days=7 * col + row)


def week_streak(active_days: Iterable[date], today: date, min_days: int = 1) -> Streak:
    """Measure the current and longest runs of weeks with at least ``min_days`` active days.

    Args:
        active_days: Local days with training; repeats and days after ``today`` are ignored.
        today: The user's local date.
        min_days: Active days a week needs to count.

    Returns:
        The current run (the week in progress counts only once it qualifies) and the longest.
    """
    per_week = Counter(week_start(day) for day in set(active_days) if day <= today)
    good = {week for week, count in per_week.items() if count >= min_days}
    week = week_start(today)
    if week not in good:
        week -= _WEEK
    current = 0
    while week in good:
        current += 1
        week -= _WEEK
    longest = run = 0
    previous: date | None = None
    for week in sorted(good):
        run = run + 1 if previous is not None and week - previous == _WEEK else 1
        longest = max(longest, run)
        previous = week
    return Streak(current, longest)


def assess_consistency(
    active_days: Iterable[date],
    today: date,
    *,
    target_days_per_week: int = 3,
    window_weeks: int = 12,
) -> Consistency:
    """Score training consistency over the last ``window_weeks`` weeks (see module docstring).

    Args:
        active_days: Local days with training; repeats and days after ``today`` are ignored.
        today: The user's local date.
        target_days_per_week: Active days per week that earn full frequency marks.
        window_weeks: Length of the scored window, in 7-day blocks ending today.

    Returns:
        The score with its frequency, regularity and week-streak terms.

    Raises:
        ValueError: ``target_days_per_week`` or ``window_weeks`` is not positive.
    """
    if target_days_per_week < 1 or window_weeks < 1:
        raise ValueError("target_days_per_week and window_weeks must be positive")
    days = {day for day in active_days if day <= today}
    first = today - timedelta(days=7 * window_weeks - 1)
    recent = [day for day in days if day >= first]
    blocks = {(today - day).days // 7 for day in recent}
    streak = week_streak(days, today)
    frequency = min(1.0, len(recent) / (target_days_per_week * window_weeks))
    regularity = len(blocks) / window_weeks
    streak_term = min(1.0, streak.current / window_weeks)
    score = round(100 * (0.5 * frequency + 0.3 * regularity + 0.2 * streak_term))
    return Consistency(score, frequency, regularity, streak, len(recent))


def heatmap_grid(values: Mapping[date, float], today: date, weeks: int = 53) -> HeatmapGrid:
    """Lay out daily values GitHub-style: weekday rows by week columns, ending this week.

    Args:
        values: Value per local day (minutes, load, sessions...); missing days are 0.
        today: The user's local date; it sits in the last column.
        weeks: Number of week columns; 53 covers the last 365 days.

    Returns:
        The grid; cells after ``today`` are ``None``.
    """
    first_monday = week_start(today) - _WEEK * (weeks - 1)
    cells = []
    for row in range(7):
        days = (first_monday + timedelta(days=7 * col + row) for col in range(weeks))
        cells.append(tuple(None if day > today else values.get(day, 0.0) for day in days))
    return HeatmapGrid(first_monday, tuple(cells))
