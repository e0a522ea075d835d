"""Running maths: best efforts, PBs, Riegel and Daniels VDOT predictions, run/walk split.

Formulas and checks are those of SPORTSCI.md §5. Paces are seconds per kilometre.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

EFFORT_DISTANCES_M: dict[str, float] = {
    "400 m": 400.0,
    "1 km": 1000.0,
    "1 mile": 1609.344,
    "5 km": 5000.0,
    "10 km": 10000.0,
    "half marathon": 21097.5,
    "marathon": 42195.0,
}

RIEGEL_EXPONENT = 1.06
MAX_EFFORT_SPEED_MPS = 11.0
"""An effort faster than this (above sprint world-record speed) is a GPS glitch, not a PB."""

STOP_PACE_S_PER_KM = 1200.0
ONE_GAIT_PACE_S_PER_KM = 500.0
"""8:20/km ≈ 2.0 m/s, the usual preferred walk–run transition speed."""

Gait = Literal["run", "walk", "mixed"]


def _clean(times_s: Sequence[float], distances_m: Sequence[float | None]) -> tuple[list, list]:
    """Keep samples with a distance; make time and distance non-decreasing (resets add 0)."""
    ts: list[float] = []
    ds: list[float] = []
    last_raw = None
    for t, d in zip(times_s, distances_m, strict=True):
        if d is None:
            continue
        if not ts:
            ts.append(t)
            ds.append(0.0)
        else:
            step = d - last_raw if d >= last_raw else 0.0
            ts.append(max(t, ts[-1]))
            ds.append(ds[-1] + step)
        last_raw = d
    return ts, ds


def _fastest(ts: list[float], ds: list[float], target: float) -> float | None:
    """Return the shortest time to cover ``target`` metres, start point interpolated."""
    best = None
    start = 0
    for end in range(1, len(ds)):
        want = ds[end] - target
        if want < 0:
            continue
        while ds[start + 1] <= want:
            start += 1
        span = ds[start + 1] - ds[start]
        frac = (want - ds[start]) / span if span > 0 else 0.0
        elapsed = ts[end] - (ts[start] + frac * (ts[start + 1] - ts[start]))
        if best is None or elapsed < best:
            best = elapsed
    return best


def best_efforts(
    times_s: Sequence[float],
    distances_m: Sequence[float | None],
    targets: Mapping[str, float] = EFFORT_DISTANCES_M,
) -> dict[str, float]:
    """Return the fastest time for each target distance covered inside the activity.

    A window slides over cumulative distance (two pointers, O(n) per distance); the time at the
    window's start is interpolated between samples so 400 m means exactly 400 m.

    Args:
        times_s: Sample times in seconds.
        distances_m: Cumulative distance per sample, ``None`` where missing.
        targets: Label → distance in metres.

    Returns:
        Label → seconds, only for distances the activity covered at a plausible speed.
    """
    ts, ds = _clean(times_s, distances_m)
    efforts = {}
    for label, metres in targets.items():
        if len(ds) < 2 or ds[-1] < metres:
            continue
        seconds = _fastest(ts, ds, metres)
        if seconds is not None and seconds > 0 and metres / seconds <= MAX_EFFORT_SPEED_MPS:
            efforts[label] = seconds
    return efforts


def new_pbs(efforts: Mapping[str, float], history_best: Mapping[str, float]) -> dict[str, float]:
    """Return the efforts that beat the stored best for their distance (or have none yet)."""
    return {
        label: seconds
        for label, seconds in efforts.items()
        if label not in history_best or seconds < history_best[label]
    }


def riegel(time_s: float, distance_m: float, target_m: float) -> float:
    """Predict a time at ``target_m`` by Riegel: T2 = T1·(D2/D1)^1.06."""
    return time_s * (target_m / distance_m) ** RIEGEL_EXPONENT


def vo2_at_speed(m_per_min: float) -> float:
    """Return the oxygen cost (ml/kg/min) of running at a speed, Daniels & Gilbert."""
    return -4.60 + 0.182258 * m_per_min + 0.000104 * m_per_min**2


def vo2max_fraction(minutes: float) -> float:
    """Return the fraction of VO2max sustainable for a race lasting ``minutes``."""
    return (
        0.8
        + 0.1894393 * math.exp(-0.012778 * minutes)
        + 0.2989558 * math.exp(-0.1932605 * minutes)
    )


def vdot(distance_m: float, time_s: float) -> float:
    """Return Daniels' VDOT for a race performance."""
    minutes = time_s / 60
    return vo2_at_speed(distance_m / minutes) / vo2max_fraction(minutes)


def vdot_time(vdot_value: float, distance_m: float) -> float:
    """Return the race time (s) over ``distance_m`` that scores ``vdot_value`` (bisection)."""
    fast, slow = distance_m / 12.0, distance_m / 0.5  # 12 m/s and 0.5 m/s bracket every runner
    for _ in range(100):
        mid = (fast + slow) / 2
        if vdot(distance_m, mid) > vdot_value:
            fast = mid
        else:
            slow = mid
    return (fast + slow) / 2


def _pace_at_fraction(vdot_value: float, fraction: float) -> float:
    """Return the pace (s/km) whose oxygen cost is ``fraction`` of VO2max (quadratic inverse)."""
    a, b, c = 0.000104, 0.182258, -4.60 - fraction * vdot_value
    m_per_min = (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)
    return 60000 / m_per_min


@dataclass(frozen=True, slots=True)
class TrainingPaces:
    """Daniels training paces in s/km; E is a range from slow to fast."""

    easy: tuple[float, float]
    marathon: float
    threshold: float
    interval: float
    repetition: float


def training_paces(vdot_value: float) -> TrainingPaces:
    """Return E/M/T/I/R paces for a VDOT (E 59–74 %, T 88 %, I 97.5 %, R 105 % of VO2max)."""
    return TrainingPaces(
        easy=(_pace_at_fraction(vdot_value, 0.59), _pace_at_fraction(vdot_value, 0.74)),
        marathon=vdot_time(vdot_value, 42195.0) / 42.195,
        threshold=_pace_at_fraction(vdot_value, 0.88),
        interval=_pace_at_fraction(vdot_value, 0.975),
        repetition=_pace_at_fraction(vdot_value, 1.05),
    )


def race_predictions(
    efforts: Mapping[str, float],
    targets: Mapping[str, float] = EFFORT_DISTANCES_M,
    method: Literal["vdot", "riegel"] = "vdot",
    min_effort_s: float = 210.0,
) -> dict[str, float]:
    """Predict race times from the best of the given efforts (highest VDOT).

    Efforts shorter than ``min_effort_s`` (3.5 min, where both models stop being valid) are
    ignored; labels must be keys of ``EFFORT_DISTANCES_M``.

    Returns:
        Label → predicted seconds; empty when no effort qualifies.
    """
    usable = [
        (vdot(EFFORT_DISTANCES_M[label], s), EFFORT_DISTANCES_M[label], s)
        for label, s in efforts.items()
        if label in EFFORT_DISTANCES_M and s >= min_effort_s
    ]
    if not usable:
        return {}
    best_vdot, metres, seconds = max(usable)
    if method == "riegel":
        return {label: riegel(seconds, metres, d) for label, d in targets.items()}
    return {label: vdot_time(best_vdot, d) for label, d in targets.items()}


def _two_means(paces: Sequence[float]) -> tuple[float | None, float | None]:
    """Split paces into run and walk clusters, starting from 6:00 and 11:00 per km."""
    run_c, walk_c = 360.0, 660.0
    runs: list[float] = []
    walks: list[float] = []
    for _ in range(100):
        runs = [p for p in paces if abs(p - run_c) <= abs(p - walk_c)]
        walks = [p for p in paces if abs(p - run_c) > abs(p - walk_c)]
        new_run = sum(runs) / len(runs) if runs else run_c
        new_walk = sum(walks) / len(walks) if walks else walk_c
        if (new_run, new_walk) == (run_c, walk_c):
            break
        run_c, walk_c = new_run, new_walk
    return (run_c if runs else None), (walk_c if walks else None)


def gait_threshold(paces: Sequence[float]) -> float:
    """Return the pace (s/km) separating running from walking in these paces.

    Stops (slower than 20:00/km) and invalid paces are dropped first. The threshold is the
    midpoint of the two 2-means centroids; when one cluster is empty or the centroids are less
    than 90 s/km apart there is only one gait, and 8:20/km decides.
    """
    moving = [p for p in paces if 0 < p <= STOP_PACE_S_PER_KM]
    run_c, walk_c = _two_means(moving)
    if run_c is None or walk_c is None or walk_c - run_c < 90:
        return ONE_GAIT_PACE_S_PER_KM
    return (run_c + walk_c) / 2


def classify_gait(paces: Sequence[float], share: float = 0.8) -> Gait:
    """Label a pace stream 'run' or 'walk' when ``share`` of moving samples agree, else 'mixed'.

    A stream with no moving samples is a 'walk': nothing in it was running.
    """
    moving = [p for p in paces if 0 < p <= STOP_PACE_S_PER_KM]
    if not moving:
        return "walk"
    threshold = gait_threshold(moving)
    run_share = sum(p < threshold for p in moving) / len(moving)
    if run_share >= share:
        return "run"
    if run_share <= 1 - share:
        return "walk"
    return "mixed"
