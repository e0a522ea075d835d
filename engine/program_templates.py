"""Split templates: the week's day types, which main patterns go where, and exercise choice.

A *main pattern* is the movement pattern of a session's main lift(s): the heavy compounds that
get a %1RM, warm-ups and load progression. The week is treated as a cycle (its last day is
followed by the next week's first), and main patterns are placed so that no pattern is a main
on two consecutive training days and none is a main on more than two days a week.
Accessories in those patterns are lighter work and do not count as mains.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations

from engine.catalog import CATALOG, Exercise

MAIN_PATTERNS = (
    "squat", "hinge", "horizontal push", "vertical push", "horizontal pull", "vertical pull",
)  # fmt: skip
_REGION = {
    "squat": "lower", "hinge": "lower", "horizontal push": "push", "vertical push": "push",
    "horizontal pull": "pull", "vertical pull": "pull",
}  # fmt: skip
_LOWER = ("quads", "hamstrings", "glutes", "calves", "abs")
_PUSH = ("chest", "front delts", "side delts", "triceps")
_PULL = ("back", "rear delts", "biceps", "traps")

# Day type → (candidate main patterns in preference order, muscles its accessories may train).
DAY_PLANS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "upper": (MAIN_PATTERNS[2:], _PUSH + _PULL + ("abs",)),
    "lower": (MAIN_PATTERNS[:2], _LOWER),
    "push": (MAIN_PATTERNS[2:4], _PUSH),
    "pull": (MAIN_PATTERNS[4:], _PULL),
    "legs": (MAIN_PATTERNS[:2], _LOWER),
    "full": (MAIN_PATTERNS, _LOWER + _PUSH + _PULL),
}
# Hybrid defaults mix upper/lower with push/pull/legs (PHUL/PHAT style).
HYBRID_DAYS: dict[int, tuple[str, ...]] = {
    2: ("upper", "lower"),
    3: ("upper", "lower", "full"),
    4: ("push", "pull", "legs", "full"),
    5: ("upper", "lower", "push", "pull", "legs"),
    6: ("upper", "lower", "push", "pull", "legs", "full"),
}
_NAMES = {"upper": "Upper", "lower": "Lower", "push": "Push", "pull": "Pull", "legs": "Legs",
          "full": "Full body"}  # fmt: skip
_SEARCH_BUDGET = 20_000  # nodes; the search is tiny, this only bounds pathological inputs
# Barbells first for mains (loadable, precise); machines and cables first for accessories.
_MAIN_RANK = ("barbell", "trap bar", "dumbbell", "machine", "cable", "kettlebell", "bodyweight")
_ACCESSORY_RANK = (
    "dumbbell",
    "cable",
    "machine",
    "barbell",
    "kettlebell",
    "trap bar",
    "bodyweight",
)


def day_types(split: str, days: int, custom: Sequence[str] | None = None) -> tuple[str, ...]:
    """Return the week's day types for a split, e.g. ("upper", "lower", "upper", "lower")."""
    if custom:
        return tuple(custom)
    if split == "upper_lower":
        return tuple("upper" if i % 2 == 0 else "lower" for i in range(days))
    if split == "ppl":
        return tuple(("push", "pull", "legs")[i % 3] for i in range(days))
    if split == "full_body":
        return ("full",) * days
    return HYBRID_DAYS[days]


def session_names(types: Sequence[str]) -> tuple[str, ...]:
    """Name each day by its type and occurrence: "Upper A", "Lower A", "Upper B"..."""
    seen: dict[str, int] = {}
    names = []
    for kind in types:
        seen[kind] = seen.get(kind, 0) + 1
        names.append(f"{_NAMES[kind]} {chr(ord('A') + seen[kind] - 1)}")
    return tuple(names)


def _options(kind: str, per_session: int, allowed: frozenset[str]) -> list[tuple[str, ...]]:
    """List pattern sets a day may take as mains, best first (mixed regions, preferred order)."""
    patterns = [p for p in DAY_PLANS[kind][0] if p in allowed]
    found: list[tuple[str, ...]] = []
    for size in range(per_session, 0, -1):
        combos = list(combinations(patterns, size))
        combos.sort(key=lambda c: -len({_REGION[p] for p in c}))  # stable: keeps preference
        found += combos
    return found


@lru_cache(maxsize=256)
def schedule_mains(
    types: tuple[str, ...],
    per_session: int,
    max_per_week: int = 2,
    allowed: frozenset[str] = frozenset(MAIN_PATTERNS),
) -> tuple[tuple[str, ...], ...]:
    """Choose each day's main patterns: most mains in total, every day at least one if possible.

    Constraints: adjacent days (cyclically) share no main pattern; a pattern is a main on at
    most ``max_per_week`` days; only ``allowed`` patterns (those the equipment permits) are
    used. Depth-first search with a bound; deterministic.
    """
    n = len(types)
    best: list[list[tuple[str, ...]]] = [[() for _ in types]]
    best_score = [-1]
    budget = [_SEARCH_BUDGET]

    def score(plan: list[tuple[str, ...]]) -> int:
        distinct = len({p for day in plan for p in day})
        return 1000 * sum(1 for day in plan if day) + 10 * sum(map(len, plan)) + distinct

    def clash(i: int, choice: tuple[str, ...], plan: list[tuple[str, ...]]) -> bool:
        neighbours = {(i - 1) % n, (i + 1) % n} if n > 1 else set()
        taken = {p for j in neighbours if j < len(plan) for p in plan[j]}
        return bool(taken & set(choice))

    def walk(plan: list[tuple[str, ...]], uses: dict[str, int]) -> None:
        budget[0] -= 1
        i = len(plan)
        if i == n:
            if score(plan) > best_score[0]:
                best[0], best_score[0] = list(plan), score(plan)
            return
        ceiling = score(plan) + (n - i) * (1000 + 10 * per_session) + len(MAIN_PATTERNS)
        if budget[0] <= 0 or ceiling <= best_score[0]:
            return
        for choice in [*_options(types[i], per_session, allowed), ()]:
            if any(uses.get(p, 0) >= max_per_week for p in choice) or clash(i % n, choice, plan):
                continue
            for p in choice:
                uses[p] = uses.get(p, 0) + 1
            walk([*plan, choice], uses)
            for p in choice:
                uses[p] -= 1

    walk([], {})
    return tuple(best[0])


def usable(exercise: Exercise, available: frozenset[str]) -> bool:
    """Return True for strength exercises the athlete has the equipment for."""
    return (
        exercise.kind == "strength"
        and exercise.equipment in available
        and exercise.pattern not in ("olympic", "cardio", "carry")
    )


def main_choices(pattern: str, available: frozenset[str]) -> list[Exercise]:
    """Rank the exercises for a main pattern: loadable equipment first, then catalog order."""
    found = [e for e in CATALOG.values() if e.pattern == pattern and usable(e, available)]
    return sorted(
        found, key=lambda e: _MAIN_RANK.index(e.equipment) if e.equipment in _MAIN_RANK else 99
    )


def accessory_choices(muscle: str, available: frozenset[str]) -> list[Exercise]:
    """Rank exercises training a muscle directly: most targeted first, then handy equipment."""
    found = [e for e in CATALOG.values() if muscle in e.primary and usable(e, available)]

    def key(e: Exercise) -> tuple[int, int]:
        rank = _ACCESSORY_RANK.index(e.equipment) if e.equipment in _ACCESSORY_RANK else 99
        return (len(e.primary) + len(e.secondary), rank)

    return sorted(found, key=key)
