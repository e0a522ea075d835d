"""The exercise catalog: canonical names, alias lookup with typo tolerance, custom exercises."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from engine.catalog_data import ROWS
from engine.catalog_match import (
    COMMON_WORDS,
    EQUIPMENT_WORDS,
    MODIFIERS,
    PAREN,
    SPACES,
    edit_distance,
    normalise_name,
)
from engine.errors import EngineError
from engine.landmarks import MUSCLE_GROUPS

PATTERNS = (
    "squat", "hinge", "lunge", "horizontal push", "vertical push", "horizontal pull",
    "vertical pull", "carry", "core", "olympic", "isolation", "cardio",
)  # fmt: skip
EQUIPMENT = (
    "barbell", "dumbbell", "machine", "cable", "bodyweight", "kettlebell", "trap bar",
    "cardio machine", "none",
)  # fmt: skip
KINDS = ("strength", "timed", "cardio")


class CatalogError(EngineError):
    """A custom exercise could not be created from the details given."""


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise: how it is named, which pattern it trains and which muscles it loads."""

    name: str
    aliases: tuple[str, ...]
    pattern: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    bodyweight: bool
    equipment: str
    kind: str = "strength"


def _plural(name: str) -> str:
    if name.endswith(("ss", "sh", "ch", "x")):
        return name + "es"
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def _split(field: str) -> tuple[str, ...]:
    return tuple(part for part in field.split("|") if part)


def _build(row: tuple[str, str, str, str, str, bool, str, str]) -> Exercise:
    name, aliases, pattern, primary, secondary, bodyweight, equipment, kind = row
    extra = () if kind == "cardio" else (_plural(name),)
    all_aliases = tuple(dict.fromkeys((*_split(aliases), *extra)))
    return Exercise(name, all_aliases, pattern, _split(primary), _split(secondary),
                    bodyweight, equipment, kind)  # fmt: skip


CATALOG: dict[str, Exercise] = {row[0]: _build(row) for row in ROWS}


def _index(exercises: Iterable[Exercise]) -> dict[str, Exercise]:
    index: dict[str, Exercise] = {}
    for exercise in exercises:
        for alias in (exercise.name, *exercise.aliases):
            index.setdefault(normalise_name(alias), exercise)
    return index


_INDEX = _index(CATALOG.values())
ALIAS_KEYS: frozenset[str] = frozenset(_INDEX)
MAX_ALIAS_WORDS = max(len(key.split()) for key in _INDEX)


def alias_index(custom: Sequence[Exercise] = ()) -> dict[str, Exercise]:
    """Map every normalised name and alias to its exercise; custom exercises take precedence."""
    return {**_INDEX, **_index(custom)} if custom else _INDEX


def _allowed_edits(key: str) -> int:
    if len(key) < 4:
        return 0
    return 1 if len(key) < 8 else 2


def _fuzzy(key: str, index: dict[str, Exercise]) -> Exercise | None:
    allowed = _allowed_edits(key)
    if allowed == 0 or key in COMMON_WORDS:
        return None
    best: dict[int, set[str]] = {}
    found: dict[str, Exercise] = {}
    for alias, exercise in index.items():
        if len(alias) < 4:
            continue
        distance = edit_distance(key, alias, allowed)
        if distance <= allowed:
            best.setdefault(distance, set()).add(exercise.name)
            found[exercise.name] = exercise
    if not best:
        return None
    names = best[min(best)]
    # Two different exercises equally close: refuse to guess, suggest() will offer both.
    return found[next(iter(names))] if len(names) == 1 else None


def _candidates(name: str) -> list[str]:
    text = name.lower()
    inside = " ".join(PAREN.findall(text))
    outside = PAREN.sub(" ", text)
    keys = [normalise_name(f"{inside} {outside}"), normalise_name(f"{outside} {inside}")]
    plain = [SPACES.sub(" ", MODIFIERS.sub(" ", k)).strip() for k in keys]
    bare = [SPACES.sub(" ", EQUIPMENT_WORDS.sub(" ", k)).strip() for k in plain]
    # Last resort: the words outside any parentheses, e.g. "pushdown (cable - straight bar)".
    outer = [normalise_name(outside)] if inside else []
    return [k for k in dict.fromkeys([*keys, *plain, *bare, *outer]) if k]


def _lookup(name: str, index: dict[str, Exercise], fuzzy: bool) -> Exercise | None:
    candidates = _candidates(name)
    for key in candidates:
        if key in index:
            return index[key]
    if not fuzzy:
        return None
    for key in candidates:
        hit = _fuzzy(key, index)
        if hit is not None:
            return hit
    return None


@lru_cache(maxsize=4096)
def _resolve_builtin(name: str, fuzzy: bool) -> Exercise | None:
    return _lookup(name, _INDEX, fuzzy)


def resolve(name: str, custom: Sequence[Exercise] = (), fuzzy: bool = True) -> Exercise | None:
    """Find the exercise a name refers to.

    Args:
        name: What the user wrote, e.g. "Paused Bench (Barbell)" or "sqaut".
        custom: The user's own exercises; they are matched before the built-in catalog.
        fuzzy: Whether to tolerate 1-2 typing errors (scaled to the name's length).

    Returns:
        The matching exercise, or None when nothing is close enough or two are equally close.
    """
    if len(name) > 200:
        return None
    if custom:
        hit = _lookup(name, _index(custom), fuzzy=False)
        if hit is not None:
            return hit
    hit = _resolve_builtin(name, False)
    if hit is not None or not fuzzy:
        return hit
    if custom:
        return _lookup(name, {**_INDEX, **_index(custom)}, fuzzy=True)
    return _resolve_builtin(name, True)


def suggest(name: str, custom: Sequence[Exercise] = (), limit: int = 3) -> list[str]:
    """List "did you mean" names for an unknown exercise, best first.

    Args:
        name: The name that did not resolve.
        custom: The user's own exercises, offered alongside the built-in ones.
        limit: How many names to return at most.

    Returns:
        Canonical (or custom) names, closest first; empty when nothing is near.
    """
    key = normalise_name(name[:200])
    if not key or limit <= 0:
        return []
    cutoff = max(2, len(key) // 3)
    scores: dict[str, float] = {}
    for alias, exercise in {**_INDEX, **_index(custom)}.items():
        score = min(edit_distance(key, alias, cutoff), _part_score(key, alias))
        if score <= cutoff:
            scores[exercise.name] = min(score, scores.get(exercise.name, score))
    return sorted(scores, key=lambda n: (scores[n], n))[:limit]


def _part_score(key: str, alias: str) -> float:
    """Score an alias found (near enough) inside a longer name: 'zercher squatz' ~ 'squat'."""
    words, size = key.split(), len(alias.split())
    if len(alias) < 4 or size >= len(words):
        return float("inf")
    best = min(
        edit_distance(" ".join(words[k : k + size]), alias, 1)
        for k in range(len(words) - size + 1)
    )
    return 1.5 + best if best <= 1 else float("inf")


def _check(values: Iterable[str], allowed: Sequence[str], what: str) -> None:
    for value in values:
        if value not in allowed:
            raise CatalogError(f"Unknown {what} '{value}'. Choose from: {', '.join(allowed)}.")


def custom_exercise(
    name: str,
    pattern: str = "isolation",
    primary: Sequence[str] = (),
    secondary: Sequence[str] = (),
    *,
    aliases: Sequence[str] = (),
    bodyweight: bool = False,
    equipment: str = "none",
    kind: str = "strength",
) -> Exercise:
    """Build a user's own exercise after checking every field.

    Args:
        name: The name to log it under (kept in lower case).
        pattern: One of PATTERNS.
        primary: Muscle groups it mainly trains (from MUSCLE_GROUPS).
        secondary: Muscle groups it trains less.
        aliases: Other names the user may type for it.
        bodyweight: Whether the user's body is the load (like pull-ups).
        equipment: One of EQUIPMENT.
        kind: "strength", "timed" or "cardio".

    Returns:
        The validated exercise.

    Raises:
        CatalogError: A field is invalid, or the name already belongs to a built-in exercise.
    """
    clean = SPACES.sub(" ", name.strip().lower())
    if not normalise_name(clean) or len(clean) > 60 or not re.search(r"[a-z]", clean):
        raise CatalogError("Give the exercise a name of 1 to 60 characters, with letters in it.")
    taken = _resolve_builtin(clean, False)
    if taken is not None:
        raise CatalogError(f"'{clean}' is already in the catalog as '{taken.name}'.")
    _check([pattern], PATTERNS, "movement pattern")
    _check([equipment], EQUIPMENT, "equipment")
    _check([kind], KINDS, "kind")
    _check([*primary, *secondary], MUSCLE_GROUPS, "muscle group")
    extra = tuple(dict.fromkeys(a.strip().lower() for a in aliases if a.strip()))
    return Exercise(clean, extra, pattern, tuple(primary), tuple(secondary),
                    bodyweight, equipment, kind)  # fmt: skip
