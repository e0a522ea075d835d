"""One activity: pace (speed for rides) and heart rate with zone bands and lap markers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator
from matplotlib.transforms import blended_transform_factory

from bot.charts import style, trace
from bot.charts.chart import Chart, NotEnoughDataError, Unit, distance_unit, fmt_day
from bot.formatting import fmt_duration

STOPPED_MPS = 0.6  # slower than ~28 min/km is standing, not running: no pace is drawn
SWIM_STOPPED_MPS = 0.2  # slower than 8:20 /100 m is resting at the wall
SWIM_PACE_M = 100.0  # swimmers count pace per 100 m, and distance in metres
_RIDE_WORDS = ("ride", "cycl", "bike", "biking")
_PACE_STEPS_MIN = (1 / 6, 0.25, 0.5, 1.0, 2.0)


@dataclass(frozen=True, slots=True)
class ActivityTrace:
    """Sample streams of one activity; each channel is empty or as long as ``elapsed_s``."""

    sport: str
    day: date
    elapsed_s: Sequence[float]
    distance_m: Sequence[float | None] = ()
    speed_mps: Sequence[float | None] = ()
    hr_bpm: Sequence[float | None] = ()
    lap_starts_s: Sequence[float] = ()
    moving_s: float | None = None  # the device's timer time; pace and time use it when given


@dataclass(frozen=True, slots=True)
class _Scale:
    """How a sport is measured: distance axis unit, and pace per distance (or speed)."""

    label: str  # distance unit: "km", "mi" or "m"
    metres: float  # metres per distance unit
    pace_label: str  # what pace is per: "km", "mi", "100 m"
    pace_metres: float
    stopped_mps: float
    ride: bool


def _scale(sport: str, unit: Unit) -> _Scale:
    if is_swim(sport):
        return _Scale("m", 1.0, "100 m", SWIM_PACE_M, SWIM_STOPPED_MPS, ride=False)
    label, metres = distance_unit(unit)
    return _Scale(label, metres, label, metres, STOPPED_MPS, ride=is_ride(sport))


@dataclass(frozen=True, slots=True)
class _Plan:
    title: str
    subtitle: str
    caption: str
    x: np.ndarray
    x_unit: str | None  # None: x is elapsed minutes
    pace: np.ndarray | None  # minutes per unit, or unit per hour for rides
    pace_label: str
    ride: bool
    hr: np.ndarray | None
    zones: tuple[float, ...]
    laps: tuple[float, ...] = ()


def build_activity(act: ActivityTrace, zones_bpm: Sequence[float], unit: Unit = "kg") -> Figure:
    """Build the activity figure (for inspection); see ``render_activity``."""
    plan = _plan(act, zones_bpm, unit)
    return style.build(lambda: _draw(plan))


def render_activity(act: ActivityTrace, zones_bpm: Sequence[float], unit: Unit = "kg") -> Chart:
    """Render pace or speed and heart rate over distance (or time when there is no distance).

    ``zones_bpm`` holds the lower bounds of Z1..Z5, optionally followed by HRmax; ``unit``
    "lb" shows miles. Raises NotEnoughDataError when there is neither speed nor heart rate.
    """
    plan = _plan(act, zones_bpm, unit)
    return Chart(style.draw_png(lambda: _draw(plan)), plan.caption)


def is_ride(sport: str) -> bool:
    """Tell whether a sport is shown as speed (cycling) rather than pace."""
    return any(word in sport.lower() for word in _RIDE_WORDS)


def is_swim(sport: str) -> bool:
    """Tell whether a sport is a swim: pace per 100 m over metres."""
    return "swim" in sport.lower()


MIN_SAMPLES = 30
MIN_SPAN_S = 120.0
FLAT_DISTANCE_M = 10.0  # less than this over the whole activity: indoor, no real distance


def _plan(act: ActivityTrace, zones_bpm: Sequence[float], unit: Unit) -> _Plan:
    t = np.asarray(act.elapsed_s, dtype=float)
    distance, speed, hr = _streams(act, t)
    zones = _zone_edges(zones_bpm, hr)
    if len(t) < MIN_SAMPLES or float(t[-1] - t[0]) < MIN_SPAN_S:
        raise NotEnoughDataError("This activity is too short to chart (under two minutes).")
    scale = _scale(act.sport, unit)
    x = (distance - distance[0]) / scale.metres if distance is not None else (t - t[0]) / 60
    # Smooth over ~1/150 of the activity (at least 30 s): a long ride's stops and surges
    # would otherwise turn 1080 px of line into a scribble.
    window_s = max(30.0, float(t[-1] - t[0]) / 150)
    pace = None if speed is None else _pace(trace.rolling_mean(t, speed, window_s), scale)
    smooth_hr = None if hr is None else trace.rolling_mean(t, hr, window_s / 3)
    laps = tuple(np.interp([s for s in act.lap_starts_s if t[0] < s < t[-1]], t, x))
    x_shown, (pace, smooth_hr) = trace.bucket(x, pace, smooth_hr)
    caption, subtitle = _summary(t, x if distance is not None else None, hr, scale, act.moving_s)
    return _Plan(
        title=f"{act.sport.capitalize()} · {fmt_day(act.day)}",
        subtitle=subtitle,
        caption=f"{act.sport.capitalize()} on {fmt_day(act.day)}: {caption}",
        x=x_shown,
        x_unit=scale.label if distance is not None else None,
        pace=pace,
        pace_label=(
            f"Speed ({scale.label}/h)" if scale.ride else f"Pace (min/{scale.pace_label})"
        ),
        ride=scale.ride,
        hr=smooth_hr,
        zones=zones,
        laps=laps,
    )


def _streams(
    act: ActivityTrace, t: np.ndarray
) -> tuple[np.ndarray | None, np.ndarray | None, np.ndarray | None]:
    """Read distance, speed and HR; derive distance or speed from each other when one lacks."""
    distance = trace.channel(act.distance_m, len(t), "distance_m")
    speed = trace.channel(act.speed_mps, len(t), "speed_mps")
    hr = trace.channel(act.hr_bpm, len(t), "hr_bpm")
    if distance is not None and np.nanmax(distance) - np.nanmin(distance) < FLAT_DISTANCE_M:
        distance = None  # a treadmill or rower with no distance: chart against time
        if speed is not None and not np.nanmax(speed) > 0:
            speed = None
    if speed is None and distance is None and hr is None:
        raise NotEnoughDataError("This activity has no pace or heart-rate samples to chart.")
    if distance is not None:
        distance = trace.fill_gaps(t, distance)
        speed = speed if speed is not None else trace.speed_from_distance(t, distance)
    elif speed is not None:
        distance = np.cumsum(np.diff(t, prepend=t[0]) * np.nan_to_num(trace.fill_gaps(t, speed)))
    return distance, speed, hr


def _pace(speed: np.ndarray, scale: _Scale) -> np.ndarray:
    """Turn m/s into unit per hour (rides) or minutes per pace distance, blanking standstills."""
    moving = np.where(speed >= scale.stopped_mps, speed, np.nan)
    return moving * 3600 / scale.metres if scale.ride else scale.pace_metres / moving / 60


def _summary(
    t: np.ndarray,
    x: np.ndarray | None,
    hr: np.ndarray | None,
    scale: _Scale,
    moving_s: float | None = None,
) -> tuple[str, str]:
    """Return the caption body and the subtitle: distance, time, pace or speed, average HR.

    With the device's moving time the figures match the activity summary (pauses left out);
    otherwise they are over the elapsed time of the samples.
    """
    duration = moving_s if moving_s else float(t[-1] - t[0])
    caption = subtitle = fmt_duration(duration) + (" moving" if moving_s else "")
    if x is not None and x[-1] > 0:
        total = float(x[-1])
        if scale.ride:
            rate = f"{total / duration * 3600:.1f} {scale.label}/h"
        else:
            per = scale.pace_metres / scale.metres  # distance units in one pace distance
            rate = f"{fmt_duration(duration / total * per)} /{scale.pace_label}"
        shown = f"{total:,.0f} m" if scale.label == "m" else f"{total:.1f} {scale.label}"
        caption = f"{shown} in {subtitle}, {rate}"
        subtitle = f"{shown} · {subtitle} · {rate}"
    if hr is not None:
        caption += f", avg HR {np.nanmean(hr):.0f}"
        subtitle += f" · avg HR {np.nanmean(hr):.0f}"
    return caption, subtitle


def _zone_edges(zones_bpm: Sequence[float], hr: np.ndarray | None) -> tuple[float, ...]:
    """Return the six band edges Z1..Z5 (top of Z5 is HRmax or just above the data)."""
    edges = [float(z) for z in zones_bpm]
    if len(edges) not in (5, 6) or any(b <= a for a, b in pairwise(edges)):
        raise ValueError("zones_bpm needs ascending lower bounds of Z1..Z5, then optionally HRmax")
    if len(edges) == 5:
        top = float(np.nanmax(hr)) + 10 if hr is not None else edges[4] + 10
        edges.append(max(top, edges[4] + 10))
    return tuple(edges)


def _draw(plan: _Plan) -> Figure:
    figure = style.new_figure(6.9)
    style.header(figure, plan.title, plan.subtitle)
    shown = [a for a in (plan.pace, plan.hr) if a is not None]
    axes = style.panels(figure, [1] * len(shown), top_in=1.5, gap_in=0.7, bottom_in=0.95)
    if plan.pace is not None:
        _draw_pace(figure, axes[0], plan, plan.pace)
    if plan.hr is not None:
        _draw_hr(figure, axes[-1], plan, plan.hr)
    for ax in axes:
        ax.sharex(axes[-1])
        for lap in plan.laps:
            ax.axvline(lap, color=style.MUTED, lw=1.3, ls=(0, (2, 2)), gid="lap", zorder=1)
        ax.tick_params(labelbottom=ax is axes[-1])
    bottom = axes[-1]
    bottom.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
    if plan.x_unit is None:
        bottom.set_xlabel("time (h:mm)")
        bottom.xaxis.set_major_formatter(
            FuncFormatter(lambda v, _: f"{int(v // 60)}:{int(v % 60):02d}")
        )
    else:
        bottom.set_xlabel(plan.x_unit)
    bottom.set_xlim(plan.x[0], plan.x[-1])
    return figure


def _draw_pace(figure: Figure, ax: Axes, plan: _Plan, pace: np.ndarray) -> None:
    style.panel_title(figure, ax, plan.pace_label)
    finite = pace[np.isfinite(pace)]
    low, high = np.percentile(finite, [2, 98]) if finite.size else (0.0, 1.0)
    pad = max((high - low) * 0.12, 0.03 * high)
    # Stops and walking breaks fall off the scale; a gap reads better than a cliff.
    slow = pace < low - pad if plan.ride else pace > high + pad
    ax.plot(plan.x, np.where(slow, np.nan, pace), color=style.BLUE, lw=2.5, gid="pace")
    if plan.ride:
        ax.set_ylim(low - pad, high + pad)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
        return
    # Faster is up, and ticks fall on whole 10, 15 or 30 seconds or minutes.
    ax.set_ylim(high + pad, low - pad)
    step = next((s for s in _PACE_STEPS_MIN if (high - low + 2 * pad) / s <= 5), 5.0)
    ax.yaxis.set_major_locator(MultipleLocator(step))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_duration(v * 60)))


def _draw_hr(figure: Figure, ax: Axes, plan: _Plan, hr: np.ndarray) -> None:
    style.panel_title(figure, ax, "Heart rate (bpm)")
    low, high = float(np.nanmin(hr)) - 8, float(np.nanmax(hr)) + 8
    label_at = blended_transform_factory(ax.transAxes, ax.transData)
    for zone, (bottom, top) in enumerate(pairwise(plan.zones)):
        color = style.ZONE_COLORS[zone]
        ax.axhspan(bottom, top, color=color, alpha=0.22, lw=0, gid="zone")
        middle = (max(bottom, low) + min(top, high)) / 2
        if min(top, high) - max(bottom, low) > (high - low) * 0.08:
            ax.text(
                1.02,
                middle,
                f"Z{zone + 1}",
                transform=label_at,
                color=color,
                weight="bold",
                va="center",
            )
    ax.plot(plan.x, hr, color=style.INK, lw=2.2, gid="hr")
    ax.set_ylim(low, high)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
