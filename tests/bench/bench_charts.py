"""Render time per chart with two years of daily data, next to a bare matplotlib line plot.

Each chart is timed warm (after two unmeasured renders) against a plain ``Figure`` +
``FigureCanvasAgg`` line plot of the same raw points, saved as PNG, at the same size and dpi.
Target: under 300 ms per chart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import timedelta
from functools import partial
from io import BytesIO

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.charts import (
    E1rmPoint,
    E1rmSeries,
    render_activity,
    render_calendar,
    render_e1rm,
    render_load,
    render_volume,
    render_zones,
)
from tests import make_chart_examples as sample
from tests.bench.harness import compare, time_calls

DAYS = 730
REPEAT = 10
TARGET_MS = 300.0


def _bare_line_plot(xs: Sequence[float], ys: Sequence[float], height_in: float) -> bytes:
    """The baseline: the same points as one default-styled line, saved as PNG."""
    figure = Figure(figsize=(5.4, height_in), dpi=200)
    FigureCanvasAgg(figure)
    figure.add_subplot().plot(xs, ys)
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _cases() -> list[tuple[str, Callable[[], object], Sequence[float], float]]:
    """Each chart's render call, the raw series the baseline plots, and the image height."""
    e1rm = E1rmSeries(
        "bench press",
        tuple(
            E1rmPoint(sample.TODAY - timedelta(days=d), 100 + 10 * math.sin(d / 40) + d % 3)
            for d in range(DAYS)
        ),
    )
    volume = sample.volume_weeks(DAYS // 7)
    load = sample.load_days(DAYS)
    zones = sample.zone_weeks(DAYS // 7)
    run = sample.interval_run(7200)
    calendar = {sample.TODAY - timedelta(days=d): float(d % 90) for d in range(DAYS)}
    return [
        ("e1rm", lambda: render_e1rm(e1rm, "kg"), [p.e1rm_kg for p in e1rm.points], 5.6),
        ("volume", lambda: render_volume(volume, "kg"), [w.tonnage_kg for w in volume], 7.8),
        ("load", lambda: render_load(load), [d.ctl for d in load], 6.2),
        ("zones", lambda: render_zones(zones), [sum(w.minutes) for w in zones], 5.8),
        ("activity", lambda: render_activity(run, sample.ZONES_BPM), list(run.hr_bpm), 6.9),
        (
            "calendar",
            lambda: render_calendar(calendar, sample.TODAY),
            list(calendar.values()),
            5.4,
        ),
    ]


def run() -> list[str]:
    """Time every chart against its baseline and report the ratio and the 300 ms target."""
    lines = [f"{DAYS} days of daily data (activity: 2 h at 1 Hz), {REPEAT} warm renders each"]
    for name, render, ys, height in _cases():
        baseline = partial(_bare_line_plot, list(range(len(ys))), ys, height)
        chart = time_calls(f"render_{name}", render, REPEAT)
        bare = time_calls(f"bare line plot ({len(ys)} points)", baseline, REPEAT)
        verdict = "ok" if chart.median_ms < TARGET_MS else "OVER TARGET"
        lines.append(compare(f"{name}: {verdict} (target < {TARGET_MS:.0f} ms)", chart, bare))
    return lines
