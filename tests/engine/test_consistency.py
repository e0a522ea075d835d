"""Tests for week streaks, the consistency score and the heatmap grid."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.consistency import Streak, assess_consistency, heatmap_grid, week_streak

SUNDAY = date(2025, 6, 15)
WEDNESDAY = date(2025, 6, 18)


def weekly(last_monday: date, weeks: int, weekdays: tuple[int, ...] = (0,)) -> list[date]:
    """Training days on ``weekdays`` for ``weeks`` weeks ending with ``last_monday``'s week."""
    return [
        last_monday - timedelta(weeks=w) + timedelta(days=d)
        for w in range(weeks)
        for d in weekdays
    ]


@pytest.mark.parametrize(
    ("days", "today", "min_days", "expected"),
    [
        ([], WEDNESDAY, 1, Streak(0, 0)),
        (weekly(date(2025, 6, 9), 5), WEDNESDAY, 1, Streak(5, 5)),  # this week not trained yet
        (weekly(date(2025, 6, 16), 6), WEDNESDAY, 1, Streak(6, 6)),  # this week already counts
        (weekly(date(2025, 6, 2), 4), WEDNESDAY, 1, Streak(0, 4)),  # last week missed
        (
            weekly(date(2025, 6, 16), 2) + weekly(date(2025, 5, 19), 7),
            WEDNESDAY,
            1,
            Streak(2, 7),
        ),
        ([*weekly(date(2025, 6, 9), 3, (0, 2)), date(2025, 5, 19)], WEDNESDAY, 2, Streak(3, 3)),
        ([*weekly(date(2025, 6, 9), 3), date(2025, 6, 20)], WEDNESDAY, 1, Streak(3, 3)),
    ],
    ids=["none", "in-progress", "this-week", "broken", "two-runs", "min-days", "future"],
)
def test_week_streak_cases(days: list[date], today: date, min_days: int, expected: Streak) -> None:
    """Streaks count qualifying calendar weeks; the week in progress never breaks one."""
    assert week_streak(days, today, min_days) == expected


def test_no_training_scores_zero() -> None:
    """With no active days every term and the score are zero."""
    result = assess_consistency([], SUNDAY)
    assert (result.score, result.frequency, result.regularity, result.active_days) == (0, 0, 0, 0)


def test_hitting_the_target_every_week_scores_100() -> None:
    """Three sessions in each of the last twelve weeks earns full marks."""
    days = weekly(date(2025, 6, 9), 12, (0, 2, 4))
    assert assess_consistency(days, SUNDAY).score == 100


def test_score_follows_the_documented_formula() -> None:
    """One session a week for six weeks: 0.5*6/36 + 0.3*6/12 + 0.2*6/12 gives 33."""
    result = assess_consistency(weekly(date(2025, 6, 9), 6), SUNDAY)
    assert result.frequency == pytest.approx(6 / 36)
    assert result.regularity == pytest.approx(0.5)
    assert result.streak == Streak(6, 6)
    assert result.score == round(100 * (0.5 * 6 / 36 + 0.3 * 0.5 + 0.2 * 0.5))


def test_spreading_sessions_beats_cramming_them() -> None:
    """Three and three sessions over two weeks beats six in one week and none in the other."""
    spread = weekly(date(2025, 6, 9), 2, (0, 2, 4))
    crammed = [date(2025, 6, 9) + timedelta(days=d) for d in range(6)]
    score = {
        name: assess_consistency(days, SUNDAY, window_weeks=2).score
        for name, days in (("spread", spread), ("crammed", crammed))
    }
    assert score["spread"] > score["crammed"]


@pytest.mark.parametrize(("target", "window"), [(0, 12), (3, 0)])
def test_non_positive_settings_are_rejected(target: int, window: int) -> None:
    """A zero target or window would divide by zero, so it is a ValueError."""
    with pytest.raises(ValueError, match="must be positive"):
        assess_consistency([SUNDAY], SUNDAY, target_days_per_week=target, window_weeks=window)


day_sets = st.sets(st.integers(-20, 400).map(lambda n: WEDNESDAY - timedelta(days=n)), max_size=80)


@settings(max_examples=60)
@given(days=day_sets, extra=st.integers(0, 400))
def test_adding_a_day_never_lowers_the_score(days: set[date], extra: int) -> None:
    """Every term is monotone in the set of active days, so the score is too."""
    before = assess_consistency(days, WEDNESDAY)
    after = assess_consistency(days | {WEDNESDAY - timedelta(days=extra)}, WEDNESDAY)
    assert 0 <= before.score <= after.score <= 100


@settings(max_examples=60)
@given(days=day_sets)
def test_streak_and_score_ignore_the_future(days: set[date]) -> None:
    """Days after today change nothing, and the longest streak bounds the current one."""
    past = {d for d in days if d <= WEDNESDAY}
    result = assess_consistency(days, WEDNESDAY)
    assert result == assess_consistency(past, WEDNESDAY)
    assert result.streak.current <= result.streak.longest


def test_heatmap_grid_shape_and_edges() -> None:
    """53 week columns of 7 weekdays end with this week; days after today are None."""
    grid = heatmap_grid({WEDNESDAY: 30.0}, WEDNESDAY)
    assert len(grid.cells) == 7
    assert all(len(row) == 53 for row in grid.cells)
    assert grid.first_monday == date(2024, 6, 17)  # 52 weeks before this Monday
    assert grid.first_monday.weekday() == 0
    assert grid.cells[2][52] == 30.0
    assert [row[52] for row in grid.cells[3:]] == [None] * 4
    assert grid.cells[0][0] == 0.0


@settings(max_examples=40)
@given(
    values=st.dictionaries(
        st.integers(0, 400).map(lambda n: WEDNESDAY - timedelta(days=n)), st.floats(0.5, 300)
    )
)
def test_heatmap_cells_hold_each_days_value(values: dict[date, float]) -> None:
    """Every shown cell holds its own day's value, or 0 for a day without one."""
    grid = heatmap_grid(values, WEDNESDAY)
    for row in range(7):
        for col in range(53):
            shown = grid.day(row, col)
            expected = None if shown > WEDNESDAY else values.get(shown, 0.0)
            assert grid.cells[row][col] == expected
