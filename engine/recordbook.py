"""An exercise's bests as a small running summary: records judged without the history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from engine.records import EPS, Bests, Lift, load_of


def frontier_of(points: Iterable[tuple[float, int]]) -> tuple[tuple[float, int], ...]:
    """The (load, reps) points no other point matches or beats on both, heaviest first.

    The most reps done at a load or heavier is always the reps of one of these points: any
    other point has one at least as heavy with at least as many reps.
    """
    frontier: list[tuple[float, int]] = []
    for load, reps in sorted(points, key=lambda p: (-p[0], -p[1])):
        if not frontier or reps > frontier[-1][1]:
            frontier.append((load, reps))
    return tuple(frontier)


def _higher(best: float | None, values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    if best is not None:
        present.append(best)
    return max(present) if present else None


@dataclass(frozen=True, slots=True)
class RecordBook:
    """What ``bests_of`` can be asked about an exercise, kept up to date set by set.

    A few maxima and the rep frontier (see ``frontier_of``) answer ``bests`` for any loads,
    exactly as the whole history would, so a new set is judged from memory.
    """

    count: int = 0
    weight_kg: float | None = None
    e1rm_kg: float | None = None
    added_kg: float | None = None
    duration_s: float | None = None
    frontier: tuple[tuple[float, int], ...] = ()

    @classmethod
    def of(cls, history: Iterable[Lift]) -> RecordBook:
        """The book of a whole history."""
        return cls().add(history)

    def add(self, lifts: Iterable[Lift]) -> RecordBook:
        """The book once ``lifts`` are done too."""
        new = list(lifts)
        points = [(load_of(lift) or 0.0, lift.reps) for lift in new if lift.reps and lift.reps > 0]
        return RecordBook(
            self.count + len(new),
            _higher(self.weight_kg, (x.weight_kg for x in new if not x.bodyweight)),
            _higher(self.e1rm_kg, (x.e1rm_kg for x in new)),
            _higher(self.added_kg, (x.added_kg for x in new if x.bodyweight)),
            _higher(self.duration_s, (x.duration_s for x in new)),
            frontier_of([*self.frontier, *points]) if points else self.frontier,
        )

    def bests(self, loads: Iterable[float] = ()) -> Bests:
        """The bests before a new set, with the most reps at each of ``loads`` (or heavier)."""
        reps_at = {
            load: max((reps for at, reps in self.frontier if at >= load - EPS), default=None)
            for load in loads
        }
        return Bests(
            self.count, self.weight_kg, self.e1rm_kg, self.added_kg, self.duration_s, reps_at
        )
