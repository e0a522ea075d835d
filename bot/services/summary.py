"""What a logged entry came to: set numbers, records and the next set."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.services.sets import SetView
from engine.errors import EngineError
from engine.loading import default_profile
from engine.prescription import DoneSet, next_set
from engine.records import Bests, Lift, Record, find_records
from storage.tables import NewSet, SetLog


@dataclass(frozen=True, slots=True)
class ExerciseResult:
    """What one exercise of a log entry came to."""

    exercise: str
    sets: tuple[SetView, ...]
    first_number: int  # the number of its first set in today's workout
    records: tuple[Record, ...]
    first_time: bool
    next_text: str | None  # e.g. "80 kg × 5 @ RIR 1–2"


def lift_of(row: SetLog | NewSet) -> Lift:
    """The record-relevant part of a stored set."""
    return Lift(
        row.weight_kg, row.reps, row.e1rm_kg, row.added_weight_kg, row.bodyweight, row.duration_s,
        row.distance_m,
    )  # fmt: skip


def results_for(
    stored: Sequence[SetLog | NewSet],
    counts: Mapping[str, int],
    bests: Mapping[str, Bests] | None,
) -> tuple[ExerciseResult, ...]:
    """Group an entry's sets by exercise: set numbers, records (when bests are known), next set.

    Args:
        stored: The entry's sets in order.
        counts: Sets of each exercise in the workout before this entry.
        bests: Each exercise's bests before this entry; None when not compared (an edit).
    """
    groups: dict[str, list[SetLog | NewSet]] = {}
    for row in stored:
        groups.setdefault(row.exercise, []).append(row)
    results = []
    for exercise, rows in groups.items():
        known = bests.get(exercise, Bests()) if bests is not None else None
        records = find_records(known, [lift_of(r) for r in rows]) if known else []
        results.append(
            ExerciseResult(
                exercise,
                tuple(SetView.of(r) for r in rows),
                counts.get(exercise, 0) + 1,
                tuple(records),
                known is not None and known.count == 0,
                next_text(rows[-1]),
            )
        )
    return tuple(results)


def _num(value: float) -> str:
    return f"{round(value, 2):g}"


def _added(view: SetView) -> str:
    """' at +10 kg' for added load, ' with 20 kg assistance' for an assisted lift, or ''."""
    if not view.added:
        return ""
    if view.added > 0:
        return f" at +{_num(view.added)} {view.unit}"
    return f" with {_num(-view.added)} {view.unit} assistance"


def next_text(row: SetLog | NewSet) -> str | None:
    """What to do next set, from the set just done (None when there is nothing to say)."""
    view = SetView.of(row)
    if row.distance_m and not row.reps:
        return None
    if row.duration_s and not row.reps:
        return f"another {_num(row.duration_s)} s"
    if row.bodyweight or row.weight_kg is None:
        if not row.reps:
            return None
        return f"another set of {row.reps}{_added(view)}"
    if not row.reps or row.weight_kg <= 0:
        return None
    effort = row.rir if row.rir is not None else (10 - row.rpe if row.rpe is not None else None)
    if effort is None:
        return f"{_num(view.weight or 0)} {view.unit} × {row.reps}"
    # Fatigue costs about one rep in reserve per set, so aim one RIR lower than this set,
    # but never below RIR 1: a set at RIR 0-1 is followed by a slightly lighter one.
    high = min(max(effort, 2.0), 5.0)
    try:
        prescription = next_set(
            DoneSet(row.exercise, row.weight_kg, row.reps, row.rpe, row.rir),
            row.reps,
            high,
            default_profile(view.unit),
        )
    except EngineError:
        return None
    return f"{_num(prescription.load)} {view.unit} × {row.reps} @ RIR {high - 1:g}–{high:g}"
