"""Plausibility limits for logged sets, and the names a custom exercise may take."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from engine.catalog import CATALOG
from engine.errors import ImplausibleValueError, SetLogError
from engine.plausibility import (
    FAMILIES,
    MAX_NAME_CHARS,
    MAX_REPS,
    check_set,
    family_of,
    heaviest_kg,
    name_problem,
)


@pytest.mark.parametrize(
    ("exercise", "family"),
    [
        ("squat", "squat"), ("front squat", "squat"), ("deadlift", "hinge"),
        ("hip thrust", "hinge"), ("bench press", "horizontal push"),
        ("overhead press", "vertical push"), ("clean and jerk", "olympic"),
        ("barbell row", "pull"), ("lat pulldown", "pull"), ("shrug", "isolation"),
        ("farmer's carry", "carry"), ("bicep curl", "dumbbell"), ("kettlebell swing", "hinge"),
        ("dumbbell bench press", "dumbbell"), ("goblet squat", "squat"), ("lunge", "lunge"),
        ("leg press", "machine"), ("hack squat", "machine"), ("pull-up", "bodyweight"),
        ("plank", "bodyweight"), ("running", "cardio"), (None, "other"),
    ],
)  # fmt: skip
def test_every_exercise_has_a_family(exercise, family):
    """Catalog exercises map to the family their load limit comes from; custom ones to other."""
    assert family_of(CATALOG[exercise] if exercise else None).name == family


def test_every_limit_is_above_the_record_it_rests_on():
    """No family limit is below 150 kg, and every catalog exercise has one."""
    assert all(f.heaviest_kg >= 150 for f in FAMILIES.values())
    assert all(heaviest_kg(e) >= 150 for e in CATALOG.values())


BENCH, SQUAT = CATALOG["bench press"], CATALOG["squat"]
CURL, PULLUP = CATALOG["bicep curl"], CATALOG["pull-up"]


@pytest.mark.parametrize(
    ("exercise", "values"),
    [
        (BENCH, {"weight": 400, "unit": "kg", "reps": 1}),
        (BENCH, {"weight": 880, "unit": "lb", "reps": 1}),
        (BENCH, {"weight": 880, "unit": None, "reps": 1}),  # plausible in lb: the user's unit
        (SQUAT, {"weight": 600, "unit": "kg", "reps": 1}),
        (CURL, {"weight": 60, "unit": "kg", "reps": 100}),
        (PULLUP, {"added": 100, "unit": "kg", "reps": 3}),
        (PULLUP, {"added": -40, "unit": "kg", "reps": 8}),
        (CATALOG["plank"], {"duration_s": 86_400}),
        (CATALOG["running"], {"distance_m": 42_195, "duration_s": 3 * 3600}),
        (CATALOG["jump rope"], {"reps": 10_000}),
        (None, {"weight": 1500, "unit": "kg", "reps": 20}),
        (BENCH, {"weight": 80, "unit": "kg", "reps": 5, "rpe": 10, "rir": 0}),
        (BENCH, {}),
    ],
)
def test_real_sets_pass(exercise, values):
    """Sets at or under the limits, including world-record loads, are accepted."""
    check_set(exercise, **values)


@pytest.mark.parametrize(
    ("exercise", "values", "reason"),
    [
        (BENCH, {"weight": math.nan, "reps": 5}, "isn't a number"),
        (BENCH, {"weight": math.inf, "reps": 5}, "isn't a number"),
        (BENCH, {"weight": 80, "reps": -math.inf}, "isn't a number"),
        (BENCH, {"weight": 80, "rpe": math.nan}, "isn't a number"),
        (BENCH, {"weight": 80, "reps": 0}, "0 reps is not a set"),
        (BENCH, {"weight": 80, "reps": -3}, "-3 reps is not a set"),
        (BENCH, {"weight": 80, "reps": 2.5}, "2.5 reps is not a set"),
        (BENCH, {"weight": 80, "reps": 101}, "101 reps in one set"),
        (None, {"weight": 80, "reps": 101}, "(at most 100)"),
        (CATALOG["jump rope"], {"reps": 10_001}, "(at most 10,000)"),
        (BENCH, {"weight": 401, "unit": "kg", "reps": 1}, "401 kg on bench press is more"),
        (BENCH, {"weight": 99_999_999, "unit": "kg"}, "99,999,999 kg on bench press"),
        (BENCH, {"weight": 1e300, "unit": "kg"}, "an enormous number on bench press"),
        (BENCH, {"weight": -5, "unit": "kg"}, "can't be negative"),
        (SQUAT, {"weight": 1500, "unit": "lb"}, "1,500 lb on squat"),
        (CURL, {"weight": 151, "unit": "kg", "reps": 5}, "151 kg on bicep curl"),
        (PULLUP, {"added": 300, "unit": "kg"}, "added to pull-up"),
        (PULLUP, {"added": -400, "unit": "kg"}, "of assistance on pull-up"),
        (None, {"weight": 1501, "unit": "kg"}, "on this exercise"),
        (CATALOG["plank"], {"duration_s": 86_401}, "at most a day"),
        (CATALOG["plank"], {"duration_s": 0}, "more than zero"),
        (CATALOG["running"], {"distance_m": 1_000_001}, "at most 1,000 km"),
        (BENCH, {"weight": 80, "rpe": 11}, "RPE goes from 1 to 10"),
        (BENCH, {"weight": 80, "rir": -1}, "Reps in reserve"),
    ],
)
def test_absurd_sets_are_refused_with_a_reason(exercise, values, reason):
    """NaN, infinities, non-positive or fractional reps, loads beyond records: refused."""
    with pytest.raises(ImplausibleValueError) as info:
        check_set(exercise, **values)
    assert reason in str(info.value)
    assert str(info.value).endswith("Nothing was saved; check it and send it again.")
    assert isinstance(info.value, SetLogError)


@pytest.mark.parametrize(
    "name",
    ["sled push", "zercher squat", "jm press", "nordic curl", "farmer's walk",
     "single-leg rdl", "turkish get-up", "face pull machine", "z press", "copenhagen plank"],
)  # fmt: skip
def test_real_exercise_names_are_allowed(name):
    """Names people give their own exercises pass."""
    assert name_problem(name) is None


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "3 to 40 characters"),
        ("n", "too short"),
        ("or", "too short"),
        ("nch", "too short"),  # no vowel: a fragment, not a word
        ("script", "doesn't look like"),
        ("alert script", "doesn't look like"),
        ("select from", "doesn't look like"),
        ("bench nan", "doesn't look like"),
        ("the and", "doesn't look like"),
        ("a" * 60, "3 to 40 characters"),
        ("aaaa", "doesn't look like"),
        ("squaaaat", "doesn't look like"),
        ("x" * 41, "3 to 40 characters"),
        ("bench2", "letters only"),
        ("<b>curl</b>", "letters only"),
        ("drop; table", "letters only"),
        ("curl 😀", "letters only"),
        ("sled  push\u202e", "letters only"),
    ],
)
def test_junk_names_are_refused(name, reason):
    """Too short, too long, not letters, one letter repeated, stop or code words: refused."""
    problem = name_problem(name)
    assert problem is not None
    assert reason in problem


def test_the_readme_states_every_limit():
    """README's "Logging sets" table lists each family's limit and the rep cap."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Logging sets", 1)[1].split("\n## ", 1)[0]
    for family in FAMILIES.values():
        assert f"{family.heaviest_kg:,.0f} kg" in section, family.name
    assert f"more than {MAX_REPS} reps" in section
    assert f"{MAX_NAME_CHARS} characters" in section
