"""Cycling power and running pace load (SPORTSCI.md §4, Coggan's and TrainingPeaks' definitions).

A stream is two parallel sequences: sample times in seconds and values (watts, or metres per
second for pace), ``None`` where there is no reading. Streams are resampled to 1 s by holding
each sample until the next one; an interval longer than ``max_gap_s`` is a pause and is left
out, not filled (coasting zeros recorded by the device stay in).

- NP = (mean over time of (30 s rolling mean power)⁴)^¼; IF = NP/FTP; TSS = hours·IF²·100.
- FTP estimate when none is set: 95 % of the best 20-minute mean power (label it an estimate).
- rTSS: the same with IF = normalized graded speed / threshold speed; the grade adjustment is
  Minetti et al. (2002)'s energy cost of running on a slope, relative to the flat.
- Power zones (Coggan, % of FTP): Z1 < 55, Z2 55–75, Z3 76–90, Z4 91–105, Z5 106–120,
  Z6 121–150, Z7 > 150.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from engine.errors import EngineError

MAX_GAP_S = 20.0
ROLLING_S = 30
FTP_FROM_20MIN = 0.95
POWER_EFFORTS_S: dict[str, int] = {"5 s": 5, "1 min": 60, "5 min": 300, "20 min": 1200}
POWER_ZONE_FLOORS: tuple[float, ...] = (0.0, 0.55, 0.76, 0.91, 1.06, 1.21, 1.51)
"""Lower bound of Coggan zones 1–7 as a fraction of FTP."""


class PowerError(EngineError):
    """A threshold or stream no power or pace load can be computed from."""


def resample_1s(
    times_s: Sequence[float], values: Sequence[float | None], max_gap_s: float = MAX_GAP_S
) -> list[list[float]]:
    """Return 1 s values in runs without pauses: each sample held until the next one."""
    runs: list[list[float]] = []
    current: list[float] = []
    pairs = [(t, v) for t, v in zip(times_s, values, strict=False) if t is not None]
    for (t0, v0), (t1, _) in itertools.pairwise(pairs):
        span = t1 - t0
        if v0 is None or span <= 0 or span > max_gap_s:
            if current:
                runs.append(current)
            current = []
            continue
        current.extend([float(v0)] * max(1, round(span)))
    if current:
        runs.append(current)
    return runs


def _rolling(run: Sequence[float], window: int) -> list[float]:
    if len(run) < window:
        return []
    total = sum(run[:window])
    out = [total / window]
    for i in range(window, len(run)):
        total += run[i] - run[i - window]
        out.append(total / window)
    return out


def normalized(runs: Sequence[Sequence[float]], window: int = ROLLING_S) -> float | None:
    """Return the 4th-power mean of the 30 s rolling mean over 1 s runs (None if too short)."""
    rolled = [value for run in runs for value in _rolling(run, window)]
    if not rolled:
        return None
    return (sum(v**4 for v in rolled) / len(rolled)) ** 0.25


def normalized_power(
    times_s: Sequence[float], watts: Sequence[float | None], max_gap_s: float = MAX_GAP_S
) -> float | None:
    """Return normalized power in watts, or None for under 30 s of power."""
    return normalized(resample_1s(times_s, watts, max_gap_s))


def intensity_factor(np_watts: float, ftp_watts: float) -> float:
    """Return IF = NP / FTP."""
    if not ftp_watts > 0:
        raise PowerError("FTP must be a positive number of watts.")
    return np_watts / ftp_watts


def tss(duration_s: float, np_watts: float, ftp_watts: float) -> float:
    """Return TSS = hours·IF²·100 (one hour at FTP scores 100)."""
    return duration_s / 3600 * intensity_factor(np_watts, ftp_watts) ** 2 * 100


def best_mean(runs: Sequence[Sequence[float]], seconds: int) -> float | None:
    """Return the best mean value over any ``seconds`` inside one run, or None."""
    best = [max(r) for run in runs if (r := _rolling(run, seconds))]
    return max(best) if best else None


def power_best_efforts(
    times_s: Sequence[float],
    watts: Sequence[float | None],
    targets: Mapping[str, int] = POWER_EFFORTS_S,
) -> dict[str, float]:
    """Return the best mean power for each target duration the ride holds."""
    runs = resample_1s(times_s, watts)
    return {label: best for label, s in targets.items() if (best := best_mean(runs, s))}


def estimate_ftp(best_20min_watts: float | None) -> float | None:
    """Return 95 % of the best 20-minute power (an estimate, to be labelled as one)."""
    return None if not best_20min_watts else best_20min_watts * FTP_FROM_20MIN


def power_zone(watts: float, ftp_watts: float) -> int:
    """Return the Coggan zone 1–7 of a power against FTP."""
    fraction = watts / ftp_watts if ftp_watts > 0 else 0.0
    return max(i + 1 for i, floor in enumerate(POWER_ZONE_FLOORS) if fraction >= floor)


def time_in_power_zones(
    times_s: Sequence[float], watts: Sequence[float | None], ftp_watts: float
) -> tuple[float, ...]:
    """Return seconds in power zones 1–7 (pauses left out)."""
    if not ftp_watts > 0:
        raise PowerError("FTP must be a positive number of watts.")
    zones = [0.0] * len(POWER_ZONE_FLOORS)
    for run in resample_1s(times_s, watts):
        for value in run:
            zones[power_zone(value, ftp_watts) - 1] += 1.0
    return tuple(zones)


def minetti_cost(grade: float) -> float:
    """Return the energy cost of running (J/kg/m) at a grade (rise/run), Minetti et al. 2002."""
    g = max(-0.45, min(0.45, grade))
    return 155.4 * g**5 - 30.4 * g**4 - 43.3 * g**3 + 46.3 * g**2 + 19.5 * g + 3.6


def graded_speeds(
    speeds_mps: Sequence[float | None], grades: Sequence[float | None]
) -> list[float | None]:
    """Return each speed scaled to the flat speed of the same cost (no grade: unchanged)."""
    flat = minetti_cost(0.0)
    return [
        None if v is None else v * (minetti_cost(g) / flat if g is not None else 1.0)
        for v, g in zip(speeds_mps, grades, strict=False)
    ]


def parse_pace(text: str) -> float:
    """Return seconds per km from ``m:ss`` (``4:30``), raising PowerError on anything else."""
    minutes, sep, seconds = text.strip().partition(":")
    if not sep or not minutes.isdigit() or not seconds.isdigit() or len(seconds) != 2:
        raise PowerError("Write the pace as minutes:seconds per km, like 4:30.")
    pace = int(minutes) * 60 + int(seconds)
    if int(seconds) >= 60 or not 120 <= pace <= 900:
        raise PowerError("A threshold pace is between 2:00 and 15:00 per km.")
    return float(pace)


def rtss(duration_s: float, ngp_mps: float, threshold_pace_s_per_km: float) -> float:
    """Return rTSS = hours·(NGP speed / threshold speed)²·100."""
    if not threshold_pace_s_per_km > 0:
        raise PowerError("Threshold pace must be positive.")
    return duration_s / 3600 * (ngp_mps / (1000 / threshold_pace_s_per_km)) ** 2 * 100
