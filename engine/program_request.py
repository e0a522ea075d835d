"""What an athlete asks a program for, validated, and what their goal mix means in numbers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from engine.catalog import EQUIPMENT
from engine.errors import ProgramError
from engine.landmarks import MUSCLE_GROUPS

SPLITS = ("upper_lower", "ppl", "full_body", "hybrid")
DAY_TYPES = ("upper", "lower", "push", "pull", "legs", "full")
ALWAYS_AVAILABLE = frozenset({"bodyweight", "none"})


@dataclass(frozen=True, slots=True)
class GoalProfile:
    """How one goal trains: rep targets, effort, rest, volume and the muscles it cares about."""

    main_reps: int  # main lifts, before block adjustments
    main_rir: float
    main_sets: int
    accessory_reps: tuple[int, int]  # rep range for double progression
    accessory_rir: float
    minutes_per_set: float  # accessory set incl. rest; main sets use ProgramParams
    volume_level: float  # 0 = aim for MEV, 1 = aim for the bottom of MAV
    muscles: tuple[str, ...]  # targeted muscle groups, most important first


# Heuristic profiles. Strength: heavy, low reps at RPE ~8 (Helms et al. 2016); hypertrophy:
# moderate reps nearer failure and the most volume (RP landmarks, SPORTSCI §7); power: few
# fast reps far from failure; endurance and fat loss: higher reps, short rests.
GOALS: dict[str, GoalProfile] = {
    "strength": GoalProfile(
        4, 2.0, 4, (6, 10), 2.0, 2.5, 0.0,
        ("quads", "back", "chest", "hamstrings", "glutes", "triceps", "front delts"),
    ),
    "hypertrophy": GoalProfile(
        8, 2.0, 3, (8, 12), 1.0, 2.5, 1.0,
        ("chest", "back", "quads", "hamstrings", "glutes", "side delts", "triceps", "biceps",
         "rear delts", "calves", "front delts", "traps", "abs"),
    ),
    "power": GoalProfile(
        3, 3.0, 5, (6, 8), 2.0, 2.5, 0.0, ("quads", "glutes", "hamstrings", "back"),
    ),
    "endurance": GoalProfile(
        12, 3.0, 3, (15, 20), 2.0, 1.5, 0.25,
        ("quads", "glutes", "hamstrings", "back", "chest", "calves", "abs"),
    ),
    "fat_loss": GoalProfile(
        8, 2.0, 3, (10, 15), 2.0, 1.5, 0.25, ("chest", "back", "quads", "hamstrings", "glutes"),
    ),
}  # fmt: skip

CORE_MUSCLES = 3  # the top muscles of the main goal must fit, or the request is refused


@dataclass(frozen=True, slots=True)
class ProgramRequest:
    """The answers a program is built from; invalid answers raise ProgramError."""

    goals: Mapping[str, int]  # up to 3 goals whose weights sum to 10
    days_per_week: int
    session_minutes: int
    equipment: frozenset[str]
    split: str
    weeks: int
    hybrid_days: tuple[str, ...] | None = field(default=None)  # day types, hybrid split only

    def __post_init__(self) -> None:
        _check_goals(self.goals)
        if not 2 <= self.days_per_week <= 6:
            raise ProgramError("Choose 2 to 6 training days a week.")
        if not 20 <= self.session_minutes <= 180:
            raise ProgramError("Sessions should last between 20 and 180 minutes.")
        if not 8 <= self.weeks <= 12:
            raise ProgramError("Programs run for 8 to 12 weeks.")
        if self.split not in SPLITS:
            raise ProgramError(f"Choose a split: {', '.join(SPLITS)}.")
        unknown = sorted(set(self.equipment) - set(EQUIPMENT))
        if unknown:
            names = ", ".join(EQUIPMENT)
            raise ProgramError(f"Unknown equipment {unknown[0]!r}; choose from {names}.")
        if self.split == "ppl" and self.days_per_week < 3:
            raise ProgramError("Push/pull/legs needs at least 3 days a week.")
        _check_days(self)

    @property
    def available(self) -> frozenset[str]:
        """Return the equipment to choose from; bodyweight work is always possible."""
        return frozenset(self.equipment) | ALWAYS_AVAILABLE


def _check_goals(goals: Mapping[str, int]) -> None:
    """Raise unless there are 1-3 known goals with whole positive weights summing to 10."""
    if not 1 <= len(goals) <= 3:
        raise ProgramError("Pick one to three goals.")
    for goal, weight in goals.items():
        if goal not in GOALS:
            raise ProgramError(f"Unknown goal {goal!r}; choose from {', '.join(GOALS)}.")
        if isinstance(weight, bool) or not isinstance(weight, int) or weight < 1:
            raise ProgramError("Give each goal a whole-number weight of at least 1.")
    if sum(goals.values()) != 10:
        raise ProgramError("Goal weights must add up to 10, e.g. strength 6 and hypertrophy 4.")


def _check_days(request: ProgramRequest) -> None:
    """Raise unless a custom day list is given only for hybrid and matches the days."""
    days = request.hybrid_days
    if days is None:
        return
    if request.split != "hybrid":
        raise ProgramError("A custom list of days is only used with the hybrid split.")
    if len(days) != request.days_per_week or any(d not in DAY_TYPES for d in days):
        raise ProgramError(
            f"List exactly {request.days_per_week} days, each one of: {', '.join(DAY_TYPES)}."
        )


@dataclass(frozen=True, slots=True)
class Blend:
    """A goal mix reduced to one set of numbers."""

    main_reps: int
    main_rir: float
    main_sets: int
    accessory_reps: tuple[int, int]
    accessory_rir: float
    minutes_per_set: float
    volume_level: float
    muscles: tuple[str, ...]  # targeted, most important first
    core: tuple[str, ...]  # must reach MEV or the request is refused
    heavy: bool  # strength and power dominate: main lifts progress in waves


def _half(value: float) -> float:
    return int(value * 2 + 0.5) / 2


def blend_goals(goals: Mapping[str, int]) -> Blend:
    """Weight each goal's profile by its share of 10 and merge the targeted muscles."""
    shares = {GOALS[g]: w / 10 for g, w in goals.items()}

    def mix(attr: str) -> float:
        return sum(getattr(p, attr) * s for p, s in shares.items())

    rank: dict[str, float] = {}
    for profile, share in shares.items():
        for place, muscle in enumerate(profile.muscles):
            rank[muscle] = rank.get(muscle, 0.0) + share * (len(MUSCLE_GROUPS) - place)
    muscles = tuple(sorted(rank, key=lambda m: (-rank[m], MUSCLE_GROUPS.index(m))))
    main = GOALS[max(goals, key=lambda g: (goals[g], -list(GOALS).index(g)))]
    reps_low = int(sum(p.accessory_reps[0] * s for p, s in shares.items()) + 0.5)
    reps_high = int(sum(p.accessory_reps[1] * s for p, s in shares.items()) + 0.5)
    return Blend(
        main_reps=int(mix("main_reps") + 0.5),
        main_rir=_half(mix("main_rir")),
        main_sets=int(mix("main_sets") + 0.5),
        accessory_reps=(reps_low, max(reps_low + 2, reps_high)),
        accessory_rir=_half(mix("accessory_rir")),
        minutes_per_set=round(mix("minutes_per_set"), 2),
        volume_level=round(mix("volume_level"), 3),
        muscles=muscles,
        core=main.muscles[:CORE_MUSCLES],
        heavy=goals.get("strength", 0) + goals.get("power", 0) >= 5,
    )
