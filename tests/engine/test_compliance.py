"""Compliance: per-set matching, the 100 % cap, swaps, windows, buckets and the drop flag."""

import datetime as dtm

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.compliance import (
    LOW,
    MISSED,
    ON_TRACK,
    PARTIAL,
    Done,
    Prescribed,
    bucket_of,
    compliance,
    day_results,
    dropped,
    is_swap,
    match_day,
    rir_of,
    weekly,
)

MON = dtm.date(2026, 11, 2)  # a Monday


def day(n: int) -> dtm.date:
    return MON + dtm.timedelta(days=n)


def plan(on: dtm.date, exercise: str = "squat", sets: int = 3, **kw: object) -> Prescribed:
    return Prescribed(on, exercise, sets, **kw)  # type: ignore[arg-type]


def done(on: dtm.date, exercise: str = "squat", n: int = 1, **kw: object) -> list[Done]:
    return [Done(on, exercise, **kw) for _ in range(n)]  # type: ignore[arg-type]


def test_all_sets_done_is_100_percent() -> None:
    result = match_day(MON, [plan(MON)], done(MON, n=3, reps=5))
    assert (result.prescribed, result.done) == (3, 3)


def test_extra_sets_are_capped_at_what_was_prescribed() -> None:
    result = match_day(MON, [plan(MON)], done(MON, n=7, reps=5))
    assert result.done == 3
    window = compliance([plan(MON)], done(MON, n=7, reps=5), day(1)).window(7)
    assert window.percent == 100.0


def test_a_set_of_zero_reps_does_not_count_and_a_hold_does() -> None:
    rows = [Done(MON, "squat", reps=0), Done(MON, "squat", reps=1), Done(MON, "plank")]
    result = match_day(MON, [plan(MON), plan(MON, "plank", 1)], rows)
    assert result.done == 2


def test_a_swap_of_the_same_pattern_counts_and_ad_hoc_work_does_not() -> None:
    rows = done(MON, "leg press", n=3, reps=10) + done(MON, "bicep curl", n=5, reps=10)
    result = match_day(MON, [plan(MON, "squat", 3), plan(MON, "bench press", 3)], rows)
    assert result.done == 3  # the leg presses stand in for the squats; curls replace nothing
    assert result.per_item == (3, 0)


def test_isolation_swaps_need_a_shared_primary_muscle() -> None:
    assert is_swap("bicep curl", "hammer curl")
    assert not is_swap("bicep curl", "tricep pushdown")
    assert is_swap("squat", "leg press")
    assert not is_swap("squat", "deadlift")
    assert not is_swap("squat", "my odd lift")


def test_own_exercise_is_matched_before_a_swap() -> None:
    # Two squat sets done plus a leg press: the planned 3 squats are all covered.
    rows = done(MON, "squat", n=2, reps=5) + done(MON, "leg press", n=1, reps=10)
    assert match_day(MON, [plan(MON)], rows).done == 3
    # The same exercise planned twice (top sets, then back-off sets) is filled in order.
    rows = done(MON, "squat", n=4, reps=5)
    assert match_day(MON, [plan(MON, sets=1), plan(MON, sets=5)], rows).per_item == (1, 3)


def test_a_set_is_not_used_twice_for_two_planned_exercises() -> None:
    rows = done(MON, "leg press", n=2, reps=10)
    result = match_day(MON, [plan(MON, "squat", 2), plan(MON, "front squat", 2)], rows)
    assert result.done == 2


def test_load_and_effort_against_target() -> None:
    rows = [Done(MON, "squat", 5, 90.0, rir=3), Done(MON, "squat", 5, 110.0, rpe=9)]
    result = match_day(MON, [plan(MON, load_kg=100.0, rir=2)], rows)
    assert result.load_ratios == pytest.approx((0.9, 1.1))
    assert result.effort_deltas == pytest.approx((1.0, -1.0))
    window = compliance([plan(MON, load_kg=100.0, rir=2)], rows, day(1)).window(7)
    assert window.load_ratio == pytest.approx(1.0)
    assert window.effort_delta == pytest.approx(0.0)


def test_no_load_comparison_without_a_prescribed_load() -> None:
    result = match_day(MON, [plan(MON, rpe=8)], [Done(MON, "squat", 5, 100.0, rir=1)])
    assert result.load_ratios == ()
    assert result.effort_deltas == (-1.0,)


def test_rir_of_prefers_rir_and_converts_rpe() -> None:
    assert rir_of(2, 9) == 2
    assert rir_of(None, 8) == 2
    assert rir_of(None, None) is None


@pytest.mark.parametrize(
    ("percent", "bucket"),
    [(100, ON_TRACK), (80, ON_TRACK), (79.9, PARTIAL), (65, PARTIAL), (64.9, LOW),
     (0.1, LOW), (0, MISSED), (None, None)],
)  # fmt: skip
def test_buckets(percent: float | None, bucket: str | None) -> None:
    assert bucket_of(percent) == bucket


@pytest.mark.parametrize(
    ("week", "month", "flag"),
    [(60, 80, True), (60.1, 80, False), (0, 20, True), (90, 80, False), (None, 80, False),
     (50, None, False)],
)  # fmt: skip
def test_drop_flag(week: float | None, month: float | None, flag: bool) -> None:
    assert dropped(week, month) is flag


def test_windows_of_7_30_90_days() -> None:
    today = day(89)
    # One 2-set session every day; done fully except in the last 7 days (not at all).
    prescribed = [plan(day(n), sets=2) for n in range(90)]
    rows = [r for n in range(83) for r in done(day(n), n=2, reps=5)]
    result = compliance(prescribed, rows, today)
    assert result.window(7).percent == 0.0
    assert result.window(7).bucket == MISSED
    # Today's session (nothing logged yet) is not counted: 29 and 89 planned days.
    assert result.window(30).percent == pytest.approx(100 * 23 / 29)
    assert result.window(30).bucket == PARTIAL
    assert result.window(90).percent == pytest.approx(100 * 83 / 89)
    assert result.window(90).bucket == ON_TRACK
    assert result.dropped


def test_today_counts_only_once_something_was_logged() -> None:
    prescribed = [plan(MON), plan(day(1))]
    before = compliance(prescribed, done(MON, n=3, reps=5), day(1)).window(7)
    assert (before.prescribed, before.done) == (3, 3)
    started = compliance(prescribed, done(MON, n=3, reps=5) + done(day(1), reps=5), day(1))
    assert (started.window(7).prescribed, started.window(7).done) == (6, 4)


def test_future_days_and_unplanned_days_are_left_out() -> None:
    prescribed = [plan(MON), plan(day(5))]
    rows = done(MON, n=3, reps=5) + done(day(2), n=10, reps=5)  # day 2 was not planned
    window = compliance(prescribed, rows, day(3)).window(7)
    assert (window.prescribed, window.done) == (3, 3)


def test_nothing_prescribed_has_no_figure() -> None:
    window = compliance([], done(MON, n=3, reps=5), day(3)).window(30)
    assert window.percent is None
    assert window.bucket is None
    assert not compliance([], [], MON).dropped


def test_weekly_series_per_iso_week() -> None:
    prescribed = [plan(day(n), sets=1) for n in (0, 2, 7, 9)]
    rows = done(day(0), reps=5) + done(day(9), reps=5)
    series = weekly(prescribed, rows, day(16), weeks=3)
    assert series == [(MON, 50.0), (day(7), 50.0), (day(14), None)]


def test_day_results_skip_zero_set_prescriptions() -> None:
    assert day_results([plan(MON, sets=0)], [], day(1)) == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.sampled_from(["squat", "bench press", "leg press"]),
                       st.integers(0, 6)), max_size=30),
    st.lists(st.tuples(st.integers(0, 40), st.sampled_from(["squat", "bench press", "leg press",
                       "bicep curl"]), st.integers(0, 12)), max_size=80),
)  # fmt: skip
def test_compliance_is_always_between_0_and_100(
    plans: list[tuple[int, str, int]], logs: list[tuple[int, str, int]]
) -> None:
    prescribed = [Prescribed(day(d), name, sets) for d, name, sets in plans]
    rows = [Done(day(d), name, reps) for d, name, reps in logs]
    result = compliance(prescribed, rows, day(40))
    for window in result.windows:
        assert 0 <= window.done <= window.prescribed
        assert window.percent is None or 0 <= window.percent <= 100
    # Logging more never lowers compliance.
    more = compliance(prescribed, [*rows, Done(day(40), "squat", 5)], day(40))
    for before, after in zip(result.windows, more.windows, strict=True):
        assert after.done >= before.done
