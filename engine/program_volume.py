"""Lay out one template week: main lifts first, then accessories for the targeted muscles.

Accessory sets go, one step at a time and in priority order, to targeted muscles below their
weekly goal: first every muscle's MEV, then a goal-dependent target between MEV and the
bottom of MAV (SPORTSCI §7). No step may push any muscle past its MRV or a session past its
time. A hard set counts 1 for each primary muscle of the exercise and 0.5 for each secondary.
What does not fit is left short, never refused: program_notes explains it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from engine.catalog import Exercise
from engine.errors import ProgramError
from engine.landmarks import LANDMARKS
from engine.program_model import muscle_weights
from engine.program_params import ProgramParams
from engine.program_request import Blend, ProgramRequest
from engine.program_templates import DAY_PLANS, accessory_choices, main_choices

_PAUSED = ("squat", "horizontal push")  # a second weekly squat/bench day uses paused reps
_VARIANT = {"deadlift": "romanian deadlift", "overhead press": "dumbbell shoulder press"}


@dataclass(slots=True)
class Slot:
    """One exercise in the template week (mutable while the week is laid out)."""

    exercise: Exercise
    sets: int
    main: bool
    progression: str


@dataclass(slots=True)
class Day:
    """One template day."""

    kind: str
    name: str
    mains: tuple[str, ...]
    slots: list[Slot] = field(default_factory=list)


@dataclass(slots=True)
class _Week:
    """The week being laid out, with its limits."""

    days: list[Day]
    blend: Blend
    params: ProgramParams
    budget: float  # minutes per session, tolerance included
    available: frozenset[str]

    def minutes(self, day: Day) -> float:
        """Estimate a day's length: sets × minutes per set, plus warm-ups for mains."""
        p = self.params
        main = sum(s.sets * p.main_minutes_per_set + p.warmup_minutes for s in day.slots if s.main)
        return main + sum(s.sets for s in day.slots if not s.main) * self.blend.minutes_per_set

    def volume(self) -> dict[str, float]:
        """Return weekly hard sets per muscle (primary 1, secondary 0.5)."""
        totals = dict.fromkeys(LANDMARKS, 0.0)
        for day in self.days:
            for slot in day.slots:
                for muscle, weight in muscle_weights(slot.exercise.name):
                    totals[muscle] = totals.get(muscle, 0.0) + weight * slot.sets
        return totals

    def fits(self, exercise: Exercise, sets: int, day: Day, volume: dict[str, float]) -> bool:
        """Return True if ``sets`` more sets keep every muscle ≤ MRV and the day in time."""
        for muscle, weight in muscle_weights(exercise.name):
            if volume[muscle] + weight * sets > LANDMARKS[muscle].mrv:
                return False
        return self.minutes(day) + sets * self.blend.minutes_per_set <= self.budget


def _main_exercise(pattern: str, seen: int, available: frozenset[str]) -> tuple[Exercise, str]:
    """Pick the exercise and progression for a pattern's first or second main day."""
    choices = main_choices(pattern, available)
    loaded = [e for e in choices if not e.bodyweight] or choices
    first = loaded[0]
    if seen == 0:
        return first, "double" if first.bodyweight else "single"
    if pattern in _PAUSED and not first.bodyweight:
        return first, "paused"
    names = {e.name: e for e in loaded}
    variant = names.get(_VARIANT.get(first.name, ""), loaded[1] if len(loaded) > 1 else first)
    return variant, "double" if variant.bodyweight else "single"


def _place_mains(week: _Week) -> None:
    """Put each day's main lifts in, trimming sets until they fit the session."""
    seen: dict[str, int] = {}
    heavy = week.blend.heavy
    for day in week.days:
        for pattern in day.mains:
            exercise, style = _main_exercise(pattern, seen.get(pattern, 0), week.available)
            seen[pattern] = seen.get(pattern, 0) + 1
            style = "wave" if heavy and style == "single" else style
            day.slots.append(Slot(exercise, week.blend.main_sets, True, style))
        while week.minutes(day) > week.budget and any(
            s.sets > week.params.min_sets for s in day.slots
        ):
            max(day.slots, key=lambda s: s.sets).sets -= 1


def _trim_to_mrv(week: _Week) -> None:
    """Take sets off the biggest contributors while any muscle is above its MRV."""
    while True:
        volume = week.volume()
        over = [m for m, sets in volume.items() if sets > LANDMARKS[m].mrv]
        if not over:
            return
        slots = [s for d in week.days for s in d.slots if s.sets > week.params.min_sets]
        givers = [
            s for s in slots if any(m == over[0] for m, _ in muscle_weights(s.exercise.name))
        ]
        if not givers:
            raise ProgramError("These answers overload one muscle group; try fewer days.")
        max(givers, key=lambda s: s.sets).sets -= 1


def _grow_existing(week: _Week, muscle: str, limit: int) -> bool:
    """Add a set to an accessory training ``muscle`` directly, in the roomiest day."""
    volume = week.volume()
    options = [
        (d, s) for d in week.days for s in d.slots
        if not s.main and muscle in s.exercise.primary and s.sets < limit
        and week.fits(s.exercise, 1, d, volume)
    ]  # fmt: skip
    if not options:
        return False
    _, slot = min(options, key=lambda o: (week.minutes(o[0]), week.days.index(o[0])))
    slot.sets += 1
    return True


def _add_new(week: _Week, muscle: str) -> bool:
    """Add a new accessory for ``muscle`` on the roomiest day allowed to train it."""
    sets, volume = week.params.min_sets, week.volume()
    used = {s.exercise.name for d in week.days for s in d.slots}
    days = sorted(
        (d for d in week.days if muscle in DAY_PLANS[d.kind][1]
         and len(d.slots) < week.params.max_exercises),
        key=lambda d: (week.minutes(d), week.days.index(d)),
    )  # fmt: skip
    choices = accessory_choices(muscle, week.available)
    fresh = [e for e in choices if e.name not in used]
    for exercise in fresh + [e for e in choices if e not in fresh]:
        for day in days:
            here = {s.exercise.name for s in day.slots}
            if exercise.name not in here and week.fits(exercise, sets, day, volume):
                day.slots.append(Slot(exercise, sets, False, "double"))
                return True
    return False


def _one_more_set(week: _Week, muscle: str) -> bool:
    """Give ``muscle`` more direct work: grow a small accessory, add one, or grow any."""
    params = week.params
    return (
        _grow_existing(week, muscle, params.accessory_sets)
        or _add_new(week, muscle)
        or _grow_existing(week, muscle, params.max_sets)
    )


def _make_room(week: _Week, muscle: str, order: Sequence[str], goal: dict[str, float]) -> bool:
    """Move a set from less important work to ``muscle`` when MRV or time blocks it.

    A donor set may only train muscles ranked below ``muscle`` (or untargeted) that stay at
    or above their goal without it; the move is undone if ``muscle`` still gets nothing.
    """
    rank = {m: i for i, m in enumerate(order)}
    mine = rank[muscle]
    volume = week.volume()
    for day in week.days:
        for slot in day.slots:
            weights = muscle_weights(slot.exercise.name)
            if slot.sets <= week.params.min_sets or any(
                rank.get(m, len(order)) <= mine or volume[m] - w < goal[m] for m, w in weights
            ):
                continue
            slot.sets -= 1
            if _one_more_set(week, muscle):
                return True
            slot.sets += 1
    return False


def _fill(week: _Week, order: Sequence[str], goal: dict[str, float], core: int) -> None:
    """Add sets, one step at a time, to the short muscle furthest from its goal.

    The first ``core`` muscles of ``order`` (the main goal's) come before the others; within
    each group the muscle with the smallest share of its goal goes first (ties: ``order``), so
    when time runs out the shortfall is shared instead of one muscle getting nothing.
    """
    rank = {m: i for i, m in enumerate(order)}
    while True:
        volume = week.volume()
        short = sorted(
            (m for m in order if volume[m] < goal[m]),
            key=lambda m: (rank[m] >= core, volume[m] / goal[m], rank[m]),
        )
        if not any(_one_more_set(week, m) for m in short) and not any(
            _make_room(week, m, order, goal) for m in short
        ):
            return


def layout_week(
    request: ProgramRequest, blend: Blend, days: list[Day], params: ProgramParams
) -> tuple[list[Day], dict[str, float], tuple[str, ...]]:
    """Fill the template week as far as time, equipment and MRV allow.

    Returns:
        The days, the weekly hard sets per muscle, and the muscles the goals care about, most
        important first (core muscles first). Any of them may end below its MEV: the caller
        says so (program_notes), it is no reason to refuse.
    """
    budget = request.session_minutes * (1 + params.time_tolerance)
    week = _Week(days, blend, params, budget, request.available)
    _place_mains(week)
    _trim_to_mrv(week)
    mev = {m: float(LANDMARKS[m].mev) for m in LANDMARKS}
    order = list(blend.core) + [m for m in blend.muscles if m not in blend.core]
    core = len(blend.core)
    _fill(week, order, {m: mev[m] if m in order else 0.0 for m in LANDMARKS}, core)
    target = {m: _target(m, blend.volume_level) if m in order else 0.0 for m in LANDMARKS}
    _fill(week, order, target, core)
    return week.days, week.volume(), tuple(order)


def _target(muscle: str, level: float) -> float:
    """Return a muscle's weekly goal: MEV raised toward the bottom of MAV by ``level``."""
    mark = LANDMARKS[muscle]
    return min(float(mark.mrv), mark.mev + level * (mark.mav_low - mark.mev))
