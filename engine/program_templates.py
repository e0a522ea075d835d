"""Split templates: the week's day types, which main patterns go where, and exercise choice.

A *main pattern* is the movement pattern of a session's main lift(s): the heavy compounds that
get a %1RM, warm-ups and load progression. The week is treated as a cycle (its last day is
followed by the next week's first), and main patterns are placed so that no pattern is a main
on two consecutive training days and none is a main on more than two days a week.
Accessories in those patterns are lighter work and do not count as mains.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
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


Plan = tuple[tuple[str, ...], ...]


def _score(plan: Plan) -> int:
    """Rank plans: days with a main first, then total mains, then distinct patterns."""
    distinct = len({p for day in plan for p in day})
    return 1000 * sum(1 for day in plan if day) + 10 * sum(map(len, plan)) + distinct


@dataclass(slots=True)
class _Search:
    """Bounded depth-first search over each day's main-pattern choice."""

    options: list[list[tuple[str, ...]]]  # per day, best first, ending with "no main"
    max_per_week: int
    per_session: int
    budget: int = _SEARCH_BUDGET
    best: Plan = ()
    best_score: int = -1

    def clashes(self, choice: tuple[str, ...], plan: Plan) -> bool:
        """Return True if ``choice`` repeats a neighbour's main (the week wraps around)."""
        n, i = len(self.options), len(plan)
        neighbours = {(i - 1) % n, (i + 1) % n} if n > 1 else set()
        return any(set(plan[j]) & set(choice) for j in neighbours if j < i)

    def walk(self, plan: Plan, uses: Counter[str]) -> None:
        """Extend ``plan`` day by day, keeping the best complete plan seen."""
        self.budget -= 1
        days_left = len(self.options) - len(plan)
        if not days_left:
            if _score(plan) > self.best_score:
                self.best, self.best_score = plan, _score(plan)
            return
        most = 1000 + 10 * self.per_session  # the most one more day can add
        ceiling = _score(plan) + days_left * most + len(MAIN_PATTERNS)
        perfect = len(self.options) * most + len(MAIN_PATTERNS)
        if self.budget <= 0 or ceiling <= self.best_score or self.best_score >= perfect:
            return
        for choice in self.options[len(plan)]:
            if any(uses[p] >= self.max_per_week for p in choice) or self.clashes(choice, plan):
                continue
            self.walk((*plan, choice), uses + Counter(choice))


@lru_cache(maxsize=256)
def schedule_mains(
    types: tuple[str, ...],
    per_session: int,
    max_per_week: int = 2,
    allowed: frozenset[str] = frozenset(MAIN_PATTERNS),
) -> Plan:
    """Choose each day's main patterns: every day at least one if possible, then most mains.

    Constraints: adjacent days (cyclically) share no main pattern; a pattern is a main on at
    most ``max_per_week`` days; only ``allowed`` patterns (those the equipment permits) are
    used. A bounded depth-first search, deterministic.
    """
    options = [[*_options(kind, per_session, allowed), ()] for kind in types]
    search = _Search(options, max_per_week, per_session)
    search.walk((), Counter())
    return search.best or tuple(() for _ in types)


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
