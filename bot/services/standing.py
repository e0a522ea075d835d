"""What the set-log fast path remembers of a user's logbook between messages.

After a set log is written, the workout it went into, each exercise's record book and set
count, and the last set are kept here. The next plain set log is then judged from memory
(set number, records, the follow-up it continues) and acknowledged before its own write,
which runs right after the reply and checks what memory said (LogWriter).
"""

from __future__ import annotations

import datetime as dtm
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.services.sets import SetView
from bot.services.summary import lift_of
from engine.recordbook import RecordBook
from engine.records import Bests
from engine.setlog import LastSet
from storage.setwrite import Snapshot
from storage.tables import NewSet, SetLog


def last_set_of(row: SetLog | NewSet) -> LastSet:
    """The context a follow-up ("x5", "same", "+2.5") continues."""
    view = SetView.of(row)
    return LastSet(row.exercise, view.weight, row.input_unit, row.reps, row.bodyweight, view.added)


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the database will say about an entry before it is written."""

    counts: dict[str, int]  # sets of each exercise already in the workout
    bests: dict[str, Bests]  # each exercise's bests before the entry


@dataclass(slots=True)
class Standing:
    """One user's logbook as the fast path knows it; good while ``version`` is current."""

    version: int
    workout_id: int
    last_set_at: dtm.datetime
    books: dict[str, RecordBook] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # sets in the workout
    last: LastSet | None = None
    # The newest update judged with this standing: Telegram numbers updates in order, so an
    # update at or below it is a redelivery, which the database path answers.
    newest_update: int = 0

    def same_workout(self, at: dtm.datetime, gap: dtm.timedelta) -> bool:
        """Whether a set at ``at`` goes into the remembered workout (else a new one starts)."""
        return self.last_set_at >= at - gap

    def last_within(self, at: dtm.datetime, gap: dtm.timedelta) -> LastSet | None:
        """The set a follow-up at ``at`` continues, if the workout is still going."""
        return self.last if self.same_workout(at, gap) else None

    def predict(
        self, loads: dict[str, set[float]], at: dtm.datetime, gap: dtm.timedelta
    ) -> Prediction | None:
        """Set counts and bests for an entry's exercises; None when memory lacks one."""
        same = self.same_workout(at, gap)
        counts, bests = {}, {}
        for exercise, exercise_loads in loads.items():
            book = self.books.get(exercise)
            count = self.counts.get(exercise) if same else 0
            if book is None or count is None:
                return None
            counts[exercise], bests[exercise] = count, book.bests(exercise_loads)
        return Prediction(counts, bests)

    def absorb(self, workout_id: int, at: dtm.datetime, rows: Sequence[NewSet]) -> None:
        """Take in an entry just written to ``workout_id`` (judged from memory before)."""
        if workout_id != self.workout_id:
            self.workout_id, self.last_set_at, self.counts = workout_id, at, {}
        else:
            self.last_set_at = max(self.last_set_at, at)
        for exercise in dict.fromkeys(r.exercise for r in rows):
            mine = [r for r in rows if r.exercise == exercise]
            self.counts[exercise] = self.counts.get(exercise, 0) + len(mine)
            self.books[exercise] = self.books[exercise].add(lift_of(r) for r in mine)
        if rows:
            self.last = last_set_of(rows[-1])

    def merge(self, stored: Snapshot, rows: Sequence[NewSet]) -> None:
        """Take in what the database said after a write that was not judged from memory."""
        if stored.workout_id != self.workout_id:
            self.workout_id, self.counts = stored.workout_id, {}
        self.last_set_at = stored.last_set_at
        self.books.update(stored.books)
        self.counts.update(stored.counts)
        if rows:
            self.last = last_set_of(rows[-1])


def standing_of(version: int, stored: Snapshot, rows: Sequence[NewSet]) -> Standing:
    """The first standing of a user, from what the database said after a write."""
    standing = Standing(version, stored.workout_id, stored.last_set_at)
    standing.merge(stored, rows)
    return standing
