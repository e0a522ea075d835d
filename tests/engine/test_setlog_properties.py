"""Property tests of the set-log parser: it never crashes and reads generated logs exactly."""

import contextlib

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from engine.catalog import CATALOG
from engine.errors import SetLogError
from engine.plausibility import KG_PER_LB, heaviest_kg
from engine.setlog import MAX_CHARS, LastSet, ParsedSet, parse_followup, parse_message

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = [
    "bench", "squat", "pull-ups", "plank", "ran", "row", "x", "×", "*", "@", "kg", "lbs", "#",
    "rpe", "rir", "sets", "of", "reps", "bw", "+", "-", "for", "at", "5k", "in", "1:30", "60s",
    "each", "last", "set", "tank", "single", "3", "5", "100", "62,5", "2x32kg", "(", ")",
    "[seconds]", "w/", "then", "and", ";", "\n", "target", "got", "assist", "10/10", "5-5-4",
    "8-10", "x5", "99999999999999", "0", "0.5", "—", "?", "/", "tomorrow", "😀", "١٢", "²",
]  # fmt: skip
LOGGISH = st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join)
STRENGTH = sorted(n for n, e in CATALOG.items() if e.kind == "strength" and not e.bodyweight)
LAST = LastSet("bench press", 80.0, "kg", 5)


def outcome(text: str) -> object:
    """Parse, turning the only allowed exception into a value."""
    try:
        return parse_message(text)
    except SetLogError as exc:
        return exc


@FAST
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_raises_anything_but_set_log_errors(text):
    """Any text parses or raises a SetLogError, for both entry points."""
    outcome(text)
    with contextlib.suppress(SetLogError):
        parse_followup(text, LAST)


@FAST
@given(LOGGISH)
def test_log_like_noise_never_raises_anything_but_set_log_errors(text):
    """Random mixes of log vocabulary parse or raise a SetLogError; sets are well formed."""
    result = outcome(text)
    if isinstance(result, SetLogError):
        assert str(result)
        return
    for exercise in result.exercises:
        for s in exercise.sets:
            assert s.reps is None or isinstance(s.reps, int)
            assert s.unit in (None, "kg", "lb")
            assert not (s.bodyweight and s.weight is not None)


@settings(max_examples=20, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_very_long_input_is_rejected_with_a_set_log_error(piece):
    """Input over the length cap raises a SetLogError instead of being parsed."""
    text = piece * (MAX_CHARS // len(piece) + 1)
    assert isinstance(outcome(text), SetLogError)


@FAST
@given(
    name=st.sampled_from(STRENGTH),
    sets=st.integers(1, 5),
    reps=st.integers(1, 30),
    half_kg=st.integers(40, 800),
    unit=st.sampled_from(["kg", "lbs", ""]),
)
def test_generated_sets_by_reps_logs_parse_exactly(name, sets, reps, half_kg, unit):
    """'<name> NxR Wunit' gives N sets of R at W, with the unit only when written."""
    weight = half_kg / 2
    assume((weight if unit == "kg" else weight * KG_PER_LB) <= heaviest_kg(CATALOG[name]))
    result = parse_message(f"{name} {sets}x{reps} {weight:g}{unit}")
    expected = ParsedSet(weight, {"kg": "kg", "lbs": "lb"}.get(unit), reps)
    assert [e.exercise for e in result.exercises] == [name]
    assert result.exercises[0].sets == (expected,) * sets


@FAST
@given(
    name=st.sampled_from(STRENGTH),
    weight=st.integers(11, 400),
    reps=st.lists(st.integers(1, 20), min_size=1, max_size=6),
    rpe=st.integers(6, 10),
)
def test_generated_weight_and_rep_lists_parse_exactly(name, weight, reps, rpe):
    """'<name> WxR1, R2, ... @RPE' gives one set per rep count, all at W and that RPE."""
    assume(weight * KG_PER_LB <= heaviest_kg(CATALOG[name]))
    text = f"{name} {weight}x{reps[0]}" + "".join(f", {r}" for r in reps[1:]) + f" @{rpe}"
    result = parse_message(text)
    assert result.exercises[0].sets == tuple(ParsedSet(weight, None, r, rpe=rpe) for r in reps)


@FAST
@given(st.text(alphabet="0123456789x ,.@:-/+", max_size=40))
def test_messages_without_units_never_get_one(text):
    """No unit is ever invented: unit-less numbers keep unit null."""
    result = outcome(f"squat {text}")
    if not isinstance(result, SetLogError):
        assert all(s.unit is None for e in result.exercises for s in e.sets)
