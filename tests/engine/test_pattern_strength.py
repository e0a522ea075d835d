"""Tests for the Pattern Strength Index."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.pattern_strength import E1rmObservation, pattern_strength

TODAY = date(2024, 6, 30)


def _obs(days_ago: int, lift: str, e1rm: float) -> E1rmObservation:
    return E1rmObservation(TODAY - timedelta(days=days_ago), lift, e1rm)


def test_current_best_over_all_time_best() -> None:
    """A pattern at 180 of a 200 best is 90; one at its best is 100."""
    history = [_obs(100, "squat", 200), _obs(10, "squat", 170), _obs(3, "squat", 180),
               _obs(5, "bench press", 120), _obs(60, "bench press", 110)]  # fmt: skip
    assert pattern_strength(history, TODAY) == {"horizontal push": 100.0, "squat": 90.0}


def test_pattern_averages_its_trained_lifts() -> None:
    """Lifts of one pattern are averaged; an untrained variation does not drag it down."""
    history = [_obs(90, "deadlift", 200), _obs(2, "deadlift", 190),
               _obs(90, "romanian deadlift", 150), _obs(4, "romanian deadlift", 150),
               _obs(90, "good morning", 100)]  # fmt: skip
    assert pattern_strength(history, TODAY) == {"hinge": pytest.approx(97.5)}


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ([_obs(28, "squat", 150)], {}),  # just outside the 4-week window
        ([_obs(27, "squat", 150)], {"squat": 100.0}),  # window includes today and 27 days back
        ([_obs(-1, "squat", 150)], {}),  # the future is ignored
        ([_obs(1, "made-up lift", 150)], {}),  # unknown lifts are ignored
        ([_obs(1, "squat", 0)], {}),
    ],
)
def test_window_and_filters(history: list[E1rmObservation], expected: dict) -> None:
    """Only known lifts with positive e1RMs up to today, in the last 28 days, count."""
    assert pattern_strength(history, TODAY) == expected


def test_custom_patterns_and_window() -> None:
    """A caller can map its own exercises to patterns and choose the window."""
    history = [_obs(50, "sled push", 300), _obs(40, "sled push", 240)]
    result = pattern_strength(history, TODAY, window_days=45, patterns={"sled push": "carry"})
    assert result == {"carry": 80.0}


@settings(max_examples=100)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 200),
            st.sampled_from(["squat", "bench press", "pull-up"]),
            st.floats(1, 400, allow_nan=False),
        ),
        max_size=30,
    )
)
def test_index_is_between_0_and_100(rows: list[tuple[int, str, float]]) -> None:
    """Nothing recent can beat the all-time best, so every index is in (0, 100]."""
    result = pattern_strength([_obs(*row) for row in rows], TODAY)
    assert all(0 < value <= 100 for value in result.values())
