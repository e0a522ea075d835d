"""Set logs with trailing remarks, rep lists before their load, rep maxes and plate counts."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.setlog import ParsedSet, parse_message
from tests.engine.test_setlog import BW, W, parsed

BENCH_80x5 = {"bench press": [ParsedSet(80, reps=5)]}


@pytest.mark.parametrize(
    "text",
    [
        "bench 80x5, thanks coach", "bench 80x5 thanks coach!", "bench 80x5 thx",
        "bench 80x5, thank you so much", "bench 80x5 ty", "bench 80x5, cheers mate",
        "bench 80x5\nthanks!", "bench 80x5 felt heavy", "bench 80x5 - easy!",
        "bench 80x5, wife spotted me", "bench 80x5, buddy gave me a lift off",
        "bench 80x5 then lunch", "bench 80x5, had a shake after", "bench 80x5 tough one",
        "bench 80x5, slept 5 hours", "bench 80x5, first session in 3 weeks",
        "bench 80x5, 2nd time this week", "bench 80x5, thanks for the nordic curl tip",
    ],
)  # fmt: skip
def test_a_trailing_remark_keeps_the_log(text):
    """Thanks, a remark about others or food, or a number-free note after a log is dropped."""
    assert parsed(text) == BENCH_80x5


LOGS = ["bench 80x5", "squat 3x5 100kg", "dl 140x3 @8", "pull-ups 3x8 +10kg", "ohp 8,8,7 at 40kg"]
REMARKS = ["thanks coach", "thx!", "cheers", "felt heavy", "easy", "my buddy spotted me",
           "slept 6 hours", "ty :)", "then dinner", "good one"]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(LOGS), st.sampled_from(REMARKS), st.sampled_from([" ", ", ", " - ", "\n"]))
def test_any_remark_after_a_log_parses_like_the_log_alone(log, remark, joint):
    """Appending a harmless remark never changes what a log records."""
    assert parsed(f"{log}{joint}{remark}") == parsed(log)


@pytest.mark.parametrize(
    "text",
    [
        "bench 80x5?", "should I do bench 80x5?", "should i do bench 80x5", "tomorrow: bench 80x5",
        "thanks, bench 80x5 next time", "thanks coach! squat 100x5 felt great",
        "thanks for the 5x5 tip", "squat 100x5, my brother did 140x5", "he benched 3RM 120kg",
        "my friend did bench 5,5,5 @ 80", "bench 80x5, ate 150g protein",
        "next week: squat 3RM 190",
        "target: bench 5,5,5 @ 80", "planning a 3rm squat at 190", "my squat 3rm is 190",
        "squat 1rm was 200", "bench 2 plates x5 tomorrow", "can I do ohp 8,8,7 at 40kg?",
        "cheers, deadlift 200x1 is the goal",
    ],
)  # fmt: skip
def test_look_alikes_of_the_new_forms_stay_non_logs(text):
    """Questions, plans, others' lifts, stated maxes and leading thanks still log nothing."""
    assert parse_message(text).exercises == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bench 5,5,5 @ 80", {"bench press": [W(80, 5)] * 3}),
        ("squat 5/5/5 100kg", {"squat": [W(100, 5, "kg")] * 3}),
        ("ohp 8,8,7 at 40kg", {"overhead press": [W(40, 8, "kg")] * 2 + [W(40, 7, "kg")]}),
        ("bench 5-3-2 at 100", {"bench press": [W(100, 5), W(100, 3), W(100, 2)]}),
        ("squat 5/5/5 100", {"squat": [W(100, 5)] * 3}),
        ("bench 5 5 5 @ 80", {"bench press": [W(80, 5)] * 3}),
        ("rows 12, 10, 8 x 60kg", {"barbell row": [W(60, 12, "kg"), W(60, 10, "kg"),
                                                   W(60, 8, "kg")]}),
        ("bench 5,5,5 @ 80 rpe 8", {"bench press": [W(80, 5, rpe=8)] * 3}),
        ("pull-ups 8,8,7 @ 10kg", {"pull-up": [BW(8, 10, "kg")] * 2 + [BW(7, 10, "kg")]}),
        ("squat 5-5-5", {"squat": [W(None, 5)] * 3}),
    ],
)  # fmt: skip
def test_a_rep_list_takes_the_load_written_after_it(text, expected):
    """'R,R,R @ LOAD', 'R/R/R LOADkg' and 'R-R-R at LOAD' give one set per count at that load."""
    assert parsed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("squat 100: 5, 5, 4", {"squat": [W(100, 5), W(100, 5), W(100, 4)]}),
        ("squat 100 5/5/5", {"squat": [W(100, 5)] * 3}),
        ("squat 100x5, 5, 5 @ 110", {"squat": [W(100, 5), W(100, 5), W(110, 5)]}),
        ("chin-ups 5,5,4 +10", {"chin-up": [BW(5, 10), BW(5, 10), BW(4, 10)]}),
        ("plank 30-30-30", {"plank": [BW(duration_s=30)] * 3}),
    ],
)  # fmt: skip
def test_other_list_forms_keep_their_reading(text, expected):
    """A load written first, carried reps, bodyweight '+N' and timed lists keep their reading."""
    assert parsed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3RM 190kg squat", {"squat": [W(190, 3, "kg")]}),
        ("squat 3RM 190", {"squat": [W(190, 3)]}),
        ("squat 190 3RM", {"squat": [W(190, 3)]}),
        ("new 5rm of 100 on bench", {"bench press": [W(100, 5)]}),
        ("bench 5 rep max 100kg", {"bench press": [W(100, 5, "kg")]}),
        ("deadlift 1RM 200kg!", {"deadlift": [W(200, 1, "kg")]}),
        ("squat 3x3 100 then 3rm 150", {"squat": [W(100, 3)] * 3 + [W(150, 3)]}),
        ("pull-ups 5RM +20kg", {"pull-up": [BW(5, 20, "kg")]}),
        ("squat 190x3 3rm!", {"squat": [W(190, 3)]}),
        ("squat 190x3 (3RM PR)", {"squat": [W(190, 3)]}),
        ("squat 3RM: 190kg x 3", {"squat": [W(190, 3, "kg")]}),
        ("squat 3x8 @ 80% 1RM", {"squat": [W(None, 8)] * 3}),
        ("squat 5x5 @ 75% of 1rm 150", {"squat": [W(None, 5)] * 5}),
    ],
)  # fmt: skip
def test_a_rep_max_is_one_set_of_that_many_reps(text, expected):
    """'NRM LOAD' is one set of N at LOAD; next to a written set or a percentage it is a note."""
    assert parsed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bench 2 plates x5", {"bench press": [W(None, 5)]}),
        ("bench a plate x5", {"bench press": [W(None, 5)]}),
        ("squat 3 plates 5x5", {"squat": [W(None, 5)] * 5}),
        ("squat 2 plates a side x 3", {"squat": [W(None, 3)]}),
        ("back extensions 3x12 holding 10kg plate", {"back extension": [BW(12, 10, "kg")] * 3}),
    ],
)  # fmt: skip
def test_plate_counts_leave_the_load_unknown(text, expected):
    """A plate count is not converted to a weight, and is never read as a 2 kg load."""
    assert parsed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("curls 21 x 10 (x 3)", {"bicep curl": [W(21, 10)] * 3}),
        ("curls 21x10 (3 sets)", {"bicep curl": [W(21, 10)] * 3}),
        ("squat 10-15-20-25-30(PR)-35(f)", {"squat": [W(None, r) for r in range(10, 40, 5)]}),
        ("squat 12-03-2024 100x5", {"squat": [W(100, 5)]}),
        ("squat 100x5 could have done 2 more", {"squat": [W(100, 5, rir=2)]}),
        ("squat 100x5 had 2 more in me", {"squat": [W(100, 5, rir=2)]}),
    ],
)  # fmt: skip
def test_more_notation_from_the_research(text, expected):
    """'(x 3)' repeats a set, ladders keep notes, dashed dates are noise, RIR prose is RIR."""
    assert parsed(text) == expected
