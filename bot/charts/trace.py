"""Sample-stream helpers for activity charts: gaps as NaN, rolling means and bucketing."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MAX_POINTS = 400


def channel(values: Sequence[float | None], length: int, name: str) -> np.ndarray | None:
    """Return a float array with ``None`` as NaN, or ``None`` when nothing was recorded."""
    if not values:
        return None
    if len(values) != length:
        raise ValueError(f"{name} has {len(values)} samples, elapsed_s has {length}")
    array = np.array([np.nan if v is None else v for v in values], dtype=float)
    return array if np.count_nonzero(np.isfinite(array)) >= 2 else None


def fill_gaps(t: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Interpolate missing samples linearly in time (edges hold the nearest value)."""
    ok = np.isfinite(values)
    return np.interp(t, t[ok], values[ok])


def speed_from_distance(t: np.ndarray, distance: np.ndarray) -> np.ndarray:
    """Differentiate cumulative distance over time, for recordings without a speed field."""
    with np.errstate(divide="ignore", invalid="ignore"):
        speed = np.gradient(distance, t)
    return np.where(np.isfinite(speed) & (speed >= 0), speed, np.nan)


def rolling_mean(t: np.ndarray, values: np.ndarray, window_s: float) -> np.ndarray:
    """Average each sample with its neighbours over about ``window_s``, ignoring NaN."""
    steps = np.diff(t)
    step = float(np.median(steps[steps > 0])) if np.any(steps > 0) else 1.0
    width = max(1, round(window_s / step))
    if width == 1:
        return values
    kernel = np.ones(width)
    ok = np.isfinite(values)
    sums = np.convolve(np.where(ok, values, 0.0), kernel, mode="same")
    counts = np.convolve(ok.astype(float), kernel, mode="same")
    with np.errstate(invalid="ignore"):
        return np.where(ok, sums / counts, np.nan)


def bucket(
    x: np.ndarray, *channels: np.ndarray | None, max_points: int = MAX_POINTS
) -> tuple[np.ndarray, list[np.ndarray | None]]:
    """Average ``x`` and each channel over equal runs of samples, down to ``max_points``."""
    if len(x) <= max_points:
        return x, list(channels)
    starts = np.linspace(0, len(x), max_points, endpoint=False).astype(int)
    return _mean_runs(x, starts), [None if c is None else _mean_runs(c, starts) for c in channels]


def _mean_runs(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Return the NaN-ignoring mean of each run beginning at ``starts``."""
    ok = np.isfinite(values)
    sums = np.add.reduceat(np.where(ok, values, 0.0), starts)
    counts = np.add.reduceat(ok.astype(float), starts)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / counts, np.nan)
