"""What a logged set may hold: limits per exercise family, and names a custom exercise may take.

Every way a set reaches the logbook (a parsed message, a follow-up, an edit, an answer to a
question, "Same again") is checked here, so an absurd number is explained and never stored.
Load limits sit well above the heaviest lifts on record, so no real set is ever refused.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.errors import ImplausibleValueError

if TYPE_CHECKING:
    from engine.catalog import Exercise

KG_PER_LB = 0.45359237  # exact; kept here so the catalog can import this module
MAX_REPS = 100
MAX_CARDIO_REPS = 10_000  # skips of a jump rope, strokes of a rower
MAX_DURATION_S = 24 * 3600
MAX_DISTANCE_M = 1_000_000
MAX_EFFORT = 10.0
MAX_ADDED_KG = 250.0  # on a bodyweight exercise; the weighted pull-up record is near 130 kg
MAX_ASSIST_KG = 300.0  # assistance never exceeds the heaviest body


@dataclass(frozen=True, slots=True)
class Family:
    """Exercises that share a load limit, and what the limit rests on."""

    name: str
    heaviest_kg: float
    basis: str


FAMILIES = {f.name: f for f in (
    Family("squat", 650, "the squat record is about 600 kg"),
    Family("hinge", 600, "the deadlift record is 505 kg"),
    Family("lunge", 400, "far above any lunge or split squat"),
    Family("horizontal push", 400, "the bench press record is about 355 kg"),
    Family("vertical push", 300, "the log press record is about 230 kg"),
    Family("olympic", 300, "the clean and jerk record is 267 kg"),
    Family("pull", 350, "far above any row or pulldown"),
    Family("isolation", 400, "more than the heaviest shrugs"),
    Family("carry", 250, "per hand; farmer's walk records are near 200 kg"),
    Family("dumbbell", 150, "per dumbbell or kettlebell, the heaviest made"),
    Family("machine", 1500, "a loaded leg-press sled"),
    Family("cardio", 250, "a loaded carry, sled or vest"),
    Family("bodyweight", MAX_ADDED_KG, "added; the weighted pull-up record is near 130 kg"),
    Family("other", 1500, "for your own exercises, as much as a leg-press sled"),
)}  # fmt: skip
_BY_PATTERN = {
    "squat": "squat", "hinge": "hinge", "lunge": "lunge", "horizontal push": "horizontal push",
    "vertical push": "vertical push", "olympic": "olympic", "horizontal pull": "pull",
    "vertical pull": "pull", "isolation": "isolation", "core": "isolation", "carry": "carry",
    "cardio": "cardio",
}  # fmt: skip


def family_of(exercise: Exercise | None) -> Family:
    """The load family of an exercise (None: a custom one, which gets the widest limit)."""
    if exercise is None:
        return FAMILIES["other"]
    if exercise.bodyweight:
        return FAMILIES["bodyweight"]
    if exercise.kind != "strength":
        return FAMILIES["cardio"]
    if exercise.pattern == "carry":
        return FAMILIES["carry"]
    if exercise.equipment == "machine":
        return FAMILIES["machine"]
    if exercise.equipment in ("dumbbell", "kettlebell") and exercise.pattern not in (
        "squat", "lunge", "hinge",
    ):  # fmt: skip
        return FAMILIES["dumbbell"]
    return FAMILIES[_BY_PATTERN.get(exercise.pattern, "other")]


def heaviest_kg(exercise: Exercise | None) -> float:
    """The heaviest external load accepted for one set of an exercise, in kg."""
    return family_of(exercise).heaviest_kg


def _shown(value: float, unit: str | None) -> str:
    number = f"{value:,.10g}" if abs(value) < 1e15 else "an enormous number"
    return f"{number} {unit}" if unit and abs(value) < 1e15 else number


def _in_kg(value: float, unit: str | None) -> float:
    """A load in kg; without a unit, read as pounds (the lighter reading) to be lenient."""
    return value if unit == "kg" else value * KG_PER_LB


def _refuse(reason: str) -> ImplausibleValueError:
    return ImplausibleValueError(f"{reason} Nothing was saved; check it and send it again.")


def check_set(
    exercise: Exercise | None,
    *,
    weight: float | None = None,
    added: float | None = None,
    unit: str | None = None,
    reps: float | None = None,
    duration_s: float | None = None,
    distance_m: float | None = None,
    rpe: float | None = None,
    rir: float | None = None,
) -> None:
    """Refuse a set that holds a value no real set can have.

    Args:
        exercise: The catalog exercise, or None for a custom one.
        weight: External load in ``unit``.
        added: Added (+) or assisting (-) load of a bodyweight set, in ``unit``.
        unit: "kg", "lb", or None when the user wrote none (then the lenient reading).
        reps, duration_s, distance_m, rpe, rir: The set's other values.

    Raises:
        ImplausibleValueError: A value is not finite, not positive where it must be, or
            beyond the limits above; the message says which and why.
    """
    values = (weight, added, reps, duration_s, distance_m, rpe, rir)
    if any(v is not None and not math.isfinite(v) for v in values):
        raise _refuse("That isn't a number I can log (not finite).")
    _check_load(exercise, weight, added, unit)
    if reps is not None:
        if reps != int(reps) or reps < 1:
            raise _refuse(f"{_shown(reps, None)} reps is not a set: reps are 1 or more.")
        most = MAX_CARDIO_REPS if exercise is not None and exercise.kind == "cardio" else MAX_REPS
        if reps > most:
            raise _refuse(f"{_shown(reps, None)} reps in one set is more than I log "
                          f"(at most {most:,}).")  # fmt: skip
    if duration_s is not None and not 0 < duration_s <= MAX_DURATION_S:
        raise _refuse("A set's time is more than zero and at most a day.")
    if distance_m is not None and not 0 < distance_m <= MAX_DISTANCE_M:
        raise _refuse("A set's distance is more than zero and at most 1,000 km.")
    if rpe is not None and not 0 <= rpe <= MAX_EFFORT:
        raise _refuse("RPE goes from 1 to 10.")
    if rir is not None and not 0 <= rir <= MAX_EFFORT:
        raise _refuse("Reps in reserve go from 0 to 10.")


def _check_load(
    exercise: Exercise | None, weight: float | None, added: float | None, unit: str | None
) -> None:
    name = exercise.name if exercise is not None else "this exercise"
    if weight is not None:
        family = family_of(exercise)
        if weight < 0:
            raise _refuse(f"A load of {_shown(weight, unit)} can't be negative.")
        if _in_kg(weight, unit) > family.heaviest_kg:
            raise _refuse(
                f"{_shown(weight, unit)} on {name} is more than anyone has lifted "
                f"(I accept up to {family.heaviest_kg:,.0f} kg; {family.basis})."
            )
    if added is not None:
        limit = MAX_ADDED_KG if added > 0 else MAX_ASSIST_KG
        if abs(_in_kg(added, unit)) > limit:
            what = "added to" if added > 0 else "of assistance on"
            raise _refuse(f"{_shown(abs(added), unit)} {what} {name} is beyond belief "
                          f"(I accept up to {limit:,.0f} kg).")  # fmt: skip


# Names a custom exercise may take: letters (and spaces, hyphens, apostrophes between them).
MIN_NAME_LETTERS = 3
MAX_NAME_CHARS = 40
_NAME = re.compile(r"[a-z]+(?:['-]?[a-z]+)*(?: [a-z]+(?:['-]?[a-z]+)*)*")
_VOWEL = re.compile(r"[aeiouy]")
_RUN = re.compile(r"([a-z])\1\1")  # three of one letter in a row: no exercise is spelt so
STOP_WORDS = frozenset((
    "a", "an", "and", "or", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from",
    "as", "is", "are", "was", "were", "be", "it", "its", "this", "that", "these", "those",
    "i", "me", "my", "you", "your", "we", "our", "he", "she", "they", "them", "his", "her",
    "not", "no", "yes", "but", "if", "then", "than", "so", "too", "very", "just", "also",
    "ok", "okay", "hi", "hey", "hello", "thanks", "thank", "lol", "haha", "what", "how", "why",
    "when", "where", "who", "which", "some", "any", "all", "more", "less", "one", "two",
    "done", "did", "got", "set", "sets", "rep", "reps", "kg", "kgs", "lb", "lbs", "today",
    "none", "true", "false", "test", "asdf", "qwerty", "lorem", "ipsum", "foo", "bar", "baz",
))  # fmt: skip
# Words from markup and code that turn up in pasted or malicious text; never an exercise.
CODE_WORDS = frozenset((
    "script", "javascript", "alert", "onerror", "onload", "iframe", "img", "src", "href",
    "http", "https", "www", "html", "div", "span", "svg", "eval", "exec", "cookie", "document",
    "select", "union", "insert", "truncate", "admin", "passwd", "password", "sql", "xss",
    "onclick", "onmouseover", "alter", "exists", "null", "undefined", "nan", "inf",
    "infinity",
))  # fmt: skip


def name_problem(name: str) -> str | None:
    """Why a name cannot become a custom exercise, or None when it can.

    A name is letters (words joined by spaces, hyphens or apostrophes), at least three of
    them, at most 40 characters, with a vowel, no letter three times in a row, and not made
    of stop words or markup/code words.
    """
    clean = " ".join(name.lower().split())
    words = clean.split(" ")
    if not clean or len(clean) > MAX_NAME_CHARS:
        return f"An exercise name has 3 to {MAX_NAME_CHARS} characters."
    if not _NAME.fullmatch(clean):
        return "An exercise name is made of letters only."
    if sum(c.isalpha() for c in clean) < MIN_NAME_LETTERS or not _VOWEL.search(clean):
        return "That is too short to be an exercise name."
    if _RUN.search(clean):
        return "That doesn't look like an exercise name."
    bare = [w.strip("'-") for w in words]
    if all(w in STOP_WORDS for w in bare) or any(w in CODE_WORDS for w in bare):
        return "That doesn't look like an exercise name."
    return None
