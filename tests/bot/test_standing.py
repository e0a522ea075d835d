"""What the set-log fast path remembers, and when it declines to judge from memory."""

from __future__ import annotations

import datetime as dtm

from bot.services.standing import Standing
from engine.recordbook import RecordBook
from engine.records import Lift
from engine.setlog import LastSet
from storage.tables import NewSet

AT = dtm.datetime(2026, 11, 21, 18, 0, tzinfo=dtm.UTC)
GAP = dtm.timedelta(hours=3)
BENCH = "bench press"


def _standing() -> Standing:
    book = RecordBook.of([Lift(80, 5, 93.3)])
    return Standing(1, workout_id=7, last_set_at=AT, books={BENCH: book}, counts={BENCH: 1})


def test_a_set_within_the_gap_continues_the_workout() -> None:
    """Counts carry on and bests are the book's."""
    prediction = _standing().predict({BENCH: {80.0}}, AT + dtm.timedelta(minutes=5), GAP)
    assert prediction is not None
    assert prediction.counts == {BENCH: 1}
    assert prediction.bests[BENCH].reps_at == {80.0: 5}


def test_a_set_after_the_gap_starts_a_new_workout() -> None:
    """After the gap the set is the first of a new workout, and a follow-up has no context."""
    standing, later = _standing(), AT + GAP + dtm.timedelta(seconds=1)
    prediction = standing.predict({BENCH: {80.0}}, later, GAP)
    assert prediction is not None
    assert prediction.counts == {BENCH: 0}
    standing.last = LastSet(BENCH, 80.0, "kg", 5)
    assert standing.last_within(AT + GAP, GAP) == standing.last
    assert standing.last_within(later, GAP) is None


def test_an_exercise_memory_has_no_book_for_is_not_judged() -> None:
    """A lift not logged since memory was built must be read from the database."""
    assert _standing().predict({"squat": {100.0}}, AT, GAP) is None


def test_absorbing_a_new_workout_resets_the_other_counts() -> None:
    """Sets written to a new workout restart the counts and move the workout on."""
    standing = _standing()
    standing.books["squat"] = RecordBook()
    row = NewSet(exercise="squat", performed_at=AT, weight_kg=100.0, reps=5)
    standing.absorb(8, AT + GAP * 2, [row])
    assert (standing.workout_id, standing.counts) == (8, {"squat": 1})
    assert standing.books["squat"].weight_kg == 100.0
    assert standing.last is not None
    assert standing.last.exercise == "squat"
