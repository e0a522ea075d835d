"""Message-level behaviour of the set-log parser: non-logs, unknown names, ambiguity, limits."""

import pytest

from engine.catalog import custom_exercise
from engine.errors import SetLogError
from engine.setlog import (
    MAX_CHARS,
    MessageTooLongError,
    ParsedSet,
    SetLogValueError,
    UnknownExerciseError,
    parse_message,
    to_contract,
)
from engine.setlog.model import CONTRACT_KEYS


@pytest.mark.parametrize(
    "text",
    [
        "how heavy should my squat be?", "bench 100x5?", "/undo", "/log squat 100x5",
        "undo that", "delete last set", "edit bench to 100x4", "change squat to 3x5",
        "show me this week", "tomorrow squat 5x5 100", "next session bench 3x8 at 80",
        "planning deadlift 3x3 at 180", "going to hit 100x5 on bench", "target: squat 140x3",
        "goal is 5x5 at 100", "gonna do 3x10 curls later", "thanks, bench 100x5 felt great",
        "bw 81.5", "bodyweight: 180 lbs", "weighed 82kg", "79.8kg bodyweight this morning",
        "ate 2500 kcal", "150g protein so far", "had 3 meals", "my friend squats 200x5",
        "he benched 140x3", "my brother did 5x5 at 100", "hey", "", "  \n ",
        "squat felt heavy today", "rest day", "5x5 is a good program",
    ],
)  # fmt: skip
def test_non_logs_give_an_empty_result(text):
    """Questions, commands, edits, plans, thanks, body mass, food and others' lifts log nothing."""
    result = parse_message(text)
    assert result.exercises == ()
    assert result.ambiguity is None


@pytest.mark.parametrize("text", ["80x5", "x5", "5", "+2.5", "same", "100 x 5 rir 2", "3x5"])
def test_bare_numbers_are_left_for_the_follow_up_parser(text):
    """A message of bare numbers names no exercise and gives an empty result, not an error."""
    assert parse_message(text).exercises == ()


@pytest.mark.parametrize(
    ("text", "name", "first_suggestion"),
    [("zercher squatz 100x5", "zercher squatz", "squat"), ("nordic 3x5", "nordic", None),
     ("sled pushes 4x20m 100kg", "sled pushes", None)],
)  # fmt: skip
def test_unknown_exercise_names_raise_with_suggestions(text, name, first_suggestion):
    """A log with an unknown name raises UnknownExerciseError carrying the name and suggestions."""
    with pytest.raises(UnknownExerciseError) as info:
        parse_message(text)
    assert info.value.name == name
    assert name in str(info.value)
    if first_suggestion:
        assert info.value.suggestions[0] == first_suggestion


@pytest.mark.parametrize(
    ("text", "name"),
    [("benchpresss machine 3x10 50", "bench press"), ("deadlfits 180x3", "deadlift"),
     ("bulgarain split squats 3x8 20", "bulgarian split squat")],
)  # fmt: skip
def test_typos_in_names_still_log(text, name):
    """Names within typo distance of a catalog name are logged under that name."""
    assert [e.exercise for e in parse_message(text).exercises] == [name]


def test_unknown_exercise_error_is_a_set_log_error():
    """Handlers catching SetLogError also catch unknown names."""
    with pytest.raises(SetLogError):
        parse_message("zercher 100x5")


def test_custom_exercises_are_recognised():
    """A user's own exercise parses like a built-in one."""
    mine = [custom_exercise("sled push", "squat", ("quads",))]
    result = parse_message("sled push 4x20m 100kg", custom=mine)
    assert [e.exercise for e in result.exercises] == ["sled push"]
    assert result.exercises[0].sets == (ParsedSet(100, "kg", distance_m=20),) * 4


def test_three_number_ambiguity_asks_with_both_readings():
    """'45x3x15' keeps the majority reading and offers the other one in a question."""
    result = parse_message("face pulls 45x3x15")
    assert result.ambiguity is not None
    assert result.exercises[0].sets == (ParsedSet(45, reps=3),) * 15
    (label_a, parse_a), (label_b, parse_b) = result.ambiguity.options
    assert "15 sets of 3" in result.ambiguity.question
    assert "3 sets of 15" in result.ambiguity.question
    assert parse_a == result.exercises
    assert parse_b[0].sets == (ParsedSet(45, reps=15),) * 3
    assert label_a != label_b


def test_ambiguity_keeps_the_other_exercises_in_both_readings():
    """Both readings of an ambiguous message carry its unambiguous exercises too."""
    result = parse_message("squat 100x5\nface pulls 30x2x12")
    assert result.ambiguity is not None
    for _label, reading in result.ambiguity.options:
        assert [e.exercise for e in reading] == ["squat", "face pull"]
        assert reading[0].sets == (ParsedSet(100, reps=5),)


@pytest.mark.parametrize("text", ["squat 305x5x3", "squat 100x10x10", "bench 3x5x100"])
def test_plausible_three_number_forms_do_not_ask(text):
    """Few sets, equal numbers or a load last are read without a question."""
    assert parse_message(text).ambiguity is None


@pytest.mark.parametrize(
    "text",
    ["squat 100x5000", "squat 2000kg x 5", "bench 5000 x 5", "plank 30 hours",
     "squat 100x5 @ rpe 14", "squat 1234567890123 x 5", "squat 150x5x140", "run 5000km"],
)  # fmt: skip
def test_absurd_values_raise_a_friendly_error(text):
    """Implausible reps, loads, times, distances, efforts and set counts raise SetLogValueError."""
    with pytest.raises(SetLogValueError) as info:
        parse_message(text)
    assert str(info.value)


def test_too_long_message_is_rejected():
    """Messages over the length cap raise MessageTooLongError."""
    with pytest.raises(MessageTooLongError):
        parse_message("squat 100x5\n" * (MAX_CHARS // 10))


def test_contract_has_exactly_the_output_keys():
    """to_contract returns exercise + sets with exactly the contract's set keys."""
    contract = to_contract(parse_message("squat 100kg 2x5 @8\npull-ups +10 x 6"))
    assert [list(item) for item in contract] == [["exercise", "sets"]] * 2
    assert all(tuple(s) == CONTRACT_KEYS for item in contract for s in item["sets"])
    assert contract[1]["sets"][0]["bodyweight"] is True
    assert contract[0]["sets"][0] == {
        "weight": 100.0, "unit": "kg", "reps": 5, "rir": None, "rpe": 8.0, "bodyweight": False,
        "added_weight": None, "duration_s": None, "distance_m": None,
    }  # fmt: skip


def test_non_log_contract_is_an_empty_list():
    """A non-log's contract form is []."""
    assert to_contract(parse_message("thanks!")) == []
