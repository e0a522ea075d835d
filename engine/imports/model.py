"""The neutral rows every import format is parsed into."""

from __future__ import annotations

import datetime as dtm
from dataclasses import dataclass, replace

from engine.errors import EngineError
from engine.loading import KG_PER_LB

KM_PER_MILE = 1.609344


class CsvImportError(EngineError):
    """A file could not be imported: not a known export, broken, too big. Says why, kindly."""


@dataclass(frozen=True, slots=True)
class ImportedSet:
    """One set as an export holds it, units kept as written.

    ``started`` and ``performed`` are naive local times (the exporting phone's clock) unless
    the file's ``times_utc`` says they are UTC (Spotter's own export)."""

    workout_key: str  # identifies the session inside the file
    workout_name: str
    started: dtm.datetime
    ended: dtm.datetime | None
    exercise: str  # the name as the file spells it
    position: int  # 0-based order of the set within its exercise in the workout
    set_type: str  # normal, warmup, drop, failure
    input_weight: float | None
    input_unit: str | None  # kg / lb; None until the user says (Strong classic)
    reps: int | None
    rpe: float | None
    rir: float | None
    distance_m: float | None
    duration_s: float | None
    notes: str
    performed: dtm.datetime
    added_weight_kg: float | None = None  # Spotter's own export: weighted bodyweight work
    bodyweight: bool = False
    weight_kg_exact: float | None = None  # Spotter's own export keeps the stored kg exactly

    @property
    def warmup(self) -> bool:
        return self.set_type == "warmup"

    @property
    def weight_kg(self) -> float | None:
        if self.weight_kg_exact is not None:
            return self.weight_kg_exact
        if self.input_weight is None or self.input_unit is None:
            return None
        if self.input_unit == "lb":
            return round(self.input_weight * KG_PER_LB, 3)
        return self.input_weight


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """What a CSV held: its format, its sets in file order, and what the user must still say."""

    format: str  # key of engine.imports.formats.FORMATS
    label: str  # e.g. "Strong (classic)"
    sets: tuple[ImportedSet, ...]
    needs_unit: bool  # weights carry no unit: ask kg or lb, then call with_unit
    times_utc: bool = False
    skipped_rows: int = 0  # rows holding no set (notes-only, rest timers, empty)

    @property
    def workouts(self) -> int:
        return len({s.workout_key for s in self.sets})

    @property
    def first(self) -> dtm.datetime | None:
        return min((s.started for s in self.sets), default=None)

    @property
    def last(self) -> dtm.datetime | None:
        return max((s.started for s in self.sets), default=None)

    @property
    def exercise_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.exercise for s in self.sets))


def with_unit(parsed: ParsedFile, unit: str) -> ParsedFile:
    """Give a unit-less file (Strong classic) its unit: weights in ``unit``, distances in km
    for kg and miles for lb (the app's display units go together)."""
    if unit not in ("kg", "lb"):
        raise CsvImportError("The unit is kg or lb.")
    if not parsed.needs_unit:
        return parsed
    per_unit = 1000.0 if unit == "kg" else KM_PER_MILE * 1000.0
    sets = tuple(
        replace(
            s,
            input_unit=unit if s.input_weight is not None else None,
            distance_m=None if s.distance_m is None else round(s.distance_m * per_unit, 1),
        )
        for s in parsed.sets
    )
    return replace(parsed, sets=sets, needs_unit=False)
