"""Write one example PNG per chart into docs/ from seeded, made-up but plausible training data.

Run ``python -m tests.make_chart_examples``; the data builders are reused by the benchmark.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from bot.charts import (
    ActivityTrace,
    Chart,
    E1rmPoint,
    E1rmSeries,
    LoadDay,
    WeekVolume,
    WeekZones,
    render_activity,
    render_calendar,
    render_e1rm,
    render_load,
    render_volume,
    render_zones,
)
from engine.trend import week_start

TODAY = date(2025, 6, 18)
DOCS = Path(__file__).resolve().parents[1] / "docs"
ZONES_BPM = (104, 124, 143, 157, 170, 188)
_TYPICAL_SETS = {
    "chest": 14, "back": 16, "quads": 21, "hamstrings": 9, "glutes": 6, "side delts": 14,
    "rear delts": 5, "front delts": 2, "biceps": 10, "triceps": 8, "calves": 4, "abs": 8,
    "traps": 3,
}  # fmt: skip


def e1rm_series(days: int, lift: str = "bench press", seed: int = 1) -> E1rmSeries:
    """Two or three sessions a week of steady, noisy progress, several sets per session."""
    rng = random.Random(seed)
    points = []
    for offset in range(days):
        day = TODAY - timedelta(days=days - 1 - offset)
        if day.weekday() not in (0, 3) and rng.random() > 0.15:
            continue
        level = 95 + 16 * (offset / max(days, 1)) ** 0.7
        for _ in range(3):
            points.append(E1rmPoint(day, level + rng.gauss(-2.0, 2.0)))
    return E1rmSeries(lift, tuple(points))


def volume_weeks(weeks: int, seed: int = 2) -> list[WeekVolume]:
    """A steady program with a few groups below MEV and quads just over MRV."""
    rng = random.Random(seed)
    result = []
    for index in range(weeks):
        monday = week_start(TODAY) - timedelta(weeks=weeks - 1 - index)
        sets = {g: max(0, round(n + rng.gauss(0, 1.2))) for g, n in _TYPICAL_SETS.items()}
        if index == weeks - 1:
            sets = dict(_TYPICAL_SETS)
        result.append(WeekVolume(monday, sets, rng.uniform(17_000, 24_000) + 120 * index))
    return result


def daily_loads(days: int, seed: int = 3) -> list[float]:
    """Training load per day: rest on Mondays and Fridays, long sessions on Sundays."""
    rng = random.Random(seed)
    loads = []
    for offset in range(days):
        day = TODAY - timedelta(days=days - 1 - offset)
        if day.weekday() in (0, 4) or rng.random() < 0.08:
            loads.append(0.0)
            continue
        build = 0.55 + 0.6 * offset / days  # a season of slowly rising training
        easier = 0.6 if (offset // 7) % 4 == 3 else 1.0  # every fourth week is lighter
        long_run = 1.6 if day.weekday() == 6 else 1.0
        loads.append(rng.uniform(50, 100) * build * easier * long_run)
    return loads


def load_days(days: int, seed: int = 3) -> list[LoadDay]:
    """Fitness/fatigue/form from ``daily_loads`` with the TrainingPeaks recurrences."""
    ctl = atl = 0.0
    result = []
    for offset, load in enumerate(daily_loads(days, seed)):
        tsb = ctl - atl
        ctl += (load - ctl) / 42
        atl += (load - atl) / 7
        result.append(LoadDay(TODAY - timedelta(days=days - 1 - offset), ctl, atl, tsb, load))
    return result


def zone_weeks(weeks: int, seed: int = 4) -> list[WeekZones]:
    """Mostly easy running with some threshold and a little VO2max work."""
    rng = random.Random(seed)
    result = []
    for index in range(weeks):
        monday = week_start(TODAY) - timedelta(weeks=weeks - 1 - index)
        easy = rng.uniform(120, 200) * (0.6 if index % 4 == 3 else 1.0)
        minutes = (easy * 0.25, easy, rng.uniform(10, 35), rng.uniform(8, 25), rng.uniform(0, 10))
        result.append(WeekZones(monday, minutes))
    return result


def interval_run(seconds: int = 3300, seed: int = 5) -> ActivityTrace:
    """Warm-up, six 3-minute reps with 2-minute jogs, cool-down, at 1 Hz with GPS noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(seconds, dtype=float)
    rep = (t >= 900) & (t < 900 + 6 * 300) & ((t - 900) % 300 < 180)
    speed = np.where(rep, 4.35, 3.05) + rng.normal(0, 0.18, seconds)
    speed[t < 60] = np.linspace(1.5, 3.0, 60)
    target = np.where(rep, 172.0, 140.0)
    target[t < 900] = 128 + 14 * np.minimum(t[t < 900] / 900, 1)
    hr = np.empty(seconds)
    hr[0] = 95.0
    for i in range(1, seconds):  # heart rate lags effort by about half a minute
        hr[i] = hr[i - 1] + (target[i] - hr[i - 1]) / 28
    hr += rng.normal(0, 1.0, seconds)
    laps = (900.0, *(900.0 + 300 * k + s for k in range(6) for s in (0, 180)), 2700.0)
    distance = np.cumsum(np.clip(speed, 0, None))
    return ActivityTrace(
        "run", TODAY, tuple(t), tuple(distance), tuple(speed), tuple(hr), tuple(sorted(set(laps)))
    )


def calendar_days(days: int, seed: int = 6) -> dict[date, float]:
    """Minutes trained per day: three to four sessions a week, a two-week holiday in winter."""
    rng = random.Random(seed)
    result = {}
    for offset in range(days):
        day = TODAY - timedelta(days=offset)
        chance = 0.6 if day.weekday() in (0, 2, 4, 5) else 0.1
        if 180 < offset < 196:
            chance = 0.03
        if rng.random() < chance:
            result[day] = round(rng.uniform(25, 95))
    return result


def examples() -> dict[str, Chart]:
    """Render every example chart, keyed by its docs file name."""
    return {
        "chart-e1rm.png": render_e1rm(e1rm_series(180), "kg"),
        "chart-volume.png": render_volume(volume_weeks(12), "kg"),
        "chart-load.png": render_load(load_days(200)),
        "chart-zones.png": render_zones(zone_weeks(16)),
        "chart-activity.png": render_activity(interval_run(), ZONES_BPM, "kg"),
        "chart-calendar.png": render_calendar(calendar_days(400), TODAY),
    }


def main() -> int:
    """Write the examples and print each file's size and caption."""
    DOCS.mkdir(exist_ok=True)
    for name, chart in examples().items():
        (DOCS / name).write_bytes(chart.png)
        print(f"{name:<20} {len(chart.png) / 1024:5.1f} KB  {chart.caption}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
