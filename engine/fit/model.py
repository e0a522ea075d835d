"""What the decoder keeps of a FIT file: the messages analysis needs, times in Unix seconds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SessionMsg:
    """One ``session`` message: the device's own summary of a sport segment."""

    start_s: float | None
    end_s: float | None
    elapsed_s: float | None
    timer_s: float | None
    distance_m: float | None
    sport: str
    sub_sport: str | None
    avg_hr: float | None
    max_hr: float | None
    avg_speed_mps: float | None
    max_speed_mps: float | None
    ascent_m: float | None
    avg_cadence: float | None


@dataclass(frozen=True, slots=True)
class LapMsg:
    """One ``lap`` message."""

    start_s: float | None
    elapsed_s: float | None
    timer_s: float | None
    distance_m: float | None
    avg_hr: float | None


@dataclass(frozen=True, slots=True)
class SetMsg:
    """One strength ``set`` message; category/subtype are FIT numbers or names as decoded."""

    start_s: float | None
    duration_s: float | None
    reps: int | None
    weight_kg: float | None
    active: bool
    category: object
    subtype: object


@dataclass(frozen=True, slots=True)
class Records:
    """The ``record`` stream as parallel columns sorted by time; ``None`` marks a gap."""

    time_s: tuple[float, ...]
    distance_m: tuple[float | None, ...]
    speed_mps: tuple[float | None, ...]
    hr_bpm: tuple[int | None, ...]
    altitude_m: tuple[float | None, ...]
    cadence: tuple[float | None, ...]
    lat_deg: tuple[float | None, ...]

    def __len__(self) -> int:
        return len(self.time_s)

    def columns(self) -> tuple[tuple, ...]:
        """Return every column, in field order."""
        return (
            self.time_s,
            self.distance_m,
            self.speed_mps,
            self.hr_bpm,
            self.altitude_m,
            self.cadence,
            self.lat_deg,
        )


@dataclass(frozen=True, slots=True)
class FitFile:
    """A decoded FIT file (all chained parts together).

    ``complete`` is False for a recording that was never finalised (no summary, no checksum):
    its records are kept but nothing could be verified. ``clock_estimated`` is True when the
    device only wrote times since power-on and they were anchored on its local wall clock.
    """

    file_type: str | None
    device: str | None
    sport: str | None
    sub_sport: str | None
    sessions: tuple[SessionMsg, ...]
    laps: tuple[LapMsg, ...]
    records: Records
    hr_time_s: tuple[float, ...]
    hr_bpm: tuple[int, ...]
    sets: tuple[SetMsg, ...]
    parts: int
    complete: bool
    clock_estimated: bool
