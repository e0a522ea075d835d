"""Map FIT strength ``set`` messages to working sets with the project's exercise names.

Garmin writes an exercise ``category`` (bench_press, squat, row, …) and a ``category_subtype``
numbering an exercise inside it (barbell_front_squat, …). Newer watches write up to three
guesses per set; the first is the watch's best. A subtype's FIT name is matched against
keyword rules, then the category's own default applies. Categories that are too broad to name
one lift (row, core, triceps extension without a subtype, …) map to None so the bot can ask.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from fitdecode.profile import FIELD_TYPES

from engine.fit.activity import StrengthSet
from engine.fit.model import SetMsg

UNKNOWN_CATEGORY = 65534

CATEGORY_DEFAULTS: dict[str, str] = {
    "bench_press": "bench press",
    "calf_raise": "calf raise",
    "carry": "farmer's carry",
    "curl": "bicep curl",
    "deadlift": "deadlift",
    "flye": "chest fly",
    "hip_swing": "kettlebell swing",
    "hyperextension": "back extension",
    "lateral_raise": "lateral raise",
    "leg_curl": "leg curl",
    "lunge": "lunge",
    "plank": "plank",
    "pull_up": "pull-up",
    "push_up": "push-up",
    "shoulder_press": "overhead press",
    "shrug": "shrug",
    "squat": "squat",
    "indoor_row": "rowing machine",
    "indoor_bike": "stationary bike",
    "run": "running",
    "run_indoor": "running",
}

# (category, words that must all appear in the FIT exercise name, canonical name or None);
# the first matching rule wins, so specific rules come before general ones.
SUBTYPE_RULES: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("bench_press", ("close_grip",), "close-grip bench press"),
    ("bench_press", ("incline", "dumbbell"), "incline dumbbell press"),
    ("bench_press", ("incline",), "incline bench press"),
    ("bench_press", ("dumbbell",), "dumbbell bench press"),
    ("squat", ("leg_press",), "leg press"),
    ("squat", ("front",), "front squat"),
    ("squat", ("goblet",), "goblet squat"),
    ("squat", ("hack",), "hack squat"),
    ("squat", ("split",), None),
    ("squat", ("jump",), None),
    ("lunge", ("bulgarian",), "bulgarian split squat"),
    ("deadlift", ("romanian",), "romanian deadlift"),
    ("deadlift", ("sumo", "high_pull"), None),
    ("deadlift", ("sumo",), "sumo deadlift"),
    ("deadlift", ("trap_bar",), "trap bar deadlift"),
    ("row", ("t_bar",), "t-bar row"),
    ("row", ("inverted",), "inverted row"),
    ("row", ("cable",), "seated cable row"),
    ("row", ("dumbbell",), "dumbbell row"),
    ("row", ("barbell",), "barbell row"),
    ("curl", ("hammer",), "hammer curl"),
    ("curl", ("preacher",), "preacher curl"),
    ("triceps_extension", ("pressdown",), "tricep pushdown"),
    ("triceps_extension", ("overhead",), "overhead tricep extension"),
    ("triceps_extension", ("lying",), "skull crusher"),
    ("pull_up", ("lat_pulldown",), "lat pulldown"),
    ("pull_up", ("chin_up",), "chin-up"),
    ("shoulder_press", ("arnold",), "arnold press"),
    ("shoulder_press", ("push_press",), "push press"),
    ("shoulder_press", ("dumbbell",), "dumbbell shoulder press"),
    ("hip_raise", ("hip_thrust",), "hip thrust"),
    ("leg_raise", ("hanging",), "hanging leg raise"),
    ("core", ("ab_wheel",), "ab wheel rollout"),
    ("core", ("rollout",), "ab wheel rollout"),
    ("olympic_lift", ("clean_and_jerk",), "clean and jerk"),
    ("olympic_lift", ("snatch",), "snatch"),
    ("olympic_lift", ("power_clean",), "power clean"),
    ("flye", ("rear",), "rear delt fly"),
    ("flye", ("reverse",), "rear delt fly"),
    ("lateral_raise", ("rear",), "rear delt fly"),
    ("lateral_raise", ("bent_over",), "rear delt fly"),
)

_CATEGORIES: dict[int, str] = FIELD_TYPES["exercise_category"].enum


def _first(value: object) -> object:
    """Return the watch's best guess when it wrote several."""
    if isinstance(value, tuple):
        return value[0] if value else None
    return value


def category_name(category: object) -> str | None:
    """Return the FIT category name for a number or name; None when unknown or missing."""
    category = _first(category)
    if isinstance(category, str):
        return category if category != "unknown" else None
    if isinstance(category, int) and category != UNKNOWN_CATEGORY:
        return _CATEGORIES.get(category)
    return None


def exercise_name(category: str, subtype: object) -> str | None:
    """Return the FIT name of a subtype inside a category (e.g. 'barbell_front_squat')."""
    if isinstance(subtype, str):
        return subtype
    names = FIELD_TYPES.get(f"{category}_exercise_name")
    if not isinstance(subtype, int) or names is None or names.enum is None:
        return None
    return names.enum.get(subtype)


def canonical_exercise(category: object, subtype: object = None) -> str | None:
    """Return the project's exercise name for a FIT category/subtype, or None if unsure.

    Args:
        category: FIT exercise category, as number, name or a tuple of guesses.
        subtype: FIT category subtype, same forms.

    Returns:
        A SETLOG §3 canonical name, or None for unknown or ambiguous categories.
    """
    name = category_name(category)
    if name is None:
        return None
    detail = exercise_name(name, _first(subtype))
    if detail is not None:
        for rule_category, words, canonical in SUBTYPE_RULES:
            if rule_category == name and all(w in detail for w in words):
                return canonical
    return CATEGORY_DEFAULTS.get(name)


def strength_sets(sets: Iterable[SetMsg]) -> tuple[StrengthSet, ...]:
    """Return the active sets (rest periods dropped) in time order."""
    active = [s for s in sets if s.active]
    active.sort(key=lambda s: s.start_s if s.start_s is not None else 0.0)
    result = []
    for s in active:
        category = category_name(s.category)
        result.append(
            StrengthSet(
                start_time=datetime.fromtimestamp(s.start_s, UTC) if s.start_s else None,
                duration_s=s.duration_s,
                reps=s.reps,
                weight_kg=s.weight_kg,
                exercise=canonical_exercise(s.category, s.subtype),
                fit_category=category,
                fit_exercise=exercise_name(category, _first(s.subtype)) if category else None,
            )
        )
    return tuple(result)
