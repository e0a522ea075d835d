"""Turn parsed sets into stored rows and stored rows into what replies show."""

from __future__ import annotations

import datetime as dtm
from collections.abc import Sequence
from dataclasses import dataclass

from engine.catalog import CATALOG
from engine.e1rm import Formula, estimate_1rm
from engine.errors import EngineError
from engine.loading import KG_PER_LB
from engine.plausibility import check_set
from engine.setlog import ParsedExercise, ParsedSet
from storage.tables import NewSet, SetLog


def to_kg(value: float | None, unit: str) -> float | None:
    """A load in kg (None stays None)."""
    if value is None:
        return None
    return round(value if unit == "kg" else value * KG_PER_LB, 4)


def from_kg(value: float | None, unit: str) -> float | None:
    """A kg load in ``unit`` (None stays None)."""
    if value is None:
        return None
    return value if unit == "kg" else value / KG_PER_LB


def set_e1rm(
    weight_kg: float | None,
    reps: int | None,
    rpe: float | None,
    rir: float | None,
    formula: str = "auto",
) -> float | None:
    """The set's e1RM in kg, or None when it says nothing about strength (no load, no reps)."""
    if weight_kg is None or weight_kg <= 0 or reps is None or not 1 <= reps <= 30:
        return None
    try:
        return round(estimate_1rm(weight_kg, reps, rpe, rir, Formula(formula)).value_kg, 2)
    except (EngineError, ValueError):
        return None


def rows_for(
    parsed: Sequence[ParsedExercise],
    *,
    default_unit: str,
    performed_at: dtm.datetime,
    formula: str = "auto",
) -> list[NewSet]:
    """Rows to store for every parsed set; a missing unit means the user's default unit.

    Raises:
        ImplausibleValueError: A set is absurd in the unit it is stored in.
    """
    rows = []
    for exercise in parsed:
        for item in exercise.sets:
            rows.append(_row(exercise.exercise, item, default_unit, performed_at, formula))
    return rows


def _row(
    exercise: str, item: ParsedSet, default_unit: str, at: dtm.datetime, formula: str
) -> NewSet:
    unit = item.unit or default_unit
    check_set(CATALOG.get(exercise), weight=item.weight, added=item.added_weight, unit=unit,
              reps=item.reps, duration_s=item.duration_s, distance_m=item.distance_m,
              rpe=item.rpe, rir=item.rir)  # fmt: skip
    weight_kg = to_kg(item.weight, unit)
    return NewSet(
        exercise=exercise,
        weight_kg=weight_kg,
        input_weight=item.weight if item.weight is not None else item.added_weight,
        input_unit=unit,
        unit_defaulted=item.unit is None,
        reps=item.reps,
        rir=item.rir,
        rpe=item.rpe,
        bodyweight=item.bodyweight,
        added_weight_kg=to_kg(item.added_weight, unit),
        duration_s=item.duration_s,
        distance_m=item.distance_m,
        e1rm_kg=set_e1rm(weight_kg, item.reps, item.rpe, item.rir, formula),
        performed_at=at,
    )


def copy_row(row: SetLog, at: dtm.datetime) -> NewSet:
    """A new row repeating ``row`` at another time (refused if the row is absurd).

    Raises:
        ImplausibleValueError: The row holds a value no set can have (stored long ago).
    """
    unit = row.input_unit or "kg"
    check_set(CATALOG.get(row.exercise), weight=from_kg(row.weight_kg, unit),
              added=from_kg(row.added_weight_kg, unit), unit=unit, reps=row.reps,
              duration_s=row.duration_s, distance_m=row.distance_m, rpe=row.rpe,
              rir=row.rir)  # fmt: skip
    return NewSet.like(row, at)


@dataclass(frozen=True, slots=True)
class SetView:
    """One stored set as the user sees it, in their unit."""

    exercise: str
    weight: float | None
    added: float | None
    unit: str
    reps: int | None
    rir: float | None
    rpe: float | None
    bodyweight: bool
    duration_s: float | None
    distance_m: float | None
    e1rm: float | None
    weight_kg: float | None

    @classmethod
    def of(cls, row: SetLog | NewSet, unit: str | None = None) -> SetView:
        shown = unit or row.input_unit or "kg"
        return cls(
            row.exercise,
            from_kg(row.weight_kg, shown),
            from_kg(row.added_weight_kg, shown),
            shown,
            row.reps,
            row.rir,
            row.rpe,
            row.bodyweight,
            row.duration_s,
            row.distance_m,
            from_kg(row.e1rm_kg, shown),
            row.weight_kg,
        )
