"""Program data: planned exercises, sessions and programs, and their plain-JSON round trips."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from functools import lru_cache
from typing import Any

from engine.catalog import CATALOG
from engine.errors import ProgramError
from engine.loading import LoadingProfile, makeable_load

PROGRESSIONS = ("single", "double", "wave", "paused")
BLOCKS = ("accumulation", "intensification", "deload")
# Weekly hard sets: a set counts 1 for each primary muscle and 0.5 for each secondary one.
PRIMARY_SET = 1.0
SECONDARY_SET = 0.5


@dataclass(frozen=True, slots=True)
class WarmupSet:
    """One warm-up set: a fraction of the work load (and the load itself when known)."""

    reps: int
    fraction: float
    load_kg: float | None = None  # None for the empty bar when the work load is unknown


@dataclass(frozen=True, slots=True)
class PlannedExercise:
    """One exercise in a planned session."""

    exercise: str
    sets: int
    reps: int
    rir: float
    progression: str  # one of PROGRESSIONS
    reps_max: int | None = None  # top of the rep range for double progression
    main: bool = False  # a main lift: heavy compound with %1RM, warm-ups and its own pattern
    percent_1rm: float | None = None
    load_kg: float | None = None  # from the athlete's e1RM when known, makeable
    warmup: tuple[WarmupSet, ...] = ()

    @property
    def rep_text(self) -> str:
        """Return "5" or "8-12"."""
        return f"{self.reps}-{self.reps_max}" if self.reps_max else str(self.reps)


@dataclass(frozen=True, slots=True)
class PlannedSession:
    """One training day of one program week."""

    week: int  # 1-based
    day: int  # 1-based training day within the week
    name: str  # e.g. "Upper A"
    block: str  # one of BLOCKS
    exercises: tuple[PlannedExercise, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the session as plain JSON types."""
        return _plain(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PlannedSession:
        """Rebuild a session from ``to_dict`` output."""
        try:
            exercises = tuple(_exercise_from(e) for e in data["exercises"])
            return cls(int(data["week"]), int(data["day"]), data["name"], data["block"], exercises)
        except (KeyError, TypeError, ValueError) as exc:
            raise ProgramError("That saved session could not be read.") from exc


@dataclass(frozen=True, slots=True)
class Program:
    """A whole program: weeks of sessions, what it targets and notes for the athlete."""

    split: str
    days_per_week: int
    weeks: int
    goals: tuple[tuple[str, int], ...]  # (goal, weight) pairs, weights summing to 10
    deload_every: int
    targeted: tuple[str, ...]  # muscles kept within MEV..MRV in loading weeks
    notes: tuple[str, ...]
    sessions: tuple[PlannedSession, ...]
    unit: str = "kg"

    def week(self, week: int) -> tuple[PlannedSession, ...]:
        """Return the sessions of one week, in day order."""
        return tuple(s for s in self.sessions if s.week == week)

    def to_dict(self) -> dict[str, Any]:
        """Return the program as plain JSON types."""
        return _plain(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Program:
        """Rebuild a program from ``to_dict`` output."""
        try:
            return cls(
                split=data["split"],
                days_per_week=int(data["days_per_week"]),
                weeks=int(data["weeks"]),
                goals=tuple((str(g), int(w)) for g, w in data["goals"]),
                deload_every=int(data["deload_every"]),
                targeted=tuple(data["targeted"]),
                notes=tuple(data["notes"]),
                sessions=tuple(PlannedSession.from_dict(s) for s in data["sessions"]),
                unit=data.get("unit", "kg"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ProgramError("That saved program could not be read.") from exc


def _plain(value: Any) -> Any:
    """Turn dataclasses and tuples into dicts and lists, recursively."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _exercise_from(data: Mapping[str, Any]) -> PlannedExercise:
    """Rebuild a planned exercise from its dict."""
    warmup = tuple(
        WarmupSet(int(w["reps"]), float(w["fraction"]), w["load_kg"]) for w in data["warmup"]
    )
    base = {f.name: data[f.name] for f in fields(PlannedExercise) if f.name != "warmup"}
    return replace(PlannedExercise(**base), warmup=warmup)


def hard_sets(sessions: Iterable[PlannedSession]) -> dict[str, float]:
    """Count weekly hard sets per muscle: each work set counts 1 per primary, 0.5 per secondary.

    Args:
        sessions: The sessions to count, usually one program week.

    Returns:
        Muscle group → hard sets; exercises missing from the catalog count nothing.
    """
    totals: dict[str, float] = {}
    for session in sessions:
        for planned in session.exercises:
            for muscle, weight in muscle_weights(planned.exercise):
                totals[muscle] = totals.get(muscle, 0.0) + weight * planned.sets
    return totals


@lru_cache(maxsize=512)
def muscle_weights(exercise: str) -> tuple[tuple[str, float], ...]:
    """Return (muscle, hard-set weight) pairs for one set of an exercise."""
    known = CATALOG.get(exercise)
    if known is None:
        return ()
    primary = tuple((m, PRIMARY_SET) for m in known.primary)
    return primary + tuple((m, SECONDARY_SET) for m in known.secondary)


# Warm-up ramp before a main lift: (fraction of the work load, reps). Common coaching practice:
# the empty bar, then fewer reps as the load climbs, so warm-ups prime without tiring.
WARMUP_RAMP: tuple[tuple[float, int], ...] = ((0.4, 5), (0.6, 3), (0.8, 2))
BAR_WARMUP_REPS = 10


def warmup_sets(
    work_kg: float | None, profile: LoadingProfile, equipment: str = "barbell"
) -> tuple[WarmupSet, ...]:
    """Return the warm-up ramp to a work load: empty bar ×10, then 40 % ×5, 60 % ×3, 80 % ×2.

    Args:
        work_kg: The first work set's load, or None when unknown (fractions only).
        profile: Loading profile; warm-up loads are makeable and strictly increasing.
        equipment: Catalog equipment; only barbells start from the empty bar.

    Returns:
        Warm-up sets lighter than the work load; steps that round onto the previous load or
        onto the work load are dropped.
    """
    barbell = equipment in ("barbell", "trap bar")
    bar = [WarmupSet(BAR_WARMUP_REPS, 0.0, profile.bar_kg)] if barbell else []
    if work_kg is None:
        return (*bar, *(WarmupSet(reps, fraction) for fraction, reps in WARMUP_RAMP))
    work = profile.from_kg(work_kg)
    ramp = bar if barbell and profile.bar < work else []
    last = profile.bar if ramp else 0.0
    for fraction, reps in WARMUP_RAMP:
        load = makeable_load(work * fraction, profile, equipment)
        if last < load < work:
            ramp.append(WarmupSet(reps, fraction, profile.to_kg(load)))
            last = load
    return tuple(ramp)
