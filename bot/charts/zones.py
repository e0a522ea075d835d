"""Minutes per heart-rate zone (Z1-Z5) per week, as stacked bars."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.charts import style
from bot.charts.chart import Chart, NotEnoughDataError, fmt_day
from bot.formatting import fmt_minutes
from engine.trend import week_start

WEEKS_SHOWN = 12
ZONES = 5


@dataclass(frozen=True, slots=True)
class WeekZones:
    """Minutes spent in Z1..Z5 during one week."""

    week_start: date
    minutes: Sequence[float]


@dataclass(frozen=True, slots=True)
class _Plan:
    weeks: tuple[date, ...]
    minutes: np.ndarray  # shape (ZONES, weeks)
    subtitle: str
    caption: str


def build_zones(weeks: Sequence[WeekZones]) -> Figure:
    """Build the time-in-zones figure (for inspection); see ``render_zones``."""
    plan = _plan(weeks)
    return style.build(lambda: _draw(plan))


def render_zones(weeks: Sequence[WeekZones]) -> Chart:
    """Render the last 12 weeks of time in heart-rate zones, ending with the latest active week.

    Raises NotEnoughDataError when no week has any time in a zone.
    """
    plan = _plan(weeks)
    return Chart(style.draw_png(lambda: _draw(plan)), plan.caption)


def _plan(weeks: Sequence[WeekZones]) -> _Plan:
    totals: dict[date, np.ndarray] = {}
    for week in weeks:
        if len(week.minutes) != ZONES:
            raise ValueError(f"expected {ZONES} zone minutes, got {len(week.minutes)}")
        monday = week_start(week.week_start)
        totals[monday] = totals.get(monday, np.zeros(ZONES)) + np.asarray(week.minutes, float)
    active = [monday for monday, minutes in totals.items() if minutes.sum() > 0]
    if not active:
        raise NotEnoughDataError("Record a workout with heart rate to see your time in zones.")
    latest = max(active)
    first = max(min(totals), latest - timedelta(weeks=WEEKS_SHOWN - 1))
    shown = tuple(first + timedelta(weeks=i) for i in range((latest - first).days // 7 + 1))
    minutes = np.column_stack([totals.get(m, np.zeros(ZONES)) for m in shown])
    week_total = minutes[:, -1].sum()
    easy = round(100 * minutes[:2, -1].sum() / week_total)
    return _Plan(
        weeks=shown,
        minutes=minutes,
        subtitle=f"Week of {fmt_day(latest)} · {fmt_minutes(week_total)} · {easy} % easy",
        caption=(
            f"Heart-rate zones, week of {fmt_day(latest)}: {fmt_minutes(week_total)}, "
            f"{easy} % easy (Z1–Z2)"
        ),
    )


def _draw(plan: _Plan) -> Figure:
    figure = style.new_figure(5.8)
    style.header(figure, "Time in heart-rate zones", plan.subtitle)
    (ax,) = style.panels(figure, [1], top_in=1.5)
    bottom = np.zeros(len(plan.weeks))
    handles = []
    for zone in range(ZONES):
        color = style.ZONE_COLORS[zone]
        bars = ax.bar(plan.weeks, plan.minutes[zone], 5, bottom, color=color, gid=f"Z{zone + 1}")
        handles.append(bars)
        bottom += plan.minutes[zone]
    style.legend_row(figure, handles, [f"Z{z + 1}" for z in range(ZONES)], top_in=1.1)
    ax.set_ylabel("minutes")
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 3, 6, 10]))
    ax.set_ylim(0, bottom.max() * 1.15)
    style.date_axis(ax)
    return figure
