"""The analysed activity: one per FIT session, ready for storage, charts and messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Lap:
    """One lap of an activity."""

    start_time: datetime | None
    duration_s: float | None
    timer_s: float | None
    distance_m: float | None
    avg_hr: float | None


@dataclass(frozen=True, slots=True)
class Track:
    """Per-sample columns for charts (no numpy); offsets are seconds from the activity start."""

    offset_s: tuple[float, ...] = ()
    distance_m: tuple[float | None, ...] = ()
    speed_mps: tuple[float | None, ...] = ()
    hr_bpm: tuple[int | None, ...] = ()
    altitude_m: tuple[float | None, ...] = ()

    def __len__(self) -> int:
        return len(self.offset_s)


@dataclass(frozen=True, slots=True)
class StrengthSet:
    """One working set recorded by a watch; ``exercise`` is None when the bot should ask.

    ``weight_kg`` is as the watch stored it: 0 usually means bodyweight or not entered.
    """

    start_time: datetime | None
    duration_s: float | None
    reps: int | None
    weight_kg: float | None
    exercise: str | None
    fit_category: str | None
    fit_exercise: str | None

    def to_json_dict(self) -> dict[str, Any]:
        """Return plain JSON types."""
        return {
            "start_time": self.start_time.isoformat() if self.start_time else None,
            "duration_s": self.duration_s,
            "reps": self.reps,
            "weight_kg": self.weight_kg,
            "exercise": self.exercise,
            "fit_category": self.fit_category,
            "fit_exercise": self.fit_exercise,
        }


@dataclass(frozen=True, slots=True)
class Activity:
    """One analysed sport segment (a FIT session).

    Speeds are m/s, paces s/km (only for foot sports), cadence is rpm for cycling and steps per
    minute for foot sports. ``zone_times_s`` holds Z0..Z5. ``gait`` is the run/walk verdict of
    the pace stream for foot sports. ``partial`` marks a recording that was never finalised;
    ``clock_estimated`` marks times anchored on a device's local clock (UTC offset unknown).
    """

    sport: str
    sub_sport: str | None
    start_time: datetime
    elapsed_s: float
    timer_s: float
    distance_m: float | None
    avg_speed_mps: float | None
    max_speed_mps: float | None
    avg_pace_s_per_km: float | None
    best_pace_s_per_km: float | None
    avg_hr: float | None
    max_hr: float | None
    elevation_gain_m: float | None
    avg_cadence: float | None
    laps: tuple[Lap, ...]
    track: Track
    zone_times_s: tuple[float, ...]
    trimp: float | None
    trimp_edwards: float | None
    hrtss: float | None
    best_efforts: dict[str, float] = field(default_factory=dict)
    strength_sets: tuple[StrengthSet, ...] = ()
    gait: str | None = None
    has_gps: bool = False
    has_hr: bool = False
    device: str | None = None
    partial: bool = False
    clock_estimated: bool = False

    def to_json_dict(self) -> dict[str, Any]:
        """Return the summary as plain JSON types; ``records`` is the sample count."""
        return {
            "sport": self.sport,
            "sub_sport": self.sub_sport,
            "start_time": self.start_time.isoformat(),
            "elapsed_s": self.elapsed_s,
            "timer_s": self.timer_s,
            "distance_m": self.distance_m,
            "avg_speed_mps": self.avg_speed_mps,
            "max_speed_mps": self.max_speed_mps,
            "avg_pace_s_per_km": self.avg_pace_s_per_km,
            "best_pace_s_per_km": self.best_pace_s_per_km,
            "avg_hr": self.avg_hr,
            "max_hr": self.max_hr,
            "elevation_gain_m": self.elevation_gain_m,
            "avg_cadence": self.avg_cadence,
            "laps": len(self.laps),
            "records": len(self.track),
            "zone_times_s": list(self.zone_times_s),
            "trimp": self.trimp,
            "trimp_edwards": self.trimp_edwards,
            "hrtss": self.hrtss,
            "best_efforts": dict(self.best_efforts),
            "strength_sets": [s.to_json_dict() for s in self.strength_sets],
            "gait": self.gait,
            "has_gps": self.has_gps,
            "has_hr": self.has_hr,
            "device": self.device,
            "partial": self.partial,
            "clock_estimated": self.clock_estimated,
        }
