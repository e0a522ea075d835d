"""Fitness, fatigue and form (CTL, ATL, TSB) over the last 90 days, today's values labelled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.charts import style
from bot.charts.chart import Chart, NotEnoughDataError, fmt_signed

WINDOW_DAYS = 90
MIN_DAYS = 14  # a new athlete's chart still spans two weeks, from zero up to today
FLAT_SPAN = 5.0  # load points: a panel with less range than this is drawn this tall


@dataclass(frozen=True, slots=True)
class LoadDay:
    """One local day of the performance-management model; ``load`` is that day's load."""

    day: date
    ctl: float
    atl: float
    tsb: float
    load: float


@dataclass(frozen=True, slots=True)
class _Plan:
    days: tuple[LoadDay, ...]
    caption: str


def build_load(days: Sequence[LoadDay]) -> Figure:
    """Build the fitness/fatigue/form figure (for inspection); see ``render_load``."""
    plan = _plan(days)
    return style.build(lambda: _draw(plan))


def render_load(days: Sequence[LoadDay]) -> Chart:
    """Render the last 90 days of fitness, fatigue and form; the last day is today.

    Raises NotEnoughDataError with fewer than two days or no load at all.
    """
    plan = _plan(days)
    return Chart(style.draw_png(lambda: _draw(plan)), plan.caption)


def _plan(days: Sequence[LoadDay]) -> _Plan:
    ordered = sorted(days, key=lambda d: d.day)
    if ordered:
        since = ordered[-1].day - timedelta(days=WINDOW_DAYS - 1)
        ordered = [d for d in ordered if d.day >= since]
    if len(ordered) < 2:
        raise NotEnoughDataError("Log at least two days of training to see fitness and fatigue.")
    # Fitness left over from months ago decays towards zero without reaching it: below half a
    # point there is nothing worth drawing.
    if not any(d.load > 0 or d.ctl >= 0.5 or d.atl >= 0.5 for d in ordered):
        raise NotEnoughDataError(
            "No training load in the last 90 days yet: log some sets or send a FIT file."
        )
    first, today = ordered[0], ordered[-1]
    span, change = (today.day - first.day).days, round(today.ctl - first.ctl)
    # "+0 in 1 days" is no way to speak: a change that rounds to nothing is left out.
    trend = f" ({fmt_signed(change)} in {span} day{'s' if span != 1 else ''})" if change else ""
    form = fmt_signed(today.tsb) if round(today.tsb) else "0"
    caption = f"Fitness {today.ctl:.0f}{trend}, fatigue {today.atl:.0f}, form {form}"
    return _Plan(tuple(ordered), caption)


def drawn(values: Sequence[float]) -> np.ndarray:
    """Values as drawn: to a tenth of a point, so decayed fitness (1e-42) is plain 0."""
    return np.round(np.asarray(values, dtype=float), 1) + 0.0  # + 0.0 turns -0.0 into 0.0


def _draw(plan: _Plan) -> Figure:
    figure = style.new_figure(7.0)
    today = plan.days[-1]
    style.header(
        figure, "Fitness & fatigue", f"Last {len(plan.days)} days · 6-week vs 1-week average load"
    )
    lines, form, load = style.panels(figure, [2.3, 1, 0.7], top_in=1.6, gap_in=0.72)
    days = [d.day for d in plan.days]
    ctl_values, atl_values = drawn([d.ctl for d in plan.days]), drawn([d.atl for d in plan.days])
    (ctl,) = lines.plot(days, ctl_values, color=style.BLUE, lw=3.5, gid="ctl")
    (atl,) = lines.plot(days, atl_values, color=style.PINK, lw=2.5, gid="atl")
    for value, color in ((ctl_values[-1], style.BLUE), (atl_values[-1], style.PINK)):
        lines.plot(today.day, value, marker="o", ms=10, color=color, mec="white", mew=2, zorder=5)
    lines.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    lines.margins(y=0.12)
    if max(*ctl_values, *atl_values) < FLAT_SPAN:
        lines.set_ylim(0, FLAT_SPAN * 1.12)
    lines.spines["bottom"].set_visible(False)
    handles = [ctl, atl, style.swatch(style.GREEN if today.tsb >= 0 else style.ORANGE)]
    labels = [
        f"Fitness {today.ctl:.0f}",
        f"Fatigue {today.atl:.0f}",
        f"Form {fmt_signed(today.tsb)}",
    ]
    style.legend_row(figure, handles, labels, top_in=1.1)
    _draw_form(figure, form, plan)
    load.bar(days, [d.load for d in plan.days], width=0.8, color=style.GREY, gid="load")
    load.yaxis.set_major_locator(MaxNLocator(nbins=2))
    style.panel_title(figure, load, "Daily load")
    for ax in (lines, form):
        ax.sharex(load)
        ax.tick_params(labelbottom=False)
    style.date_axis(load)
    return figure


def _draw_form(figure: Figure, ax: Axes, plan: _Plan) -> None:
    days = np.array([d.day for d in plan.days], dtype="datetime64[D]")
    tsb = drawn([d.tsb for d in plan.days])
    for where, color in ((tsb >= 0, style.GREEN), (tsb < 0, style.ORANGE)):
        ax.fill_between(days, tsb, 0, where=where, interpolate=True, gid="form", color=color, lw=0)
    ax.axhline(0, color=style.MUTED, lw=1.2)
    ax.spines["bottom"].set_visible(False)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=3, symmetric=True))
    if np.max(np.abs(tsb)) < FLAT_SPAN:
        ax.set_ylim(-FLAT_SPAN, FLAT_SPAN)
    style.panel_title(figure, ax, "Form · above 0 means fresh")
