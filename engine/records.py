"""Personal records: which of a new group of sets beat the athlete's history of that exercise."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

_EPS = 1e-6


@dataclass(frozen=True, slots=True)
class Lift:
    """The parts of a set that records are about (loads in kg)."""

    weight_kg: float | None = None
    reps: int | None = None
    e1rm_kg: float | None = None
    added_kg: float | None = None
    bodyweight: bool = False
    duration_s: float | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """One record broken: ``kind`` is weight, reps, e1rm, added or duration.

    ``at_kg`` is the load a rep record was set at; ``previous`` is the old best (None if the
    athlete never did that before at this load).
    """

    kind: str
    value: float
    previous: float | None
    at_kg: float | None = None


def _load(lift: Lift) -> float | None:
    return (lift.added_kg or 0.0) if lift.bodyweight else lift.weight_kg


def _best(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def _reps_record(history: Sequence[Lift], lift: Lift) -> Record | None:
    load = _load(lift)
    if load is None or lift.reps is None:
        return None
    at_or_above = [h.reps for h in history if (_load(h) or 0.0) >= load - _EPS and h.reps]
    previous = max(at_or_above) if at_or_above else None
    if previous is not None and lift.reps > previous:
        return Record("reps", lift.reps, previous, load)
    return None


def find_records(history: Sequence[Lift], new: Sequence[Lift]) -> list[Record]:
    """Return the records the new sets break, one per kind (the best), in a stable order.

    Args:
        history: Earlier sets of the same exercise.
        new: The sets just logged, in order.

    Returns:
        Records of kinds weight (heaviest load), e1rm (best estimated 1RM), added (most load
        added to a bodyweight exercise), reps (most reps at that load or heavier) and duration
        (longest hold). A first-ever session sets no records: there is nothing to beat.
    """
    if not history:
        return []
    found: dict[str, Record] = {}
    for lift in new:  # each set against the history before the message, keeping the best
        for record in _records_of(history, lift):
            if record.kind not in found or record.value >= found[record.kind].value:
                found[record.kind] = record
    if "weight" in found or "added" in found:
        found.pop("reps", None)  # a heavier load is the headline, not reps at it
    order = ("weight", "added", "e1rm", "reps", "duration")
    return [found[kind] for kind in order if kind in found]


def _records_of(seen: Sequence[Lift], lift: Lift) -> list[Record]:
    records = []
    checks = (
        ("weight", lambda x: None if x.bodyweight else x.weight_kg),
        ("added", lambda x: x.added_kg if x.bodyweight else None),
        ("e1rm", lambda x: x.e1rm_kg),
        ("duration", lambda x: x.duration_s),
    )
    for kind, value_of in checks:
        value, previous = value_of(lift), _best([value_of(h) for h in seen])
        if value is not None and value > 0 and previous is not None and value > previous + _EPS:
            records.append(Record(kind, value, previous))
    reps = _reps_record(seen, lift)
    if reps is not None:
        records.append(reps)
    return records
