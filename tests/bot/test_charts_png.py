"""Tests every chart shares: valid phone-sized PNGs, never blank, thread-safe, no global state.

The helpers here are imported by the per-chart test modules.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import matplotlib as mpl
import pytest

from bot.charts import (
    ActivityTrace,
    Chart,
    E1rmSeries,
    NotEnoughDataError,
    render_activity,
    render_calendar,
    render_e1rm,
    render_load,
    render_volume,
    render_zones,
)
from engine.errors import EngineError
from tests import make_chart_examples as sample
from tests.bot.chart_support import ink_fraction, png_size

RENDERS: dict[str, Callable[[], Chart]] = {
    "e1rm": lambda: render_e1rm(sample.e1rm_series(120), "kg"),
    "volume": lambda: render_volume(sample.volume_weeks(10), "lb"),
    "load": lambda: render_load(sample.load_days(120)),
    "zones": lambda: render_zones(sample.zone_weeks(14)),
    "activity": lambda: render_activity(sample.interval_run(1800), sample.ZONES_BPM),
    "calendar": lambda: render_calendar(sample.calendar_days(380), sample.TODAY),
}


@pytest.fixture(scope="module")
def rendered() -> dict[str, Chart]:
    return {name: render() for name, render in RENDERS.items()}


@pytest.mark.parametrize("name", RENDERS)
def test_chart_is_a_phone_sized_png(rendered: dict[str, Chart], name: str) -> None:
    """Each chart is a PNG 1080 px wide, square to portrait, under 80 KB."""
    png = rendered[name].png
    width, height = png_size(png)
    assert width == 1080
    assert 0.9 * width <= height <= 1.5 * width
    assert len(png) < 80 * 1024


@pytest.mark.parametrize("name", RENDERS)
def test_chart_with_data_is_never_blank(rendered: dict[str, Chart], name: str) -> None:
    """A decoded chart has a real amount of non-background ink."""
    assert ink_fraction(rendered[name].png) > 0.04


@pytest.mark.parametrize("name", RENDERS)
def test_caption_is_one_line_with_a_number(rendered: dict[str, Chart], name: str) -> None:
    """Captions are a single line that carries at least one figure."""
    caption = rendered[name].caption
    assert "\n" not in caption
    assert any(ch.isdigit() for ch in caption)


EMPTY: dict[str, tuple[Callable[[], Chart], str]] = {
    "e1rm": (lambda: render_e1rm(E1rmSeries("squat", ())), "log squat on two days"),
    "volume": (lambda: render_volume([]), "hard sets"),
    "load": (lambda: render_load([]), "two days"),
    "zones": (lambda: render_zones([]), "heart rate"),
    "activity": (
        lambda: render_activity(
            ActivityTrace("run", date(2025, 1, 1), (0.0, 1.0)), (1, 2, 3, 4, 5)
        ),
        "no pace or heart-rate",
    ),
    "calendar": (lambda: render_calendar({}, date(2025, 1, 1)), "Log a workout"),
}


@pytest.mark.parametrize("name", EMPTY)
def test_no_data_is_a_friendly_engine_error(name: str) -> None:
    """Empty input raises NotEnoughDataError, an EngineError whose text says what to do."""
    render, phrase = EMPTY[name]
    with pytest.raises(NotEnoughDataError, match=phrase) as caught:
        render()
    assert isinstance(caught.value, EngineError)
    assert str(caught.value).endswith(".")


def test_concurrent_renders_match_sequential_ones(rendered: dict[str, Chart]) -> None:
    """Renders racing in threads produce exactly the images rendered one at a time."""
    jobs = [*RENDERS.items(), *RENDERS.items()]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda job: (job[0], job[1]()), jobs))
    for name, chart in results:
        assert chart == rendered[name]
    assert len({chart.png for _, chart in results}) == len(RENDERS)


def test_rendering_leaves_global_rc_params_alone() -> None:
    """The chart style is applied per render and fully restored afterwards."""
    before = dict(mpl.rcParams)
    RENDERS["zones"]()
    assert dict(mpl.rcParams) == before
