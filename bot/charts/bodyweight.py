"""Body weight over time: each weigh-in and the 7-day trend (mean of the week up to it)."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.charts import style
from bot.charts.chart import Chart, NotEnoughDataError, Unit, fmt_number, from_kg
from engine.bodyweight import TrendPoint, change_over


def caption_of(points: Sequence[TrendPoint], unit: Unit) -> str:
    """The chart's one-line summary: latest weigh-in, 7-day trend and its change."""
    last = points[-1]
    text = (
        f"Body weight {fmt_number(from_kg(last.kg, unit))} {unit}, "
        f"7-day trend {fmt_number(from_kg(last.trend_kg, unit))} {unit}"
    )
    change = change_over(points)
    if change is not None:
        text += f" ({from_kg(change, unit):+.1f} {unit} in a week)"
    return text


def _draw(points: Sequence[TrendPoint], unit: Unit) -> Figure:
    figure = style.new_figure(5.6)
    style.header(figure, "Body weight", caption_of(points, unit))
    (ax,) = style.panels(figure, [1], top_in=1.6)
    days = [p.day for p in points]
    (dots,) = ax.plot(days, [from_kg(p.kg, unit) for p in points], ls="", marker="o", ms=6,
                      color=style.LIGHT, gid="weighins", label="weigh-in")
    (line,) = ax.plot(days, [from_kg(p.trend_kg, unit) for p in points], color=style.BLUE,
                      lw=2.5, gid="trend", label="7-day trend")
    style.legend_row(figure, [dots, line], ["weigh-in", "7-day trend"], top_in=1.1)
    ax.set_ylabel(unit)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    ax.margins(y=0.15)
    style.date_axis(ax)
    return figure


def render_bodyweight(points: Sequence[TrendPoint], unit: Unit = "kg") -> Chart:
    """Render the weigh-ins; NotEnoughDataError before weigh-ins on two days."""
    if len({p.day for p in points}) < 2:
        raise NotEnoughDataError(
            "Log your body weight on two days to see a chart: /weight 82.5 (or just “bw 82.5”)."
        )
    return Chart(style.draw_png(lambda: _draw(points, unit)), caption_of(points, unit))
