"""Chat text for fuzz tests: logs with wild numbers, unicode, control characters, injections."""

from __future__ import annotations

import json

from hypothesis import strategies as st

from engine.catalog import CATALOG
from engine.errors import SetLogError
from engine.plausibility import name_problem
from engine.setlog import ParsedExercise, ParseResult, UnknownExerciseError, to_contract
from engine.setlog.entry import check_parsed

NAMES = st.sampled_from([
    "bench", "squat", "deadlift", "ohp", "pullups", "dips", "plank", "row", "run", "curl",
    "face pulls", "leg press", "farmers walk", "kb swings", "lateral raise", "bss", "c&j",
    "sled push", "nordic curl", "script", "n", "nch", "or", "benchh", "sqaut", "Bench Press",
    "ｂｅｎｃｈ", "бенч", "ספסל", "卧推", "a" * 60, "b" * 61,
])  # fmt: skip
WILD_NUMBERS = st.one_of(
    st.sampled_from([
        "nan", "NaN", "inf", "-inf", "+inf", "Infinity", "-Infinity", "1e308", "1e-308", "1e9",
        "9" * 20, "9" * 400, "99999999", "0", "-0", "0.0", "00", "-5", "0.0001", "1.", ".5",
        "80,5", "62,5", "1,000", "١٢", "٨٠", "８０", "²", "½", "⁸⁰", "𝟖𝟎", "0x50", "1_000",
    ]),
    st.integers(-(10**12), 10**12).map(str),
    st.floats().map(str),
    st.integers(0, 400).map(str),
)  # fmt: skip
WORDS = st.sampled_from([
    "x", "×", "*", "@", "kg", "lbs", "#", "rpe", "rir", "sets", "of", "reps", "bw", "bw:",
    "bodyweight", "weight", "+", "-", "for", "at", "s", "sec", "min", "m", "km", "mi", "h",
    "same", "again", "then", "and", ";", "\n", ",", "/", "(", ")", "[", "]", "?", "!", ":",
    "each", "assisted", "warmup", "tomorrow", "got", "did", "thanks", "%", "1:30", "5-5-4",
])  # fmt: skip
ODD_TEXT = st.sampled_from([
    "\u202e", "\u200f", "\u200e", "\u2066", "שלום", "مرحبا", "٨٠x٥", "😀", "🏋️‍♂️", "👍🏽",
    "\u0301", "Z̷̢a̶l̴g̸o", "\x00", "\x07", "\x1b[31m", "\r", "\t", "\ufeff", "\u2028", "\x7f",
    "\ud7ff", "\U0010ffff", "\u00a0", "ｘ", "✕", "—", "’s", "“”",
])  # fmt: skip
INJECTIONS = st.sampled_from([
    "'; DROP TABLE set_logs;--", "1 OR 1=1", '" OR ""="', "<script>alert(1)</script>",
    "<b>bold</b>", "&amp;&lt;&#x27;", "<img src=x onerror=alert(1)>", "{{7*7}}", "${jndi:x}",
    "%s%s%n", "../../etc/passwd", "NULL", "undefined", "</pre><a href='x'>", "\\x00\\n",
    "SELECT * FROM users", "Robert'); DROP TABLE students;--",
])  # fmt: skip
PIECES = st.one_of(NAMES, WILD_NUMBERS, WORDS, WILD_NUMBERS, ODD_TEXT, INJECTIONS)
JOINERS = st.sampled_from([" ", " ", "", "\n", "  "])


@st.composite
def loggish(draw: st.DrawFn) -> str:
    """A mix of log vocabulary, numbers and odd text, sometimes glued together."""
    pieces = draw(st.lists(PIECES, max_size=20))
    return "".join(p + draw(JOINERS) for p in pieces)


@st.composite
def set_logs(draw: st.DrawFn) -> str:
    """A log in a common shape ('<name> <load><unit> x <reps> <effort>') with wild numbers."""
    name = draw(NAMES)
    load, reps = draw(WILD_NUMBERS), draw(WILD_NUMBERS)
    unit = draw(st.sampled_from(["", "kg", " kg", "lbs", "#", "k"]))
    times = draw(st.sampled_from(["x", " x ", "×", "*", " for "]))
    tail = draw(st.sampled_from(["", " rir2", " @8", " rpe " + draw(WILD_NUMBERS), " x3 sets"]))
    sep = draw(st.sampled_from([" ", ": ", " - "]))
    return f"{name}{sep}{load}{unit}{times}{reps}{tail}"


@st.composite
def follow_ups(draw: st.DrawFn) -> str:
    """A short reply such as 'x5', '80kg', '+2.5', 'bw 82', with wild numbers."""
    number = draw(WILD_NUMBERS)
    shape = draw(st.sampled_from([
        "x{}", "{}", "{}kg", "{} lbs", "+{}", "-{}", "{}x5", "80x{}", "same @{}", "bw {}",
        "BW: {}", "bw+{} x6", "x5 rir {}", "weighed {}", "{} x {} x {}", "x {}kg",
    ]))  # fmt: skip
    return shape.format(number, number, number)


def long_texts(size: int) -> st.SearchStrategy[str]:
    """Messages of about ``size`` characters, repeating one piece of chat text."""
    return st.one_of(loggish(), set_logs(), st.text(min_size=1, max_size=30)).filter(bool).map(
        lambda piece: (piece * (size // len(piece) + 1))[:size]
    )


CHAT_TEXT = st.one_of(
    set_logs(), set_logs(), loggish(), follow_ups(), st.text(max_size=120), INJECTIONS,
    st.text(st.characters(codec="utf-8"), max_size=60),
)  # fmt: skip


def exercises_of(result: ParseResult) -> list[ParsedExercise]:
    """Every exercise a parse could store: its reading and each reading a question offers."""
    found = list(result.exercises)
    for _label, reading in result.ambiguity.options if result.ambiguity else ():
        found.extend(reading)
    return found


def assert_sane(result: object) -> None:
    """A parse is plausible in every reading, JSON-safe, or a user error with a message."""
    if isinstance(result, SetLogError):
        assert str(result)
        assert len(str(result)) < 1000
        if isinstance(result, UnknownExerciseError) and result.name and not result.suggestions:
            assert name_problem(result.name) is None, result.name  # offered as a new exercise
        return
    assert isinstance(result, ParseResult)
    for exercise in exercises_of(result):
        known = CATALOG.get(exercise.exercise)
        for s in exercise.sets:
            check_parsed(known, s)  # raises on anything absurd
            assert s.reps is None or isinstance(s.reps, int)
            assert s.unit in (None, "kg", "lb")
    json.dumps(to_contract(result), allow_nan=False)
