"""Tests for engine.fit.strength: FIT exercise categories to canonical exercise names."""

from __future__ import annotations

import pytest

from engine.catalog import CATALOG
from engine.fit.model import SetMsg
from engine.fit.strength import (
    CATEGORY_DEFAULTS,
    SUBTYPE_RULES,
    canonical_exercise,
    category_name,
    strength_sets,
)


@pytest.mark.parametrize(
    ("category", "subtype", "expected"),
    [
        (0, 1, "bench press"),  # barbell_bench_press
        (0, 9, "incline dumbbell press"),
        (0, 4, "close-grip bench press"),
        ("bench_press", None, "bench press"),
        (28, 8, "front squat"),
        (28, 0, "leg press"),
        (28, 37, "goblet squat"),
        (28, 28, None),  # a dumbbell split squat is not a squat
        (8, 23, "romanian deadlift"),
        (8, 17, "trap bar deadlift"),
        (23, 28, "t-bar row"),
        (23, 18, "seated cable row"),
        (23, None, None),  # "row" alone is too broad: ask
        (21, 39, "chin-up"),
        (21, 13, "lat pulldown"),
        (21, None, "pull-up"),
        (7, 16, "hammer curl"),
        (30, 39, "tricep pushdown"),
        (30, None, None),
        (24, 1, "arnold press"),
        (17, 18, "bulgarian split squat"),
        ((23, 26, 26), (24, None, None), "dumbbell row"),  # the watch's first guess wins
        (65534, None, None),
        ("unknown", None, None),
        (None, None, None),
        (9999, None, None),
    ],
)
def test_canonical_exercise(category, subtype, expected):
    """FIT category (and subtype when known) maps to a canonical name, or None to ask."""
    assert canonical_exercise(category, subtype) == expected


def test_table_only_produces_canonical_names():
    """Every name in the defaults and rules belongs to the SETLOG §3 vocabulary."""
    names = set(CATEGORY_DEFAULTS.values()) | {r[2] for r in SUBTYPE_RULES if r[2] is not None}
    assert names <= set(CATALOG)  # the catalog itself is checked against SETLOG.md §3


def test_category_name_accepts_numbers_names_and_guesses():
    """Category numbers, names and tuples of guesses give the FIT category name."""
    assert category_name(0) == "bench_press"
    assert category_name("squat") == "squat"
    assert category_name((28, 0)) == "squat"
    assert category_name(()) is None


def test_strength_sets_keep_active_sets_in_time_order():
    """Rest periods are dropped and sets are sorted by start time."""
    sets = [
        SetMsg(200.0, 30.0, 5, 60.0, True, 0, 1),
        SetMsg(150.0, 60.0, None, None, False, None, None),
        SetMsg(100.0, 30.0, 8, 40.0, True, 28, None),
    ]
    result = strength_sets(sets)
    assert [(s.exercise, s.reps) for s in result] == [("squat", 8), ("bench press", 5)]
    assert result[0].start_time.timestamp() == 100.0
