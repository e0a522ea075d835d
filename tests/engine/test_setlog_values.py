"""Every reading of a set log (full, one-step, follow-up) goes through the plausibility rules."""

from __future__ import annotations

import pytest

from engine.errors import ImplausibleValueError
from engine.setlog import (
    LastSet,
    ParsedSet,
    UnknownExerciseError,
    parse_followup,
    parse_message,
)
from engine.setlog.message import BODY_WEIGHT, parse_fully
from engine.setlog.quick import read_common

BENCH = LastSet("bench press", 80.0, "kg", 5)
PULLUP = LastSet("pull-up", None, "kg", 8, bodyweight=True, added_weight=10.0)
SLED = LastSet("sled push", 100.0, "kg", 20)  # a custom exercise


@pytest.mark.parametrize(
    ("text", "mass"),
    [("bw 82.5kg", "82.5 kg"), ("BW: 81", "81"), ("bodyweight 180 lbs", "180 lb"),
     ("weighed 80.2", "80.2"), ("my weight today 80kg", "80 kg"), ("81 bw", "81")],
)  # fmt: skip
def test_body_weight_is_never_a_set(text, mass):
    """A body-mass report is no follow-up, and the parse carries a note saying why."""
    assert parse_followup(text, BENCH) is None
    assert parse_followup(text, PULLUP) is None
    result = parse_message(text)
    assert result.exercises == ()
    assert result.note == BODY_WEIGHT.format(mass=mass)


@pytest.mark.parametrize(
    ("text", "last", "expected"),
    [
        ("80kg", BENCH, ParsedSet(80, "kg", 5)),
        ("x 80kg", BENCH, ParsedSet(80, "kg", 5)),
        ("bw 10", PULLUP, ParsedSet(reps=10, bodyweight=True)),
        ("bw x10", PULLUP, ParsedSet(reps=10, bodyweight=True)),
    ],
)
def test_bare_loads_and_bodyweight_reps_still_follow_up(text, last, expected):
    """'80kg' is the last exercise at 80 kg; 'bw 10' on pull-ups is reps, not a body mass."""
    assert parse_message(text).exercises == ()
    result = parse_followup(text, last)
    assert result is not None
    assert result.sets == (expected,)


@pytest.mark.parametrize(
    ("text", "last", "reason"),
    [
        ("x99999999", BENCH, "99,999,999 kg on bench press"),
        ("401kg", BENCH, "401 kg on bench press"),
        ("x0", BENCH, "0 reps is not a set"),
        ("80kg x 101", BENCH, "101 reps in one set"),
        ("+300", PULLUP, "added to pull-up"),
        ("x5000", SLED, "on this exercise"),
        ("80x5 rpe 12", BENCH, "RPE goes from 1 to 10"),
    ],
)
def test_absurd_follow_ups_are_refused(text, last, reason):
    """Follow-ups are held to the same limits as full logs."""
    with pytest.raises(ImplausibleValueError, match=reason):
        parse_followup(text, last)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("bench 80x0", "0 reps is not a set"),
        ("bench 80x150 reps", "150 reps in one set"),
        ("bench 999kg x5", "999 kg on bench press"),
        ("bench 999x5", "999 on bench press"),  # over the limit in pounds too
        ("curl 200kg x 5", "200 kg on bicep curl"),
        ("pullups +400kg x 3", "added to pull-up"),
        ("plank 25h", "at most a day"),
        ("bench nan x 5", "“nan” isn't a number"),
        ("bench nanx5", "“nan” isn't a number"),
        ("bench infx5", "“inf” isn't a number"),
        ("bench 80 x -inf", "“inf” isn't a number"),
        ("bench 80 @ nan", "“nan” isn't a number"),
        ("bench 80x5 rpe nan", "“nan” isn't a number"),  # was read as 80 kg @ RPE 5
        ("bench 80x5 rir inf", "“inf” isn't a number"),
    ],
)
def test_absurd_logs_are_refused(text, reason):
    """Zero reps, more than 100, loads beyond records, day-long sets and NaN raise."""
    with pytest.raises(ImplausibleValueError, match=reason):
        parse_message(text)
    with pytest.raises(ImplausibleValueError, match=reason):
        parse_fully(text)


@pytest.mark.parametrize(
    "text", ["bench 999x5", "bench 999kg x 5", "curl 400x8", "squat 1500 x 3", "ohp 700x1"]
)
def test_the_one_step_reader_leaves_heavy_loads_to_the_full_parser(text):
    """The one-step reader never accepts a load the full parser would refuse."""
    assert read_common(text) is None


def test_a_plausible_unitless_load_passes_the_engine():
    """Without a unit a load passes if plausible in pounds; the service checks the user's unit."""
    (squat,) = parse_message("squat 900x5").exercises
    assert squat.sets == (ParsedSet(900, None, 5),)
    assert read_common("squat 900x5") == parse_fully("squat 900x5")


@pytest.mark.parametrize(
    "text",
    ["n 80x5", "nch 80x5", "or 80x5", "script 80x5", "<script>alert(1)</script> 80x5",
     "a" * 60 + " 80x5", "null 80x5", "qwerty 3x5"],
)  # fmt: skip
def test_junk_is_never_offered_as_a_new_exercise(text):
    """A name that fails the custom-name rules is asked for, never proposed for adding."""
    with pytest.raises(UnknownExerciseError) as info:
        parse_message(text)
    assert info.value.name == ""
    assert str(info.value).startswith("Which exercise was that?")


def test_a_real_unknown_name_is_still_offered():
    """'sled push' is unknown but a fine name: it is offered as a new exercise."""
    with pytest.raises(UnknownExerciseError) as info:
        parse_message("sled push 100x20")
    assert info.value.name == "sled push"
