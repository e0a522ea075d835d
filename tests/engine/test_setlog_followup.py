"""Tests for short follow-up messages that log another set of the previous exercise."""

import pytest

from engine.setlog import LastSet, ParsedSet, parse_followup

BENCH = LastSet("bench press", 80.0, "kg", 5)
UNITLESS = LastSet("squat", 100.0, None, 5)
PULLUP = LastSet("pull-up", None, "kg", 8, bodyweight=True, added_weight=10.0)
PLAIN_PULLUP = LastSet("pull-up", None, None, 8, bodyweight=True)


@pytest.mark.parametrize(
    ("text", "last", "expected"),
    [
        ("80x5", BENCH, [ParsedSet(80, "kg", 5)]),
        ("82.5 x 4", BENCH, [ParsedSet(82.5, "kg", 4)]),
        ("85kg x 3", BENCH, [ParsedSet(85, "kg", 3)]),
        ("x6", BENCH, [ParsedSet(80, "kg", 6)]),
        ("4", BENCH, [ParsedSet(80, "kg", 4)]),
        ("4 reps", BENCH, [ParsedSet(80, "kg", 4)]),
        ("same", BENCH, [ParsedSet(80, "kg", 5)]),
        ("Same again", BENCH, [ParsedSet(80, "kg", 5)]),
        ("again", BENCH, [ParsedSet(80, "kg", 5)]),
        ("+2.5", BENCH, [ParsedSet(82.5, "kg", 5)]),
        ("-5", BENCH, [ParsedSet(75, "kg", 5)]),
        ("+2.5 x4", BENCH, [ParsedSet(82.5, "kg", 4)]),
        ("80x5 rir2", BENCH, [ParsedSet(80, "kg", 5, rir=2)]),
        ("x5 @9", BENCH, [ParsedSet(80, "kg", 5, rpe=9)]),
        ("same @8.5", BENCH, [ParsedSet(80, "kg", 5, rpe=8.5)]),
        ("x5, x4", BENCH, [ParsedSet(80, "kg", 5), ParsedSet(80, "kg", 4)]),
        ("90", BENCH, [ParsedSet(90, "kg", 5)]),
        ("110x3", UNITLESS, [ParsedSet(110, None, 3)]),
        ("+5", PULLUP, [ParsedSet(None, "kg", 8, bodyweight=True, added_weight=15)]),
        ("x6", PULLUP, [ParsedSet(None, "kg", 6, bodyweight=True, added_weight=10)]),
        ("-10", PULLUP, [ParsedSet(None, None, 8, bodyweight=True)]),
        ("7", PLAIN_PULLUP, [ParsedSet(reps=7, bodyweight=True)]),
    ],
)
def test_follow_ups_log_a_set_of_the_previous_exercise(text, last, expected):
    """Weights, reps, 'same', +/- changes and efforts are read relative to the last set."""
    result = parse_followup(text, last)
    assert result is not None
    assert result.exercise == last.exercise
    assert list(result.sets) == expected
    assert result.source == text.strip()


@pytest.mark.parametrize(
    "text",
    ["", "thanks", "bench 100x5", "how was that?", "nice", "2 in the tank", "+2.5?", "x" * 80,
     "same exercise next week"],
)  # fmt: skip
def test_other_messages_are_not_follow_ups(text):
    """Text that is not a short set reply returns None."""
    assert parse_followup(text, BENCH) is None


def test_weight_change_needs_a_previous_weight():
    """'+2.5' after a set with no weight cannot be read and returns None."""
    assert parse_followup("+2.5", LastSet("bench press", None, None, 5)) is None


def test_custom_exercise_follow_up():
    """A follow-up to a custom exercise keeps its name."""
    result = parse_followup("x12", LastSet("sled push", 100.0, "kg", 10))
    assert result is not None
    assert result.exercise == "sled push"
    assert result.sets == (ParsedSet(100, "kg", 12),)
