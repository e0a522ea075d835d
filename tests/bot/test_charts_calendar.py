"""Tests for the consistency calendar: one square per past day, levels, streak caption."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from bot.charts import NotEnoughDataError, build_calendar, render_calendar, style
from bot.charts.calendar import intensity_levels
from tests.bot.chart_support import artists, figure_texts, ink_fraction, png_size

SUNDAY = date(2025, 6, 15)
WEDNESDAY = date(2025, 6, 18)


def mon_wed_fri(today: date, weeks: int, minutes: float = 45.0) -> dict[date, float]:
    """Three sessions a week for ``weeks`` weeks ending with today's week."""
    monday = today - timedelta(days=today.weekday())
    days = (
        monday - timedelta(weeks=w) + timedelta(days=d) for w in range(weeks) for d in (0, 2, 4)
    )
    return {day: minutes for day in days if day <= today}


def squares(figure: Figure) -> list[PathCollection]:
    return [a for a in artists(figure, "days") if isinstance(a, PathCollection)]


def test_one_square_per_day_up_to_today() -> None:
    """The strips together draw every day from the first Monday to today, none after."""
    figure = build_calendar(mon_wed_fri(WEDNESDAY, 10), WEDNESDAY)
    first_monday = WEDNESDAY - timedelta(days=WEDNESDAY.weekday(), weeks=52)
    drawn = sum(len(s.get_offsets()) for s in squares(figure))
    assert drawn == (WEDNESDAY - first_monday).days + 1
    assert len(squares(figure)) == 2


def test_rest_days_are_grey_and_trained_days_coloured() -> None:
    """Rest days use the first heat colour; the 30 trained days use another."""
    data = mon_wed_fri(WEDNESDAY, 10)
    figure = build_calendar(data, WEDNESDAY)
    colours = [to_hex(c) for s in squares(figure) for c in s.get_facecolors()]
    rest = style.HEAT_COLORS[0].lower()
    assert len(colours) - colours.count(rest) == len(data)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([[None, 0.0, 5.0]], [[-1, 0, 3]]),  # a single active value: strong colour
        ([[1.0, 1.0, 0.0]], [[3, 3, 0]]),  # yes/no data
        ([[10.0, 20.0, 30.0, 40.0, 50.0]], [[1, 1, 2, 3, 4]]),
    ],
)
def test_intensity_levels_use_quartiles_of_active_days(
    values: list[list[float | None]], expected: list[list[int]]
) -> None:
    """Future is -1, rest 0, and active days 1-4 by quartile (uniform values get 3)."""
    cells = tuple(tuple(row) for row in values)
    assert intensity_levels(cells).tolist() == expected


def test_caption_and_header_report_score_and_streaks() -> None:
    """Three sessions every week for 20 weeks: full score, 20-week streak, 60 days."""
    chart = render_calendar(mon_wed_fri(SUNDAY, 20), SUNDAY)
    assert chart.caption == (
        "Consistency 100/100: 20-week streak (best 20), 60 training days in the last year"
    )
    assert png_size(chart.png) == (1080, 1080)
    assert ink_fraction(chart.png) > 0.04


def test_header_shows_score_and_weekday_and_month_labels() -> None:
    """The title carries the score and the strips carry weekday and month names."""
    figure = build_calendar(mon_wed_fri(WEDNESDAY, 4), WEDNESDAY)
    assert figure_texts(figure)[0].startswith("Consistency ")
    strip_texts = {t.get_text() for ax in figure.axes for t in ax.texts}
    assert {"Mon", "Wed", "Fri", "Jul", "Jan", "Jun"} <= strip_texts


def test_old_training_alone_is_not_enough() -> None:
    """Activity from over a year ago, or none at all, asks for a first workout."""
    old = {WEDNESDAY - timedelta(days=400): 30.0, WEDNESDAY - timedelta(days=1): 0.0}
    with pytest.raises(NotEnoughDataError, match="Log a workout"):
        render_calendar(old, WEDNESDAY)


def test_future_days_are_not_drawn() -> None:
    """A value logged for tomorrow neither adds a square nor changes the score."""
    data = mon_wed_fri(WEDNESDAY, 6)
    with_future = {**data, WEDNESDAY + timedelta(days=1): 99.0}
    base, later = build_calendar(data, WEDNESDAY), build_calendar(with_future, WEDNESDAY)
    count = [sum(len(s.get_offsets()) for s in squares(f)) for f in (base, later)]
    assert count[0] == count[1]
    assert figure_texts(base)[:2] == figure_texts(later)[:2]
    assert np.array_equal(
        np.concatenate([s.get_offsets() for s in squares(base)]),
        np.concatenate([s.get_offsets() for s in squares(later)]),
    )
