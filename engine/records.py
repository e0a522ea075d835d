"""Personal records: which of a new group of sets beat the athlete's bests at that exercise."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# Loads closer than this are the same load (80 kg typed and 176.37 lb converted).
EPS = 1e-6


@dataclass(frozen=True, slots=True)
class Lift:
    """The parts of a set that records are about (loads in kg)."""

    weight_kg: float | None = None
    reps: int | None = None
    e1rm_kg: float | None = None
    added_kg: float | None = None
    bodyweight: bool = False
    duration_s: float | None = None
    distance_m: float | None = None  # a carry or a row: its time is not a hold to beat


@dataclass(frozen=True, slots=True)
class Bests:
    """An exercise's bests so far; ``reps_at`` maps a load to the most reps at it or heavier."""

    count: int = 0
    weight_kg: float | None = None
    e1rm_kg: float | None = None
    added_kg: float | None = None
    duration_s: float | None = None
    reps_at: Mapping[float, int | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Record:
    """One record broken: ``kind`` is weight, reps, e1rm, added or duration.

    ``at_kg`` is the load a rep record was set at; ``previous`` is the old best.
    """

    kind: str
    value: float
    previous: float | None
    at_kg: float | None = None


def load_of(lift: Lift) -> float | None:
    """The load that rep records compare: added load for bodyweight sets, else the weight."""
    return (lift.added_kg or 0.0) if lift.bodyweight else lift.weight_kg


def loads_of(new: Iterable[Lift]) -> set[float]:
    """The loads whose rep records a group of new sets can break."""
    return {load for lift in new if lift.reps and (load := load_of(lift)) is not None}


def _best(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def bests_of(history: Sequence[Lift], loads: Iterable[float] = ()) -> Bests:
    """The bests of a history held in memory (storage computes the same with SQL)."""
    reps_at = {}
    for load in loads:
        reps_at[load] = _best(
            [h.reps for h in history if h.reps and (load_of(h) or 0.0) >= load - EPS]
        )
    return Bests(
        len(history),
        _best(h.weight_kg for h in history if not h.bodyweight),
        _best(h.e1rm_kg for h in history),
        _best(h.added_kg for h in history if h.bodyweight),
        _best(h.duration_s for h in history),
        reps_at,
    )


def find_records(bests: Bests, new: Sequence[Lift]) -> list[Record]:
    """Return the records the new sets break, one per kind (the best), in a stable order.

    Args:
        bests: The exercise's bests before these sets (``reps_at`` covering ``loads_of(new)``).
        new: The sets just logged, in order.

    Returns:
        Records of kinds weight (heaviest load), added (most load added to a bodyweight
        exercise), e1rm (best estimated 1RM), reps (most reps at that load or heavier) and
        duration (longest hold; a set over a distance, such as a carry, is no hold). A
        first-ever session sets no records: nothing to beat.
    """
    if not bests.count:
        return []
    found: dict[str, Record] = {}
    for lift in new:  # each set against the bests before the message, keeping the best
        for record in _records_of(bests, lift):
            if record.kind not in found or record.value >= found[record.kind].value:
                found[record.kind] = record
    if "weight" in found or "added" in found:
        found.pop("reps", None)  # a heavier load is the headline, not reps at it
    order = ("weight", "added", "e1rm", "reps", "duration")
    return [found[kind] for kind in order if kind in found]


def _records_of(bests: Bests, lift: Lift) -> list[Record]:
    checks = (
        ("weight", None if lift.bodyweight else lift.weight_kg, bests.weight_kg),
        ("added", lift.added_kg if lift.bodyweight else None, bests.added_kg),
        ("e1rm", lift.e1rm_kg, bests.e1rm_kg),
        ("duration", None if lift.distance_m else lift.duration_s, bests.duration_s),
    )
    records = [
        Record(kind, value, previous)
        for kind, value, previous in checks
        if value is not None and value > 0 and previous is not None and value > previous + EPS
    ]
    load = load_of(lift)
    previous_reps = bests.reps_at.get(load) if load is not None else None
    if lift.reps and previous_reps is not None and lift.reps > previous_reps:
        records.append(Record("reps", lift.reps, previous_reps, load))
    return records
