"""Estimated one-rep max over time: best set per session, PRs and the recent trend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from bot.charts import style
from bot.charts.chart import Chart, NotEnoughDataError, Unit, fmt_number, fmt_percent, from_kg
from engine.trend import Trend, best_per_day, best_per_week, fit_trend

MAX_POINTS = 400
TREND_DAYS = 56


@dataclass(frozen=True, slots=True)
class E1rmPoint:
    """One set's estimated 1RM on a local day."""

    day: date
    e1rm_kg: float


@dataclass(frozen=True, slots=True)
class E1rmSeries:
    """Every logged estimate of one lift; several per day are fine."""

    lift: str
    points: Sequence[E1rmPoint]


@dataclass(frozen=True, slots=True)
class _Line:
    label: str
    days: tuple[date, ...]
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class _Plan:
    main: _Line
    compare: _Line | None
    pr_indices: tuple[int, ...]
    trend: Trend
    trend_start: date
    unit: Unit
    caption: str
    subtitle: str


def build_e1rm(series: E1rmSeries, unit: Unit = "kg", compare: E1rmSeries | None = None) -> Figure:
    """Build the e1RM figure (for inspection); see ``render_e1rm``."""
    plan = _plan(series, unit, compare)
    return style.build(lambda: _draw(plan))


def render_e1rm(series: E1rmSeries, unit: Unit = "kg", compare: E1rmSeries | None = None) -> Chart:
    """Render a lift's e1RM history, optionally against a second lift.

    Raises NotEnoughDataError when the lift was done on fewer than two days.
    """
    plan = _plan(series, unit, compare)
    return Chart(style.draw_png(lambda: _draw(plan)), plan.caption)


def session_bests(series: E1rmSeries, unit: Unit) -> tuple[tuple[date, ...], tuple[float, ...]]:
    """Return the best e1RM per session (per week for very long histories) in ``unit``."""
    pairs = [(p.day, p.e1rm_kg) for p in series.points]
    bests = best_per_day(pairs)
    if len(bests) > MAX_POINTS:
        bests = best_per_week(pairs)
    return tuple(d for d, _ in bests), tuple(from_kg(v, unit) for _, v in bests)


def pr_indices(values: Sequence[float]) -> tuple[int, ...]:
    """Return the indices of sessions that beat every earlier session (the first excluded)."""
    found, best = [], values[0] if values else 0.0
    for index, value in enumerate(values[1:], start=1):
        if value > best:
            found.append(index)
            best = value
    return tuple(found)


def _short(label: str, limit: int = 22) -> str:
    """Cut a long lift name for the legend."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _too_few_days(lift: str, values: Sequence[float], unit: Unit) -> str:
    """What a trend still needs: sessions are counted by day, so say how many days."""
    if not values:
        return f"No {lift} sets with a load and reps yet: log {lift} on two days to see a trend."
    best = f"{lift.capitalize()} e1RM {fmt_number(values[0])} {unit} so far"
    return f"{best}, all on one day: log {lift} on a second day to see a trend."


def _plan(series: E1rmSeries, unit: Unit, compare: E1rmSeries | None) -> _Plan:
    days, values = session_bests(series, unit)
    if len(days) < 2:
        raise NotEnoughDataError(_too_few_days(series.lift, values, unit))
    recent = [i for i, day in enumerate(days) if day >= days[-1] - timedelta(days=TREND_DAYS)]
    if len(recent) < 2:
        recent = list(range(len(days)))
    trend = fit_trend([days[i] for i in recent], [values[i] for i in recent])
    start = days[recent[0]]
    base = trend.at(start)
    change = fmt_percent(trend.at(days[-1]) / base - 1 if base > 0 else 0.0)
    span = (days[-1] - start).days
    span_text = f"{round(span / 7)} weeks" if span >= 14 else f"{span} days"
    latest = f"e1RM {fmt_number(values[-1])} {unit}"
    prs = pr_indices(values)
    other = None
    if compare is not None and compare.points:
        other = _Line(compare.lift, *session_bests(compare, unit))
    return _Plan(
        main=_Line(series.lift, days, values),
        compare=other,
        pr_indices=prs,
        trend=trend,
        trend_start=start,
        unit=unit,
        caption=f"{series.lift.capitalize()} {latest}, {change} in {span_text}",
        subtitle=f"{latest} · {change} in {span_text} · {len(prs)} PRs",
    )


def _draw(plan: _Plan) -> Figure:
    figure = style.new_figure(5.6)
    main, other = plan.main, plan.compare
    title = main.label.capitalize() + (f" vs {other.label}" if other else "")
    style.header(figure, title, plan.subtitle)
    # Two lift names do not fit one row with PR and trend, so that legend takes two rows.
    (ax,) = style.panels(figure, [1], top_in=1.95 if other else 1.6)
    (line,) = ax.plot(main.days, main.values, color=style.BLUE, lw=2.5, gid="sessions")
    line.set(marker="o" if len(main.days) <= 60 else "", ms=6, label=main.label)
    handles: list[Line2D] = [line]
    if other is not None:
        (line,) = ax.plot(other.days, other.values, color=style.ORANGE, lw=2.5, gid="compare")
        line.set(marker="o" if len(other.days) <= 60 else "", ms=6, label=other.label)
        handles.append(line)
    if other is None:
        line.set_label("best set")
    handles += _draw_prs_and_trend(ax, plan)
    labels = [_short(str(h.get_label())) for h in handles]
    style.legend_row(figure, handles, labels, top_in=1.1, ncols=2 if other else None)
    ax.set_ylabel(plan.unit)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    ax.margins(y=0.12)
    ax.spines["bottom"].set_visible(False)  # the lowest grid line already frames the plot
    style.date_axis(ax)
    return figure


def _draw_prs_and_trend(ax: Axes, plan: _Plan) -> list[Line2D]:
    """Star the PR sessions and draw the recent trend; return both for the legend."""
    main = plan.main
    pr_days = [main.days[i] for i in plan.pr_indices]
    pr_values = [main.values[i] for i in plan.pr_indices]
    (stars,) = ax.plot(pr_days, pr_values, ls="", marker="*", ms=16, gid="prs", label="PR")
    stars.set(color=style.GOLD, mec="white", mew=1, zorder=5)
    ends = (plan.trend_start, main.days[-1])
    (trend,) = ax.plot(ends, [plan.trend.at(d) for d in ends], gid="trend", label="trend")
    trend.set(color=style.INK, lw=3, ls=(0, (1.5, 1.2)), zorder=4)
    # The latest session gets a bigger dot: it is the number in the subtitle.
    ax.plot(
        main.days[-1],
        main.values[-1],
        marker="o",
        ms=11,
        color=style.BLUE,
        mec="white",
        mew=2.5,
        zorder=6,
    )
    return [stars, trend]
