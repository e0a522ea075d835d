"""The running record book answers exactly what the whole history would."""

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.recordbook import RecordBook, frontier_of
from engine.records import Lift, bests_of, find_records, loads_of

loads = st.sampled_from([0.0, 20.0, 60.0, 80.0, 80.0000001, 82.5, 100.0, 140.0])
lifts = st.builds(
    Lift,
    weight_kg=st.none() | loads,
    reps=st.none() | st.integers(0, 20),
    e1rm_kg=st.none() | st.floats(1, 300),
    added_kg=st.none() | loads,
    bodyweight=st.booleans(),
    duration_s=st.none() | st.floats(1, 600),
)


@settings(max_examples=300)
@given(st.lists(lifts, max_size=25), st.lists(lifts, min_size=1, max_size=4))
def test_book_bests_match_the_history(history, new):
    """For any history and new sets, the book's bests equal those of the history itself."""
    wanted = loads_of(new)
    assert RecordBook.of(history).bests(wanted) == bests_of(history, wanted)


@settings(max_examples=200)
@given(st.lists(lifts, max_size=15), st.lists(lifts, max_size=15))
def test_adding_in_steps_equals_adding_at_once(first, second):
    """A book kept up to date message by message ends where the whole history does."""
    assert RecordBook.of(first).add(second) == RecordBook.of(first + second)


def test_frontier_keeps_only_undominated_points():
    """A point with a heavier-or-equal twin doing at least as many reps is dropped."""
    points = [(80.0, 5), (80.0, 6), (70.0, 6), (60.0, 10), (100.0, 1), (90.0, 1)]
    assert frontier_of(points) == ((100.0, 1), (80.0, 6), (60.0, 10))


def test_rep_record_judged_from_the_book():
    """Eight reps at 80 kg beat the six done at 80 kg or heavier, however long ago."""
    book = RecordBook.of([Lift(80, 6, 96), Lift(60, 12, 84), Lift(100, 1, 100)])
    new = [Lift(80, 8, 101.3)]
    records = find_records(book.bests(loads_of(new)), new)
    assert [(r.kind, r.value, r.previous) for r in records] == [
        ("e1rm", 101.3, 100),
        ("reps", 8, 6),
    ]


def test_empty_book_has_no_bests():
    """A new exercise has nothing to beat, so the first session sets no records."""
    bests = RecordBook().bests([80.0])
    assert bests.count == 0
    assert bests.reps_at == {80.0: None}
