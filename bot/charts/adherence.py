"""A team's adherence: one row per athlete, one column per week, coloured by compliance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from bot.charts import style
from bot.charts.chart import MONTHS, Chart, NotEnoughDataError
from engine.compliance import LOW, MISSED, ON_TRACK, PARTIAL, bucket_of

COLORS = {ON_TRACK: style.GREEN, PARTIAL: style.GOLD, LOW: style.ORANGE, MISSED: style.RED}
MAX_ROWS = 40  # more athletes than this: the first 40 (a phone screen holds no more)


@dataclass(frozen=True, slots=True)
class AthleteWeeks:
    """One athlete's compliance per week (Monday, percent; None: nothing planned)."""

    name: str
    weeks: tuple[tuple[date, float | None], ...]


def _check(rows: Sequence[AthleteWeeks]) -> list[AthleteWeeks]:
    shown = list(rows[:MAX_ROWS])
    if not any(p is not None for row in shown for _, p in row.weeks):
        raise NotEnoughDataError("No planned sessions yet: /broadcast a plan to the team first.")
    return shown


def _caption(team: str, rows: Sequence[AthleteWeeks]) -> str:
    last = [row.weeks[-1][1] for row in rows if row.weeks and row.weeks[-1][1] is not None]
    mean = f", this week {sum(last) / len(last):.0f} % on average" if last else ""
    return f"{team}: sets done ÷ prescribed per athlete and week{mean}"


def build_adherence(team: str, rows: Sequence[AthleteWeeks]) -> Figure:
    """Build the figure (for inspection); see ``render_adherence``."""
    shown = _check(rows)
    return style.build(lambda: _draw(team, shown))


def render_adherence(team: str, rows: Sequence[AthleteWeeks]) -> Chart:
    """Render the team's weekly compliance; NotEnoughDataError when nothing was planned."""
    shown = _check(rows)
    return Chart(style.draw_png(lambda: _draw(team, shown)), _caption(team, shown))


def _draw(team: str, rows: Sequence[AthleteWeeks]) -> Figure:
    weeks = max(len(row.weeks) for row in rows)
    row_in, left, right, top, bottom = 0.42, 1.6, 0.3, 1.2, 0.75
    height = top + bottom + row_in * len(rows)
    figure = style.new_figure(max(height, 3.0))
    style.header(figure, f"Adherence · {team}", "sets done ÷ prescribed, per week")
    total = max(height, 3.0)
    ax = figure.add_axes(
        (
            left / style.WIDTH_IN,
            bottom / total,
            (style.WIDTH_IN - left - right) / style.WIDTH_IN,
            row_in * len(rows) / total,
        )
    )
    for y, row in enumerate(rows):
        for x, (_monday, percent) in enumerate(row.weeks):
            bucket = bucket_of(percent)
            color = COLORS[bucket] if bucket is not None else style.FAINT
            ax.add_patch(Rectangle((x + 0.06, y + 0.08), 0.88, 0.84, color=color, lw=0))
            if percent is not None:
                ax.text(x + 0.5, y + 0.5, f"{percent:.0f}", ha="center", va="center",
                        color="white", fontsize=style.TEXT_PT - 4)  # fmt: skip
        ax.text(-0.15, y + 0.5, row.name[:14], ha="right", va="center", color=style.INK)
    mondays = rows[0].weeks
    for x, (monday, _) in enumerate(mondays):
        if x % 2 == 0 or len(mondays) <= 6:
            label = f"{monday.day} {MONTHS[monday.month - 1]}"
            ax.text(x + 0.5, len(rows) + 0.15, label, ha="center", va="top", color=style.MUTED,
                    fontsize=style.TEXT_PT - 4)  # fmt: skip
    ax.set_xlim(0, weeks)
    ax.set_ylim(len(rows) + 0.2, 0)
    ax.set_axis_off()
    return figure
