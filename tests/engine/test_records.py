"""Personal records over an exercise's history."""

from engine.records import Lift, Record, bests_of, loads_of
from engine.records import find_records as find_with_bests


def find_records(history: list[Lift], new: list[Lift]) -> list[Record]:
    return find_with_bests(bests_of(history, loads_of(new)), new)


BENCH = [Lift(80, 5, 93.3), Lift(85, 3, 93.5), Lift(70, 8, 88.7)]


def test_first_session_sets_no_records() -> None:
    """With no history there is nothing to beat."""
    assert find_records([], [Lift(100, 5, 116.7)]) == []


def test_heavier_weight_and_better_e1rm() -> None:
    """A heavier set is a weight record; its e1RM above the old best is an e1RM record."""
    records = find_records(BENCH, [Lift(87.5, 3, 96.3)])
    assert records == [Record("weight", 87.5, 85), Record("e1rm", 96.3, 93.5)]


def test_more_reps_at_a_weight() -> None:
    """Beating the most reps done at this load (or heavier) is a rep record."""
    assert find_records(BENCH, [Lift(80, 6, 93.0)]) == [Record("reps", 6, 5, 80)]


def test_reps_at_a_lighter_load_than_a_heavier_best_do_not_count() -> None:
    """6 reps at 70 kg is no record when 8 were done at 70 kg before."""
    assert find_records(BENCH, [Lift(70, 6, 84.0)]) == []


def test_one_record_per_kind_the_best_of_the_group() -> None:
    """Several sets in one message report each kind once, with the best value."""
    records = find_records(BENCH, [Lift(86, 1, 86), Lift(88, 1, 88)])
    assert [r.kind for r in records] == ["weight"]
    assert records[0].value == 88
    assert records[0].previous == 85


def test_bodyweight_added_load_and_reps() -> None:
    """Pull-ups: more added load is an 'added' record; more reps at the same load a rep record."""
    history = [Lift(bodyweight=True, reps=8), Lift(bodyweight=True, added_kg=10, reps=5)]
    assert find_records(history, [Lift(bodyweight=True, added_kg=12.5, reps=3)]) == [
        Record("added", 12.5, 10)
    ]
    assert find_records(history, [Lift(bodyweight=True, reps=10)]) == [Record("reps", 10, 8, 0.0)]


def test_longest_hold() -> None:
    """A longer plank than ever is a duration record."""
    assert find_records([Lift(duration_s=60)], [Lift(duration_s=75)]) == [
        Record("duration", 75, 60)
    ]


def test_a_slower_carry_is_no_longer_hold() -> None:
    """A carry over a distance taking longer than before is slower, not a record."""
    history = [Lift(70, duration_s=30, distance_m=20)]
    assert find_records(history, [Lift(70, duration_s=40, distance_m=20)]) == []


def test_bests_of_reports_the_maxima_and_reps_per_load() -> None:
    """bests_of takes the maxima per kind and the most reps at each load or heavier."""
    bests = bests_of(BENCH, [80, 72.5])
    assert (bests.count, bests.weight_kg, bests.e1rm_kg) == (3, 85, 93.5)
    assert bests.reps_at == {80: 5, 72.5: 5}
