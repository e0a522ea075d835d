"""Heart-rate maths: HRmax formulas, zones, time in zone, TRIMP and hrTSS from a sample stream.

Conventions (SPORTSCI.md §3–§4):
- Zones are bands of %HRmax (or of %HRR with Karvonen): Z1 50–60 %, Z2 60–70 %, Z3 70–80 %,
  Z4 80–90 %, Z5 ≥ 90 % (above 100 % too); lower bound inclusive; below 50 % is Z0.
- A stream is two parallel sequences: sample times in seconds and heart rates (``None`` where
  there is no reading). Sample ``i`` holds for the interval up to sample ``i + 1``; an interval
  longer than ``max_gap_s`` counts only ``max_gap_s``, so a paused watch does not add time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from engine.errors import EngineError

DEFAULT_REST_HR = 60.0
"""Resting HR assumed when the athlete has not given one (a typical adult value)."""

LTHR_FRACTION = 0.89
"""Default LTHR as a fraction of HRmax (rule of thumb: LTHR is about 85–90 % of HRmax)."""

MAX_GAP_S = 20.0
"""Longest interval one sample may stand for; devices with smart recording rarely exceed it."""

_BANISTER = {"m": (0.64, 1.92), "f": (0.86, 1.67)}

Sex = Literal["m", "f"]
ZoneMethod = Literal["hrmax", "karvonen"]


class ProfileError(EngineError):
    """The athlete's heart-rate settings are impossible."""


def hrmax_hunt(age: float) -> float:
    """Return HRmax by the HUNT formula, 211 − 0.64·age (Nes et al. 2013)."""
    return 211.0 - 0.64 * age


def hrmax_tanaka(age: float) -> float:
    """Return HRmax by Tanaka, 208 − 0.7·age (Tanaka, Monahan & Seals 2001)."""
    return 208.0 - 0.7 * age


def hrmax_fox(age: float) -> float:
    """Return HRmax by the classic 220 − age rule, kept for comparison."""
    return 220.0 - age


def karvonen(intensity: float, max_hr: float, rest_hr: float) -> float:
    """Return the target HR at a fraction of heart-rate reserve: rest + I·(max − rest)."""
    return rest_hr + intensity * (max_hr - rest_hr)


@dataclass(frozen=True, slots=True)
class AthleteProfile:
    """What the HR maths needs to know about the athlete; user-set values beat formulas.

    Raises:
        ProfileError: A value is outside what a human heart can do, or rest ≥ max.
    """

    age: int
    sex: Sex
    max_hr: float | None = None
    rest_hr: float | None = None
    lthr: float | None = None
    zone_method: ZoneMethod = "hrmax"

    def __post_init__(self) -> None:
        if not 10 <= self.age <= 100:
            raise ProfileError("Age must be between 10 and 100.")
        if self.sex not in _BANISTER:
            raise ProfileError("Sex must be 'm' or 'f'.")
        if self.zone_method not in ("hrmax", "karvonen"):
            raise ProfileError("Zone method must be 'hrmax' or 'karvonen'.")
        if self.max_hr is not None and not 100 <= self.max_hr <= 240:
            raise ProfileError("Max heart rate must be between 100 and 240 bpm.")
        if self.rest_hr is not None and not 25 <= self.rest_hr <= 120:
            raise ProfileError("Resting heart rate must be between 25 and 120 bpm.")
        if self.hr_rest >= self.hr_max:
            raise ProfileError("Resting heart rate must be below max heart rate.")
        if self.lthr is not None and not self.hr_rest < self.lthr <= self.hr_max:
            raise ProfileError("Threshold heart rate must lie between resting and max.")

    @property
    def hr_max(self) -> float:
        """User-set HRmax, else the HUNT estimate for the age."""
        return self.max_hr if self.max_hr is not None else hrmax_hunt(self.age)

    @property
    def hr_rest(self) -> float:
        """User-set resting HR, else ``DEFAULT_REST_HR``."""
        return self.rest_hr if self.rest_hr is not None else DEFAULT_REST_HR

    @property
    def hr_threshold(self) -> float:
        """User-set LTHR, else ``LTHR_FRACTION`` of HRmax."""
        return self.lthr if self.lthr is not None else LTHR_FRACTION * self.hr_max


def zone_floors(athlete: AthleteProfile) -> tuple[float, ...]:
    """Return the lowest bpm of Z1..Z5 (50, 60, 70, 80, 90 % of HRmax or of HRR)."""
    top, rest = athlete.hr_max, athlete.hr_rest
    if athlete.zone_method == "karvonen":
        return tuple(rest + (top - rest) * k / 10 for k in range(5, 10))
    return tuple(top * k / 10 for k in range(5, 10))


def zone_of(hr: float, floors: Sequence[float]) -> int:
    """Return the zone 0..5 of one heart rate given the floors of Z1..Z5."""
    zone = 0
    for floor in floors:
        if hr < floor:
            break
        zone += 1
    return zone


def timed_hr(
    times_s: Sequence[float], hrs: Sequence[float | None], max_gap_s: float = MAX_GAP_S
) -> list[tuple[float, float]]:
    """Pair each reading with the seconds it stands for (capped; missing readings dropped)."""
    pairs = []
    for i in range(len(times_s) - 1):
        hr = hrs[i]
        if hr is None or hr <= 0:
            continue
        dt = min(max(times_s[i + 1] - times_s[i], 0.0), max_gap_s)
        if dt > 0:
            pairs.append((dt, float(hr)))
    return pairs


def counted_time_s(
    times_s: Sequence[float], hrs: Sequence[float | None], max_gap_s: float = MAX_GAP_S
) -> float:
    """Return the seconds of the stream that carry a heart rate."""
    return sum(dt for dt, _ in timed_hr(times_s, hrs, max_gap_s))


def mean_hr(
    times_s: Sequence[float], hrs: Sequence[float | None], max_gap_s: float = MAX_GAP_S
) -> float | None:
    """Return the time-weighted mean heart rate, or ``None`` without readings."""
    pairs = timed_hr(times_s, hrs, max_gap_s)
    total = sum(dt for dt, _ in pairs)
    return sum(dt * hr for dt, hr in pairs) / total if total else None


def time_in_zones(
    times_s: Sequence[float],
    hrs: Sequence[float | None],
    athlete: AthleteProfile,
    max_gap_s: float = MAX_GAP_S,
) -> tuple[float, ...]:
    """Return seconds spent in Z0..Z5; they add up to ``counted_time_s`` of the stream.

    Args:
        times_s: Sample times in seconds, non-decreasing.
        hrs: Heart rate per sample, ``None`` where there is no reading.
        athlete: Gives HRmax, resting HR and the zone method.
        max_gap_s: Longest interval one sample may stand for.

    Returns:
        Six totals in seconds, index = zone number.
    """
    floors = zone_floors(athlete)
    totals = [0.0] * 6
    for dt, hr in timed_hr(times_s, hrs, max_gap_s):
        totals[zone_of(hr, floors)] += dt
    return tuple(totals)


def banister_trimp(minutes: float, hr: float, max_hr: float, rest_hr: float, sex: Sex) -> float:
    """Return Banister TRIMP of ``minutes`` at a steady ``hr`` (HRr clipped to [0, 1])."""
    a, b = _BANISTER[sex]
    hrr = min(max((hr - rest_hr) / (max_hr - rest_hr), 0.0), 1.0)
    return minutes * hrr * a * math.exp(b * hrr)


def trimp_stream(
    times_s: Sequence[float],
    hrs: Sequence[float | None],
    athlete: AthleteProfile,
    max_gap_s: float = MAX_GAP_S,
) -> float:
    """Return Banister TRIMP summed per sample (not from the mean HR: the curve is convex)."""
    top, rest = athlete.hr_max, athlete.hr_rest
    return sum(
        banister_trimp(dt / 60, hr, top, rest, athlete.sex)
        for dt, hr in timed_hr(times_s, hrs, max_gap_s)
    )


def edwards_trimp(zone_times_s: Sequence[float]) -> float:
    """Return Edwards TRIMP: minutes in zone i times i, for i = 1..5 (Z0 adds nothing)."""
    return sum(i * seconds / 60 for i, seconds in enumerate(zone_times_s))


def hrtss(hours: float, hr: float, lthr: float) -> float:
    """Return simplified hrTSS, hours·(HR/LTHR)²·100; one hour at LTHR scores 100."""
    return hours * (hr / lthr) ** 2 * 100


def hrtss_stream(
    times_s: Sequence[float],
    hrs: Sequence[float | None],
    athlete: AthleteProfile,
    max_gap_s: float = MAX_GAP_S,
) -> float:
    """Return simplified hrTSS summed per sample against the athlete's LTHR."""
    lthr = athlete.hr_threshold
    return sum(hrtss(dt / 3600, hr, lthr) for dt, hr in timed_hr(times_s, hrs, max_gap_s))
