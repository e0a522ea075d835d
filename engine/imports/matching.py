"""Matching an export's exercise names ("Bench Press (Barbell)") to the catalog."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from engine.catalog import Exercise, resolve, suggest


@dataclass(frozen=True, slots=True)
class ExerciseMatch:
    """One distinct name of a file: the catalog exercise it is, or suggestions to choose from."""

    name: str
    exercise: Exercise | None
    suggestions: tuple[str, ...]


def match_exercises(names: Iterable[str], custom: Sequence[Exercise] = ()) -> list[ExerciseMatch]:
    """Match each distinct name once; unmatched ones carry up to three catalog suggestions."""
    matches = []
    for name in dict.fromkeys(names):
        hit = resolve(name, custom)
        matches.append(
            ExerciseMatch(name, hit, () if hit else tuple(suggest(name, custom, limit=3)))
        )
    return matches
