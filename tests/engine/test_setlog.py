"""Table-driven tests of the set-log grammar, one group per rule of the notation."""

import pytest

from engine.setlog import ParsedSet, UnknownExerciseError, parse_message

S = ParsedSet


def W(weight, reps=None, unit=None, **kw) -> ParsedSet:
    """Build an external-load set."""
    return ParsedSet(weight=weight, unit=unit, reps=reps, **kw)


def BW(reps=None, added=None, unit=None, **kw) -> ParsedSet:
    """Build a bodyweight set."""
    return ParsedSet(reps=reps, bodyweight=True, added_weight=added, unit=unit, **kw)


def parsed(text: str) -> dict[str, list[ParsedSet]]:
    """Parse a message into {exercise: sets}."""
    return {e.exercise: list(e.sets) for e in parse_message(text).exercises}


def check(text: str, expected: dict[str, list[ParsedSet]]) -> None:
    """Assert the parse equals the expected exercises, in order."""
    result = parse_message(text)
    assert [e.exercise for e in result.exercises] == list(expected)
    assert parsed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bench 97.5x4", {"bench press": [W(97.5, 4)]}),
        ("squat 150 kg × 2", {"squat": [W(150, 2, "kg")]}),
        ("deadlift 500lbx1", {"deadlift": [W(500, 1, "lb")]}),
        ("ohp 47,5kg x 9", {"overhead press": [W(47.5, 9, "kg")]}),
        ("rdl 120*8", {"romanian deadlift": [W(120, 8)]}),
        ("curls 15 lb x 10 reps", {"bicep curl": [W(15, 10, "lb")]}),
    ],
)
def test_load_times_reps_is_one_set(text, expected):
    """'W x R' with any multiplier sign, unit spelling or decimal mark is one set."""
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("squat 4x6 110", {"squat": [W(110, 6)] * 4}),
        ("squat 110 4x6", {"squat": [W(110, 6)] * 4}),
        ("squat 4x6 @ 110kg", {"squat": [W(110, 6, "kg")] * 4}),
        ("4x6 squat at 110", {"squat": [W(110, 6)] * 4}),
        ("bench 5x3", {"bench press": [W(None, 3)] * 5}),
        ("bench 3x6-8 80", {"bench press": [W(80, None)] * 3}),
        ("deadlift 3x5 @ 75%", {"deadlift": [W(None, 5)] * 3}),
        ("bench 3x10 bar", {"bench press": [W(None, 10)] * 3}),
    ],
)
def test_sets_times_reps_with_a_load_is_n_identical_sets(text, expected):
    """'N x R' next to a load gives N sets; ranges, % and 'bar' leave the field null."""
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("squat 150x3x4", {"squat": [W(150, 3)] * 4}),
        ("squat 4x3x150", {"squat": [W(150, 3)] * 4}),
        ("squat 4x3x70kg", {"squat": [W(70, 3, "kg")] * 4}),
        ("squat 70kgx3x4", {"squat": [W(70, 3, "kg")] * 4}),
    ],
)
def test_three_numbers_take_reps_from_the_middle(text, expected):
    """In 'A x B x C' B is reps and the load is the one with a unit, else the larger."""
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bench 90: 6, 6, 5", {"bench press": [W(90, 6), W(90, 6), W(90, 5)]}),
        ("bench 90 6/6/5", {"bench press": [W(90, 6), W(90, 6), W(90, 5)]}),
        ("bench 90 6-6-5", {"bench press": [W(90, 6), W(90, 6), W(90, 5)]}),
        ("bench 90x6, x6, x5", {"bench press": [W(90, 6), W(90, 6), W(90, 5)]}),
        ("bench 90x6, 6, 95x4", {"bench press": [W(90, 6), W(90, 6), W(95, 4)]}),
        ("bench 90 8-10", {"bench press": [W(90, None)]}),
    ],
)
def test_rep_lists_carry_the_load(text, expected):
    """Bare rep counts after a load are one set each; a two-number dash is a range."""
    check(text, expected)


def test_listed_loads_give_one_set_each():
    """'N x R - w1, w2, w3' logs one set per listed load."""
    check(
        "squat 3 x 4 - 100, 110, 120kg",
        {"squat": [W(100, 4, "kg"), W(110, 4, "kg"), W(120, 4, "kg")]},
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 sets of 12 at 40kg on leg curl", {"leg curl": [W(40, 12, "kg")] * 2}),
        ("leg curl 40 for 2 sets of 12", {"leg curl": [W(40, 12)] * 2}),
        ("leg curl 40kg 12 reps 2 sets", {"leg curl": [W(40, 12, "kg")] * 2}),
        ("leg curl 40 for 12", {"leg curl": [W(40, 12)]}),
        ("leg curl 12 reps @ 40", {"leg curl": [W(40, 12)]}),
        ("leg curl 12@40", {"leg curl": [W(40, 12)]}),
        ("leg curl 40x12 x 2 sets", {"leg curl": [W(40, 12)] * 2}),
        ("deadlift 3 doubles at 200", {"deadlift": [W(200, 2)] * 3}),
        ("deadlift 200 single", {"deadlift": [W(200, 1)]}),
        ("two sets of nine leg curls at 40", {"leg curl": [W(40, 9)] * 2}),
        ("leg curl 40lbs/12 reps", {"leg curl": [W(40, 12, "lb")]}),
    ],
)
def test_words_forms(text, expected):
    """Sets-of, for, reps-then-sets, reps-at, number words and single/double/triple parse."""
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "unit"),
    [("bench 100kg x 5", "kg"), ("bench 100 kgs x 5", "kg"), ("bench 100 kilos x 5", "kg"),
     ("bench 100k x 5", "kg"), ("bench 100lb x 5", "lb"), ("bench 100 lbs x 5", "lb"),
     ("bench 100# x 5", "lb"), ("bench 100 pounds x 5", "lb"), ("bench 100 x 5", None)],
)  # fmt: skip
def test_unit_spellings_and_no_default_unit(text, unit):
    """Every unit spelling maps to kg or lb, and no unit written means unit null."""
    assert parsed(text) == {"bench press": [W(100, 5, unit)]}


def test_a_unit_on_one_load_applies_to_the_exercises_other_loads():
    """A unit written once covers the exercise's unit-less loads, not other exercises."""
    check(
        "squat 100x5, 120kg x 3\nbench 80x5",
        {"squat": [W(100, 5, "kg"), W(120, 3, "kg")], "bench press": [W(80, 5)]},
    )


def test_message_wide_unit_statement_applies_to_every_exercise():
    """'all lbs' gives every unit-less load the unit."""
    check(
        "squat 225x5\nbench 185x5\nall lbs",
        {"squat": [W(225, 5, "lb")], "bench press": [W(185, 5, "lb")]},
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("squat 62,5 kg x 5", [W(62.5, 5, "kg")]),
        ("squat 62,5x5", [W(62.5, 5)]),
        ("squat 60x5,5,4", [W(60, 5), W(60, 5), W(60, 4)]),
    ],
)
def test_comma_decimals_versus_comma_lists(text, expected):
    """A comma with 1-2 digits before a unit or 'x' is a decimal; otherwise it lists reps."""
    assert parsed(text) == {"squat": expected}


@pytest.mark.parametrize(
    ("text", "rpe", "rir"),
    [("squat 100x5 @8", 8, None), ("squat 100x5 @ rpe 8.5", 8.5, None),
     ("squat 100x5 rpe7", 7, None), ("squat 100x5 8 rpe", 8, None),
     ("squat 100x5 @RPE<8", None, None), ("squat 100x5 rpe 7-8", None, None),
     ("squat 100x5 @ 2 rir", None, 2), ("squat 100x5 rir1", None, 1),
     ("squat 100x5 3RIR", None, 3), ("squat 100x5 2 in the tank", None, 2),
     ("squat 100x5 to failure", None, None), ("squat 100x5-2", None, 2)],
)  # fmt: skip
def test_effort_spellings(text, rpe, rir):
    """RPE and RIR are read from every spelling, never converted; ranges stay null."""
    assert parsed(text) == {"squat": [W(100, 5, rpe=rpe, rir=rir)]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("squat 3x5 100 @8", [W(100, 5, rpe=8)] * 3),
        ("squat 100x5 @7, 110x3 @9", [W(100, 5, rpe=7), W(110, 3, rpe=9)]),
        ("squat 100: 5, 5, 4 rir 1", [W(100, 5, rir=1), W(100, 5, rir=1), W(100, 4, rir=1)]),
        ("squat 3x5 100, last set @9", [W(100, 5), W(100, 5), W(100, 5, rpe=9)]),
        ("squat 3x5 100 rpe 7, 8, 9", [W(100, 5, rpe=7), W(100, 5, rpe=8), W(100, 5, rpe=9)]),
    ],
)
def test_effort_scoping(text, expected):
    """An effort after a group covers the group, after one set that set, 'last set' the last."""
    assert parsed(text) == {"squat": expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pull-ups 9, 8, 7", {"pull-up": [BW(9), BW(8), BW(7)]}),
        ("dips 4x10", {"dip": [BW(10)] * 4}),
        ("chin-ups +15kg x 5", {"chin-up": [BW(5, 15, "kg")]}),
        ("chin-ups bw+15 x 5", {"chin-up": [BW(5, 15)]}),
        ("chin-ups BW +15 kg 3x5", {"chin-up": [BW(5, 15, "kg")] * 3}),
        ("weighted dips 20kg 3x6", {"dip": [BW(6, 20, "kg")] * 3}),
        ("assisted dips 20kg 3x6", {"dip": [BW(6, -20, "kg")] * 3}),
        ("pull-ups -20 x 8", {"pull-up": [BW(8, -20)]}),
        ("pull-ups 3x(-)20", {"pull-up": [BW(3, -20)]}),
        ("pull-ups 25kg assist x 6", {"pull-up": [BW(6, -25, "kg")]}),
        ("squat bw x 30", {"squat": [BW(30)]}),
    ],
)
def test_bodyweight_added_and_assisted_loads(text, expected):
    """Bodyweight sets never carry weight; '+N' adds load, '-N' and 'assist' subtract."""
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plank 75s", {"plank": [BW(duration_s=75)]}),
        ("plank 2:05", {"plank": [BW(duration_s=125)]}),
        ("plank 3 x 1 min", {"plank": [BW(duration_s=60)] * 3}),
        ("wall sit 3x40", {"wall sit": [BW(duration_s=40)] * 3}),
        ("ran 8k in 40:00", {"running": [S(duration_s=2400, distance_m=8000)]}),
        ("ran 1:05:30 half marathon 21.1km", {"running": [S(duration_s=3930, distance_m=21100)]}),
        ("ran 2 miles", {"running": [S(distance_m=3218.688)]}),
        ("row 1000m 3:40", {"rowing machine": [S(duration_s=220, distance_m=1000)]}),
        ("row 3x8 60kg", {"barbell row": [W(60, 8, "kg")] * 3}),
        ("erg 5 x 250m", {"rowing machine": [S(distance_m=250)] * 5}),
        ("run 400m x 5", {"running": [S(distance_m=400)] * 5}),
        ("farmer's carry 50kg x 30m", {"farmer's carry": [W(50, None, "kg", distance_m=30)]}),
    ],
)
def test_time_and_distance_sets(text, expected):
    """Times become seconds, distances metres; bare 'row' with a distance is the erg."""
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("db bench 32s 3x8", {"dumbbell bench press": [W(32, 8)] * 3}),
        ("db rows 45's x 10", {"dumbbell row": [W(45, 10)]}),
        ("lunges 16kg each 2x10", {"lunge": [W(16, 10, "kg")] * 2}),
        ("kb swings 2x20kg 3x15", {"kettlebell swing": [W(20, 15, "kg")] * 3}),
        ("bss 20kg x 8/8", {"bulgarian split squat": [W(20, 8, "kg")]}),
    ],
)
def test_implement_loads_stay_per_implement(text, expected):
    """Dumbbell pairs, 'each' and '2x' implement loads are never doubled."""
    check(text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-14 squat 100x5", "14.03.2025 squat 100x5", "14 March squat 100x5",
        "week 4 day 1 squat 100x5", "W4D1 squat 100x5", "squat 100x5 (2 min rest)",
        "squat 100x5 rest 90s", "squat 100x5 tempo 31X1", "squat 100x5 3-0-1-0",
        "squat 100x5 #legs", "squat 100x5 💪🔥", "squat 100x5 (PR)", "squat 100x5 new PR!",
        "squat 100x5 [Warm-up]", "squat 100x5 (warm up)", "1) squat 100x5", "B2. squat 100x5",
        "squat 100x5 paused 2s", "squat 100x5 at 6:45am", "squat 100x5 (bw 82kg)",
        "squat 100x5 https://example.com/v/123", "nsuns squat 100x5",
    ],
)  # fmt: skip
def test_noise_never_becomes_sets(text):
    """Dates, rest, tempo, tags, emoji, PR notes, labels, times of day and links are dropped."""
    assert parsed(text) == {"squat": [W(100, 5)]}


@pytest.mark.parametrize(
    "text",
    [
        "squat 100x5\nbench 80x5", "squat 100x5; bench 80x5", "squat 100x5, bench 80x5",
        "squat 100x5 then bench 80x5", "squat 100x5 and bench 80x5", "squat 100x5 + bench 80x5",
    ],
)  # fmt: skip
def test_exercise_separators(text):
    """Newline, ';', ', ', 'then', 'and' and '+' before a new name start a new exercise."""
    check(text, {"squat": [W(100, 5)], "bench press": [W(80, 5)]})


def test_same_exercise_twice_is_concatenated_in_order():
    """A second mention of an exercise appends its sets to the first."""
    check(
        "bench 80x5\nsquat 100x5\nbench 85x3",
        {"bench press": [W(80, 5), W(85, 3)], "squat": [W(100, 5)]},
    )


def test_header_then_set_lines():
    """A name line followed by set lines logs each line as a set."""
    check("Incline Bench:\nSet 1: 60 x 10\nSet 2: 65 x 8 @8\n3. 70 x 6",
          {"incline bench press": [W(60, 10), W(65, 8, rpe=8), W(70, 6)]})  # fmt: skip


def test_app_share_text():
    """Workout title, date line, warm-up tags, comma decimals and the link are handled."""
    text = (
        "Push Day\nTuesday, 4 March 2025 at 18:02\n\nOverhead Press (Barbell)\n"
        "W1: 20 kg × 8 [Warm-up]\nSet 1: 42,5 kg × 6\nSet 2: 42,5 kg × 5 [Failure]\n\n"
        "Push Up\nSet 1: 20 reps\n\nPlank\nSet 1: 1:10\n\nhttps://strong.app.link/abc"
    )
    check(text, {
        "overhead press": [W(20, 8, "kg"), W(42.5, 6, "kg"), W(42.5, 5, "kg")],
        "push-up": [BW(20)],
        "plank": [BW(duration_s=70)],
    })  # fmt: skip


def test_source_is_the_original_text_segment():
    """Each exercise keeps the text it was read from, as the user wrote it."""
    result = parse_message("Squat 100x5\nBench 80x5")
    assert [e.source for e in result.exercises] == ["Squat 100x5", "Bench 80x5"]


def test_planned_numbers_are_not_sets_but_done_numbers_are():
    """A target clause only lends its load; the performed clause gives the sets."""
    check("OHP goal was 4x6 at 50, only did 6, 5, 5, 4",
          {"overhead press": [W(50, 6), W(50, 5), W(50, 5), W(50, 4)]})  # fmt: skip


def test_trailing_plan_note_does_not_add_sets():
    """A plan after the log ('next time 105') adds nothing."""
    check("bench 3x5 100, next time 105", {"bench press": [W(100, 5)] * 3})


@pytest.mark.parametrize(
    ("text", "name", "first_suggestion"),
    [
        ("nordic curl 3x5", "nordic curl", "bicep curl"),
        ("zercher squat 100x5", "zercher squat", "squat"),
    ],
)
def test_unknown_qualifier_is_asked_not_guessed(
    text: str, name: str, first_suggestion: str
) -> None:
    """A known name with an unknown word in front is not silently logged as the base lift."""
    with pytest.raises(UnknownExerciseError) as info:
        parse_message(text)
    assert info.value.name == name
    assert info.value.suggestions[0] == first_suggestion


@pytest.mark.parametrize(
    ("text", "exercise"),
    [
        ("bench top set 100x3", "bench press"),
        ("squat warmup 60x5", "squat"),
        ("close grip bench 80x8", "close-grip bench press"),
        ("two sets of nine leg curls at 40", "leg curl"),
    ],
)
def test_harmless_words_next_to_a_name_are_fine(text: str, exercise: str) -> None:
    """Tags like 'top set' or 'warmup' and number words do not trigger the question."""
    assert [e.exercise for e in parse_message(text).exercises] == [exercise]
