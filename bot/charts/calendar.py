"""A year of training as a GitHub-style heatmap, with week streaks and a consistency score."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from bot.charts import style
from bot.charts.chart import MONTHS, Chart, NotEnoughDataError
from engine.consistency import Consistency, HeatmapGrid, assess_consistency, heatmap_grid

WEEKS = 53
STRIPS = 2
_CELL_FILL = 0.84  # share of a cell the square covers; the rest is the gap
_WEEKDAYS = {0: "Mon", 2: "Wed", 4: "Fri", 6: "Sun"}


@dataclass(frozen=True, slots=True)
class _Plan:
    grid: HeatmapGrid
    levels: np.ndarray  # (7, WEEKS): -1 after today, 0 rest, 1..4 quartiles of active days
    consistency: Consistency
    subtitle: str
    caption: str


def build_calendar(
    days: Mapping[date, float], today: date, target_days_per_week: int = 3
) -> Figure:
    """Build the calendar figure (for inspection); see ``render_calendar``."""
    plan = _plan(days, today, target_days_per_week)
    return style.build(lambda: _draw(plan))


def render_calendar(
    days: Mapping[date, float], today: date, target_days_per_week: int = 3
) -> Chart:
    """Render the last year of daily training (minutes, load...) with streak and score.

    Raises NotEnoughDataError when nothing was logged in the last year.
    """
    plan = _plan(days, today, target_days_per_week)
    return Chart(style.draw_png(lambda: _draw(plan)), plan.caption)


def intensity_levels(cells: tuple[tuple[float | None, ...], ...]) -> np.ndarray:
    """Map cell values to -1 (future), 0 (rest) or 1..4 by quartile of the active days."""
    values = np.array([[np.nan if v is None else v for v in row] for row in cells], dtype=float)
    levels = np.where(np.isnan(values), -1, 0)
    active = values[values > 0]
    if active.size == 0:
        return levels
    if active.min() == active.max():
        # Yes/no data (say, 1 per session) gets one strong colour rather than the palest.
        return np.where(values > 0, 3, levels)
    q1, q2, q3 = np.quantile(active, [0.25, 0.5, 0.75])
    steps = 1 + (values > q1).astype(int) + (values > q2) + (values > q3)
    return np.where(values > 0, steps, levels)


def _plan(days: Mapping[date, float], today: date, target: int) -> _Plan:
    year_ago = today - timedelta(days=365)
    active = [day for day, value in days.items() if value > 0 and day <= today]
    trained = sum(day > year_ago for day in active)
    if not trained:
        raise NotEnoughDataError("Log a workout to start your training calendar.")
    grid = heatmap_grid(days, today, WEEKS)
    result = assess_consistency(active, today, target_days_per_week=target)
    streak = result.streak
    days_text = f"{trained} training day{'s' if trained != 1 else ''}"
    return _Plan(
        grid=grid,
        levels=intensity_levels(grid.cells),
        consistency=result,
        subtitle=f"{streak.current}-week streak · best {streak.longest} · {days_text}",
        caption=(
            f"Consistency {result.score}/100: {streak.current}-week streak "
            f"(best {streak.longest}), {days_text} in the last year"
        ),
    )


def _draw(plan: _Plan) -> Figure:
    columns = -(-WEEKS // STRIPS)
    left, right = 0.75, 0.25
    cell = (style.WIDTH_IN - left - right) / columns
    strip, label_band, gap, top, scale = 7 * cell, 0.38, 0.12, 1.05, 0.6
    content = top + STRIPS * (label_band + strip) + (STRIPS - 1) * gap + scale
    # Keep the image at least square, so it does not shrink beside portrait charts in a chat.
    spare = max(0.0, style.WIDTH_IN - content)
    top, gap = top + spare / 2, gap + spare / 2
    height = content + spare
    figure = style.new_figure(height)
    style.header(figure, f"Consistency {plan.consistency.score}/100", plan.subtitle)
    for index in range(STRIPS):
        first = index * columns
        width = min(columns, WEEKS - first)
        y0 = height - top - label_band - strip - index * (label_band + strip + gap)
        ax = figure.add_axes(
            (left / style.WIDTH_IN, y0 / height, width * cell / style.WIDTH_IN, strip / height)
        )
        _draw_strip(ax, plan, first, width, cell)
    _draw_scale(figure, cell, scale)
    return figure


def _draw_strip(ax: Axes, plan: _Plan, first: int, width: int, cell_in: float) -> None:
    levels = plan.levels[:, first : first + width]
    rows, cols = np.nonzero(levels >= 0)
    colors = [style.HEAT_COLORS[level] for level in levels[rows, cols]]
    side_pt = cell_in * _CELL_FILL * 72
    ax.scatter(cols, rows, s=side_pt**2, c=colors, marker="s", lw=0, gid="days")
    ax.set_xlim(-0.5, width - 0.5)
    ax.set_ylim(6.5, -0.5)
    ax.set_axis_off()
    for row, name in _WEEKDAYS.items():
        ax.text(-0.9, row, name, ha="right", va="center", color=style.MUTED)
    for col in _month_columns(plan.grid, first, width):
        sunday = plan.grid.day(6, first + col)
        ax.text(
            col - 0.5, -0.9, MONTHS[sunday.month - 1], ha="left", va="bottom", color=style.MUTED
        )


def _month_columns(grid: HeatmapGrid, first: int, width: int) -> list[int]:
    """Return the strip columns to label: each month's first week, and the strip's start."""
    # A week holds the 1st of a month exactly when its Sunday falls on the 1st to the 7th.
    starts = [col for col in range(width) if grid.day(6, first + col).day <= 7]
    if not starts or starts[0] >= 3:
        starts.insert(0, 0)
    return [col for col in starts if width - col >= 2]


def _draw_scale(figure: Figure, cell_in: float, band_in: float) -> None:
    """Draw the 'Less ■■■■■ More' key at the bottom right."""
    width, height = figure.get_figwidth(), figure.get_figheight()
    middle = band_in / 2 / height
    right = 1 - 0.25 / width
    figure.text(right, middle, "More", ha="right", va="center", color=style.MUTED)
    size = cell_in * _CELL_FILL
    start = right - 0.62 / width - cell_in * len(style.HEAT_COLORS) / width
    for index, color in enumerate(style.HEAT_COLORS):
        corner = (start + index * cell_in / width, middle - size / 2 / height)
        square = Rectangle(corner, size / width, size / height, color=color, lw=0)
        figure.add_artist(square).set_transform(figure.transFigure)
    figure.text(start - 0.1 / width, middle, "Less", ha="right", va="center", color=style.MUTED)
