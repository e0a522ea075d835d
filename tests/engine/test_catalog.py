"""Tests for the exercise catalog: data integrity, alias lookup, typos, suggestions, custom."""

from collections import defaultdict

import pytest

from engine.catalog import (
    CATALOG,
    EQUIPMENT,
    KINDS,
    PATTERNS,
    CatalogError,
    custom_exercise,
    edit_distance,
    normalise_name,
    resolve,
    suggest,
)
from engine.landmarks import MUSCLE_GROUPS

SETLOG_NAMES = (
    "bench press", "incline bench press", "close-grip bench press", "dumbbell bench press",
    "incline dumbbell press", "machine chest press", "overhead press", "dumbbell shoulder press",
    "push press", "arnold press", "squat", "front squat", "goblet squat", "hack squat",
    "bulgarian split squat", "lunge", "leg press", "leg extension", "leg curl", "calf raise",
    "deadlift", "sumo deadlift", "romanian deadlift", "trap bar deadlift", "good morning",
    "hip thrust", "back extension", "barbell row", "pendlay row", "dumbbell row", "t-bar row",
    "seated cable row", "lat pulldown", "pull-up", "chin-up", "dip", "push-up", "inverted row",
    "muscle-up", "hanging leg raise", "ab wheel rollout", "plank", "wall sit", "dead hang",
    "pistol squat", "bodyweight squat", "bodyweight lunge",
    "bicep curl", "hammer curl", "preacher curl", "tricep pushdown", "skull crusher",
    "overhead tricep extension", "lateral raise", "rear delt fly", "face pull", "chest fly",
    "shrug", "power clean", "clean and jerk", "snatch", "kettlebell swing", "farmer's carry",
    "rowing machine", "running", "stationary bike", "jump rope",
)  # fmt: skip
BODYWEIGHT_CLASS = {
    "back extension", "pull-up", "chin-up", "dip", "push-up", "inverted row", "muscle-up",
    "hanging leg raise", "ab wheel rollout", "plank", "wall sit", "dead hang",
    "pistol squat", "bodyweight squat", "bodyweight lunge",
}  # fmt: skip


def test_catalog_holds_exactly_the_67_canonical_names():
    """The catalog keys are the 67 canonical names of the set-log vocabulary."""
    assert len(SETLOG_NAMES) == 67
    assert sorted(CATALOG) == sorted(SETLOG_NAMES)


@pytest.mark.parametrize("name", SETLOG_NAMES)
def test_every_entry_is_well_formed(name):
    """Each entry uses a known pattern, equipment, kind and muscle groups, and trains something."""
    exercise = CATALOG[name]
    assert exercise.name == name
    assert exercise.pattern in PATTERNS
    assert exercise.equipment in EQUIPMENT
    assert exercise.kind in KINDS
    assert set(exercise.primary) | set(exercise.secondary) <= set(MUSCLE_GROUPS)
    assert not set(exercise.primary) & set(exercise.secondary)
    assert all(alias == alias.lower() for alias in exercise.aliases)
    if exercise.kind != "cardio":
        assert exercise.primary or exercise.secondary
    assert exercise.bodyweight == (name in BODYWEIGHT_CLASS)


def test_cardio_and_timed_kinds():
    """Cardio entries use the cardio pattern; timed entries are the isometric holds."""
    cardio = {n for n, e in CATALOG.items() if e.kind == "cardio"}
    timed = {n for n, e in CATALOG.items() if e.kind == "timed"}
    assert cardio == {"rowing machine", "running", "stationary bike", "jump rope"}
    assert timed == {"plank", "wall sit", "dead hang"}
    assert all(CATALOG[n].pattern == "cardio" for n in cardio)


@pytest.mark.parametrize(
    ("alias", "name"),
    [(alias, e.name) for e in CATALOG.values() for alias in (e.name, *e.aliases)],
)
def test_every_alias_resolves_to_its_own_entry(alias, name):
    """Each alias, and each name itself, resolves to the entry that lists it."""
    found = resolve(alias)
    assert found is not None
    assert found.name == name


def test_no_alias_maps_to_two_entries():
    """After normalisation no lookup key belongs to two different exercises."""
    owners = defaultdict(set)
    for exercise in CATALOG.values():
        for alias in (exercise.name, *exercise.aliases):
            owners[normalise_name(alias)].add(exercise.name)
    clashes = {key: names for key, names in owners.items() if len(names) > 1}
    assert clashes == {}


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("bp", "bench press"), ("OHP", "overhead press"), ("military", "overhead press"),
        ("sq", "squat"), ("deads", "deadlift"), ("RDLs", "romanian deadlift"),
        ("chins", "chin-up"), ("CGBP", "close-grip bench press"),
        ("bss", "bulgarian split squat"), ("hex bar", "trap bar deadlift"),
        ("HLR", "hanging leg raise"), ("c&j", "clean and jerk"), ("GM", "good morning"),
        ("pulldowns", "lat pulldown"), ("pec deck", "chest fly"), ("cable flyes", "chest fly"),
        ("erg", "rowing machine"), ("treadmill", "running"), ("ran", "running"),
        ("assault bike", "stationary bike"), ("KB swings", "kettlebell swing"),
        ("farmers walk", "farmer's carry"), ("Farmer’s Walk", "farmer's carry"),
        ("skipping", "jump rope"), ("Hyperextensions", "back extension"),
        ("Pull-Ups", "pull-up"), ("push ups", "push-up"), ("Dips", "dip"),
        ("Bench Press (Barbell)", "bench press"),
        ("Bench Press (Dumbbell)", "dumbbell bench press"),
        ("Incline Bench Press (Dumbbell)", "incline dumbbell press"),
        ("paused bench", "bench press"), ("belted squats", "squat"), ("low bar squat", "squat"),
        ("weighted pull-ups", "pull-up"), ("assisted chin ups", "chin-up"),
        ("Lat Pulldown (Cable)", "lat pulldown"), ("Seated Row (Cable)", "seated cable row"),
        ("barbell row", "barbell row"), ("barbell curl", "bicep curl"),
        ("Triceps Pushdown (Cable - Straight Bar)", "tricep pushdown"),
        ("skull crushers", "skull crusher"), ("lateral raises", "lateral raise"),
        ("T-Bar Rows", "t-bar row"), ("face-pulls", "face pull"),
        ("smith machine squat", "squat"), ("db shrugs", "shrug"),
    ],
)  # fmt: skip
def test_common_spellings_resolve(written, name):
    """Abbreviations, plurals, capitals, apostrophes, modifiers and app names all resolve."""
    found = resolve(written)
    assert found is not None
    assert found.name == name


@pytest.mark.parametrize(
    ("typo", "name"),
    [
        ("sqaut", "squat"), ("benhc", "bench press"), ("deadlfit", "deadlift"),
        ("dedlift", "deadlift"), ("bulgarain split squat", "bulgarian split squat"),
        ("romainan deadlift", "romanian deadlift"), ("lat pulldwon", "lat pulldown"),
        ("hammer crul", "hammer curl"), ("tricep pushdwn", "tricep pushdown"),
        ("overhead pres", "overhead press"), ("shrgs", "shrug"), ("lunqe", "lunge"),
        ("pendley row", "pendlay row"), ("kettlebel swing", "kettlebell swing"),
    ],
)  # fmt: skip
def test_typos_within_two_edits_resolve(typo, name):
    """Names with one or two typing errors (fewer for short names) still resolve."""
    found = resolve(typo)
    assert found is not None
    assert found.name == name


@pytest.mark.parametrize(
    "word", ["xyzzy", "banana", "zercher squat", "sandwich", "swimming", "yoga", "sleep", "plan",
             "bq", "oqp", "the", "kg", ""],
)  # fmt: skip
def test_far_off_words_do_not_resolve(word):
    """Words that are not near any exercise name resolve to nothing."""
    assert resolve(word) is None


def test_fuzzy_can_be_switched_off():
    """With fuzzy=False only exact (normalised) names resolve."""
    assert resolve("sqaut", fuzzy=False) is None
    assert resolve("Squats", fuzzy=False) == CATALOG["squat"]


def test_bare_row_is_barbell_row_in_the_catalog():
    """Bare "row" means barbell row; the parser switches it to the erg for distances and times."""
    assert resolve("row") == CATALOG["barbell row"]
    assert resolve("rowing") == CATALOG["rowing machine"]


@pytest.mark.parametrize(
    ("written", "expected_first"),
    [("zercher squat", "squat"), ("benchh pressss", "bench press"), ("deadlifft", "deadlift"),
     ("leg presss machine", "leg press")],
)  # fmt: skip
def test_suggest_offers_the_closest_names_first(written, expected_first):
    """Suggestions for unknown or mistyped names start with the closest exercise."""
    suggestions = suggest(written)
    assert suggestions
    assert suggestions[0] == expected_first
    assert len(suggestions) <= 3


def test_suggest_returns_nothing_for_gibberish_and_respects_limit():
    """Gibberish gets no suggestions and the limit caps the list."""
    assert suggest("qwxzv") == []
    assert len(suggest("curl", limit=2)) <= 2
    assert suggest("curl", limit=0) == []


def test_custom_exercise_is_validated_and_resolvable():
    """A valid custom exercise is built in lower case and resolves by name and alias."""
    mine = custom_exercise("Zercher Squat", "squat", ("quads",), ("abs",), aliases=("Zerchers",))
    assert mine.name == "zercher squat"
    assert mine.aliases == ("zerchers",)
    assert resolve("zercher squats", custom=[mine]) == mine
    assert resolve("zerchers", custom=[mine]) == mine
    assert resolve("zercher sqat", custom=[mine]) == mine
    assert "zercher squat" in suggest("zercher sq", custom=[mine])
    assert resolve("bench", custom=[mine]) == CATALOG["bench press"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 61}, "name"),
        ({"name": "123"}, "name"),
        ({"name": "Bench"}, "already in the catalog"),
        ({"name": "sled push", "pattern": "pushing"}, "movement pattern"),
        ({"name": "sled push", "primary": ("forearms",)}, "muscle group"),
        ({"name": "sled push", "equipment": "sled"}, "equipment"),
        ({"name": "sled push", "kind": "fun"}, "kind"),
    ],
)
def test_custom_exercise_rejects_bad_fields(kwargs, message):
    """Invalid names, patterns, muscles, equipment or kinds raise a friendly CatalogError."""
    with pytest.raises(CatalogError, match=message):
        custom_exercise(**kwargs)


@pytest.mark.parametrize(
    ("a", "b", "cutoff", "expected"),
    [("squat", "squat", 2, 0), ("sqaut", "squat", 2, 1), ("sqat", "squat", 2, 1),
     ("abc", "xyz", 2, 3), ("abc", "abcdefgh", 2, 3), ("", "ab", 2, 2)],
)  # fmt: skip
def test_edit_distance(a, b, cutoff, expected):
    """Transpositions cost one edit and distances above the cutoff report cutoff + 1."""
    assert edit_distance(a, b, cutoff) == expected
