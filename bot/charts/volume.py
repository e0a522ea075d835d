"""Weekly hard sets per muscle group against the MEV-MRV landmarks, plus weekly tonnage."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from bot.charts import style
from bot.charts.chart import Chart, NotEnoughDataError, Unit, fmt_day, fmt_number, from_kg
from engine.landmarks import LANDMARKS, MUSCLE_GROUPS
from engine.trend import week_start

TONNAGE_WEEKS = 12
TICK_EVERY_WEEKS = 4
_STATUS_COLORS = {"below": style.GREY, "in": style.BLUE, "above": style.RED, "none": style.BLUE}


@dataclass(frozen=True, slots=True)
class WeekVolume:
    """One week's hard sets per muscle group and total tonnage (weight x reps)."""

    week_start: date
    hard_sets: Mapping[str, float]
    tonnage_kg: float = 0.0


@dataclass(frozen=True, slots=True)
class _Plan:
    week: date
    groups: tuple[str, ...]
    sets: tuple[float, ...]
    statuses: tuple[str, ...]
    tonnage_weeks: tuple[date, ...]
    tonnage: tuple[float, ...]
    unit: Unit
    in_range: int
    caption: str


def build_volume(weeks: Sequence[WeekVolume], unit: Unit = "kg") -> Figure:
    """Build the weekly volume figure (for inspection); see ``render_volume``."""
    plan = _plan(weeks, unit)
    return style.build(lambda: _draw(plan))


def render_volume(weeks: Sequence[WeekVolume], unit: Unit = "kg") -> Chart:
    """Render the latest week with sets against landmarks, and recent weekly tonnage.

    Raises NotEnoughDataError when no week has any hard sets.
    """
    plan = _plan(weeks, unit)
    return Chart(style.draw_png(lambda: _draw(plan)), plan.caption)


def landmark_status(group: str, sets: float) -> str:
    """Classify a week's sets for a group: ``below``/``in``/``above`` its range, or ``none``."""
    mark = LANDMARKS.get(group)
    if mark is None:
        return "none"
    if sets < mark.mev:
        return "below"
    return "above" if sets > mark.mrv else "in"


def _plan(weeks: Sequence[WeekVolume], unit: Unit) -> _Plan:
    sets: dict[date, Counter[str]] = {}
    tonnage: Counter[date] = Counter()
    for week in weeks:
        monday = week_start(week.week_start)
        sets.setdefault(monday, Counter()).update(week.hard_sets)
        tonnage[monday] += week.tonnage_kg
    trained = [monday for monday, counts in sets.items() if sum(counts.values()) > 0]
    if not trained:
        raise NotEnoughDataError("Log a few hard sets to see your weekly volume per muscle.")
    latest = max(trained)
    counts = sets[latest]
    extra = sorted(g for g, n in counts.items() if g not in LANDMARKS and n > 0)
    groups = (*MUSCLE_GROUPS, *extra)
    values = tuple(float(counts.get(g, 0.0)) for g in groups)
    statuses = tuple(landmark_status(g, v) for g, v in zip(groups, values, strict=True))
    first = latest - timedelta(weeks=TONNAGE_WEEKS - 1)
    mondays = tuple(first + timedelta(weeks=i) for i in range(TONNAGE_WEEKS))
    lifted = tuple(from_kg(tonnage[m], unit) for m in mondays)
    in_range = statuses.count("in")
    caption = (
        f"Week of {fmt_day(latest)}: {in_range} of {len(MUSCLE_GROUPS)} muscle groups in range, "
        f"{fmt_number(lifted[-1], 0)} {unit} lifted"
    )
    return _Plan(latest, groups, values, statuses, mondays, lifted, unit, in_range, caption)


def _draw(plan: _Plan) -> Figure:
    rows = len(plan.groups)
    figure = style.new_figure(4.0 + 0.3 * rows)
    below, above = plan.statuses.count("below"), plan.statuses.count("above")
    subtitle = f"{plan.in_range} in range · {below} below MEV · {above} above MRV"
    style.header(figure, f"Hard sets · week of {fmt_day(plan.week)}", subtitle)
    handles = [style.swatch(style.BAND), style.swatch(style.BAND_STRONG)]
    style.legend_row(figure, handles, ["MEV–MRV range", "MAV (sweet spot)"], top_in=1.1)
    sets_ax, tonnage_ax = style.panels(
        figure, [0.3 * rows, 1.25], top_in=1.6, gap_in=0.85, left_in=1.55
    )
    _draw_sets(sets_ax, plan)
    _draw_tonnage(figure, tonnage_ax, plan)
    return figure


def _draw_sets(ax: Axes, plan: _Plan) -> None:
    rows = range(len(plan.groups))
    for row, group in zip(rows, plan.groups, strict=True):
        mark = LANDMARKS.get(group)
        if mark is not None:
            ax.barh(
                row, mark.mrv - mark.mev, left=mark.mev, height=0.76, color=style.BAND, gid="band"
            )
            ax.barh(
                row,
                mark.mav_high - mark.mav_low,
                left=mark.mav_low,
                height=0.76,
                gid="mav",
                color=style.BAND_STRONG,
            )
    colors = [_STATUS_COLORS[s] for s in plan.statuses]
    bars = ax.barh(rows, plan.sets, height=0.5, color=colors, gid="sets")
    ax.bar_label(bars, [fmt_number(v) for v in plan.sets], padding=5, color=style.INK)
    ax.set_yticks(list(rows), plan.groups)
    ax.tick_params(axis="y", colors=style.INK)
    ax.set_ylim(len(plan.groups) - 0.5, -0.5)
    ax.grid(False)
    ax.grid(axis="x")
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    ax.spines["bottom"].set_visible(False)
    ax.set_xlim(0, max(30.0, max(plan.sets) * 1.15))


def _draw_tonnage(figure: Figure, ax: Axes, plan: _Plan) -> None:
    # One slot per week, always 12 of them: a first week is one bar, not a full-width block.
    slots = range(len(plan.tonnage))
    colors = [style.LIGHT] * (len(plan.tonnage) - 1) + [style.BLUE]
    ax.bar(slots, plan.tonnage, width=0.7, color=colors, gid="tonnage")
    ax.set_xlim(-0.6, len(plan.tonnage) - 0.4)
    labelled = slots[-1::-TICK_EVERY_WEEKS][::-1]  # the shown week and every 4th before it
    ax.set_xticks(list(labelled), [fmt_day(plan.tonnage_weeks[i]) for i in labelled])
    style.panel_title(
        figure, ax, f"Tonnage · {fmt_number(plan.tonnage[-1], 0)} {plan.unit} this week"
    )
    ax.yaxis.set_major_locator(MaxNLocator(nbins=3))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v / 1000:g}k" if v else "0"))
