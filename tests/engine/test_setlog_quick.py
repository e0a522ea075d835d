"""The one-step reading of the commonest set log agrees with the full parser."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.catalog import CATALOG
from engine.errors import SetLogError
from engine.setlog import parse_message
from engine.setlog.message import parse_fully
from engine.setlog.quick import read_common
from tests.engine.test_setlog_accuracy import EXAMPLES

NAMES = sorted({alias for e in CATALOG.values() for alias in (e.name, *e.aliases)})
loads = st.sampled_from(["5", "12.5", "19.5", "20", "60", "80", "82.5", "100", "142.25", "999"])
units = st.sampled_from(["", "kg", " kg", "kgs", "lb", " lbs", "#", "k"])
times = st.sampled_from(["x", " x ", "X", "×", " × ", "*", "x  "])
reps = st.integers(1, 40).map(str)
efforts = st.sampled_from(
    ["", " rir2", " rir 0", " RIR 3", " rir 7", " rpe 8", " rpe8.5", " @8", " @ 9.5", " @4",
     " rpe 11", " @10", " r2", " rir2.5", "!", "?", " felt good", " 3 sets"]
)  # fmt: skip
spaces = st.sampled_from(["", " ", "  "])


def full(text: str) -> object:
    """The full parser's answer, or the error it raised."""
    try:
        return parse_fully(text)
    except SetLogError as exc:
        return repr(exc)


@settings(max_examples=600)
@given(st.sampled_from(NAMES), spaces, loads, units, times, reps, efforts, spaces)
def test_the_quick_reading_is_the_full_one(name, lead, load, unit, times, reps, effort, tail):
    """Whatever the one-step reader accepts, the full parser reads identically."""
    text = f"{lead}{name} {load}{unit}{times}{reps}{effort}{tail}"
    quick = read_common(text)
    if quick is not None:
        assert quick == full(text), text


def test_the_labelled_examples_agree_and_many_are_quick():
    """Over the labelled example set, quick readings match and cover the plain one-liners."""
    texts = [json.loads(line)["text"] for line in EXAMPLES.read_text().splitlines() if line]
    quick = {t: q for t in texts if (q := read_common(t)) is not None}
    for text, reading in quick.items():
        assert reading == full(text), text
    assert len(quick) >= 20


def test_common_lines_take_the_quick_way():
    """The everyday forms are read in one step; light loads and bodyweight lifts are not."""
    for text in ("bench 80x5", "squat 100kg x 5 rir2", "Deadlift 140 x 3 @8", "ohp 42.5 x 8"):
        assert read_common(text) is not None, text
    for text in ("bench 8x5", "pullups 10x5", "bench 80x5?", "bench 80x5, easy", "row 500m"):
        assert read_common(text) is None, text
    assert parse_message("bench 80x5 rir2") == parse_fully("bench 80x5 rir2")


def test_every_catalog_name_reads_the_same_both_ways():
    """For every name and alias, the quick reading (where it applies) is the full one."""
    accepted = 0
    for name in NAMES:
        for line in (f"{name} 80x5", f"{name} 100 kg x 3 rir2", f" {name} 62.5lbs X 12 @8 "):
            quick = read_common(line)
            if quick is not None:
                accepted += 1
                assert quick == full(line), line
    assert accepted >= len(NAMES)


def test_a_machine_named_like_a_month_is_not_a_date():
    """'pec dec 60 x 10' is chest flies on the machine, not the 60th of December."""
    (found,) = parse_fully("pec dec 60 kg x 10").exercises
    assert found.exercise == "chest fly"
    assert [(s.weight, s.reps) for s in found.sets] == [(60.0, 10)]
