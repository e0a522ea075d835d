"""Progress a program from what was logged: next loads per exercise, then the plan updated."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from engine.deload import SetResult
from engine.loading import KG_PROFILE, LoadingProfile, equipment_of, guard_load, makeable_load
from engine.prescription import DoneSet
from engine.program_model import PlannedExercise, PlannedSession, Program, warmup_sets
from engine.program_params import DEFAULT_PROGRAM, ProgramParams

OUTCOMES = ("progress", "hold", "reduce")


@dataclass(frozen=True, slots=True)
class NextLoad:
    """What the next session of one exercise should use, and why."""

    exercise: str
    load_kg: float  # for the same prescription as the logged one
    outcome: str  # one of OUTCOMES, or "start" for a first load from a logged e1RM
    reason: str  # agrees with the move from base_kg to load_kg
    base_kg: float | None = None  # what the verdict started from: the load of the judged sets


def _work_sets(planned: PlannedExercise, logged: Sequence[DoneSet]) -> list[DoneSet]:
    """Return the planned number of work sets, in logged order.

    Warm-ups (under 90 % of the planned or top load) are left out, and so are sets beyond
    the planned number: an extra set is a bonus, never a miss.
    """
    mine = [s for s in logged if s.exercise == planned.exercise and s.weight_kg > 0]
    top = planned.load_kg or max((s.weight_kg for s in mine), default=0.0)
    return [s for s in mine if s.weight_kg >= 0.9 * top][: max(planned.sets, 1)]


def _rir(done: DoneSet) -> float | None:
    """Return a set's RIR from RIR or RPE, if reported."""
    if done.rir is not None:
        return done.rir
    return None if done.rpe is None else 10 - done.rpe


def _sets(count: int) -> str:
    return f"{count} set" if count == 1 else f"{count} sets"


def _judge(
    planned: PlannedExercise, work: Sequence[DoneSet], params: ProgramParams
) -> tuple[str, int, str]:
    """Return (outcome, load steps, why) for one exercise's judged work sets."""
    results = [SetResult(planned.reps, s.reps, planned.rir, _rir(s)) for s in work]
    misses = sum(r.missed(params.deload.rir_miss_margin) for r in results)
    total = max(planned.sets, 1)
    missed = f"{misses} of {total} sets missed the target of {planned.reps} reps at RIR"
    if misses * 2 >= total:
        return "reduce", 0, f"{missed} {planned.rir:g}"
    if misses:
        return "hold", 0, f"{missed} {planned.rir:g}"
    if len(work) < planned.sets:
        return "hold", 0, f"{_sets(len(work))} of {total} done"
    if planned.progression == "double" and planned.reps_max:
        if all(s.reps >= planned.reps_max for s in work):
            return "progress", 1, f"every set reached {planned.reps_max} reps"
        return "hold", 0, f"not every set reached {planned.reps_max} reps yet"
    reported = [_rir(s) for s in work]
    if all(r is not None and r >= planned.rir + params.spare_rir for r in reported):
        return "progress", 2, "targets met with reps to spare"
    return "progress", 1, "targets met"


def _next_load(
    planned: PlannedExercise,
    work: Sequence[DoneSet],
    params: ProgramParams,
    profile: LoadingProfile,
) -> NextLoad:
    """Apply the verdict for one exercise: add steps, hold, or cut what was lifted."""
    gear = equipment_of(planned.exercise)
    base = profile.from_kg(max(s.weight_kg for s in work))  # what was lifted, not planned
    outcome, steps, why = _judge(planned, work, params)
    if outcome == "reduce":
        load = makeable_load(base * (1 - params.cut_after_misses), profile, gear, "down")
        how = f"−{params.cut_after_misses:.0%}" if load < base else "already at the lightest load"
    elif outcome == "hold":
        load, how = base, "same load"
    else:
        wanted = base
        for _ in range(steps):
            wanted = makeable_load(wanted, profile, gear, "above")
        load = guard_load(wanted, base, profile, gear, params.guardrails)
        how = "one step up" if steps == 1 else "two steps up"
        if load <= base:
            how = "no heavier load to go to: same load"
        elif load < wanted:
            how = f"up, capped at +{params.guardrails.max_increase:.1%}".replace(".0%", "%")
    reason = f"{why}: {how}"
    return NextLoad(planned.exercise, profile.to_kg(load), outcome, reason, profile.to_kg(base))


def adjust_after_log(
    planned: PlannedSession,
    logged_sets: Sequence[DoneSet],
    params: ProgramParams = DEFAULT_PROGRAM,
    profile: LoadingProfile = KG_PROFILE,
) -> dict[str, NextLoad]:
    """Decide the next loads from a logged session.

    Targets hit with at least ``spare_rir`` more reps in reserve than planned → two load steps
    (single/wave/paused); hit → one step; double progression adds a step only once every set
    reaches the top of the rep range. A miss (reps short, or RIR more than 1 under target)
    holds the load; half or more of the sets missed cuts it by ``cut_after_misses``. Increases
    obey the session-to-session guardrail.

    Args:
        planned: The session that was trained.
        logged_sets: What was logged against it (warm-ups are ignored).
        params: Progression rules.
        profile: Loading profile for makeable loads.

    Returns:
        Exercise name → next load, for exercises with logged work sets.
    """
    found = {}
    for exercise in planned.exercises:
        work = _work_sets(exercise, logged_sets)
        if work:
            found[exercise.exercise] = _next_load(exercise, work, params, profile)
    return found


def apply_progressions(
    program: Program,
    next_loads: Mapping[str, NextLoad],
    after: tuple[int, int],
    profile: LoadingProfile = KG_PROFILE,
    params: ProgramParams = DEFAULT_PROGRAM,
) -> Program:
    """Carry next loads into the program: every later occurrence of each exercise is rescaled.

    A next load is for the same prescription as the logged one, so the first later occurrence
    gets it scaled by the two planned %1RMs (a heavy day followed by a light or deload day
    stays light); the ones after keep their planned ratio to it (waves and deloads survive).
    At the same reps, a hold or a cut is never scaled up (a miss earns no planned increase)
    and progress stays within the session-to-session guardrail over what was lifted.
    Everything is rounded to makeable loads.

    Args:
        program: The program being followed.
        next_loads: Output of ``adjust_after_log``.
        after: (week, day) of the logged session; only later sessions change.
        profile: Loading profile for makeable loads.
        params: Guardrails for increases.

    Returns:
        The updated program.
    """
    later = [s for s in program.sessions if (s.week, s.day) > after]
    done = {
        e.exercise: e for s in program.sessions if (s.week, s.day) == after for e in s.exercises
    }
    anchors, scaled = {}, {}
    for name, next_load in next_loads.items():
        first = next((e for s in later for e in s.exercises if e.exercise == name), None)
        if first is None:
            continue
        anchors[name] = first
        scaled[name] = _carried(next_load, done.get(name), first, profile, params)
    sessions = tuple(
        _rescaled(s, scaled, anchors, profile) if (s.week, s.day) > after else s
        for s in program.sessions
    )
    return replace(program, sessions=sessions)


def _carried(
    next_load: NextLoad,
    logged: PlannedExercise | None,
    first: PlannedExercise,
    profile: LoadingProfile,
    params: ProgramParams,
) -> float:
    """Return the load in kg for an exercise's first later occurrence."""
    if logged is None or not logged.percent_1rm or not first.percent_1rm:
        return next_load.load_kg
    factor = first.percent_1rm / logged.percent_1rm
    if first.reps != logged.reps or factor <= 1 or next_load.base_kg is None:
        return next_load.load_kg * factor
    if next_load.outcome != "progress":
        return next_load.load_kg
    wanted = profile.from_kg(next_load.load_kg * factor)
    base = profile.from_kg(next_load.base_kg)
    gear = equipment_of(first.exercise)
    return profile.to_kg(guard_load(wanted, base, profile, gear, params.guardrails))


def _rescaled(
    session: PlannedSession,
    first_loads: Mapping[str, float],
    anchors: Mapping[str, PlannedExercise],
    profile: LoadingProfile,
) -> PlannedSession:
    """Rescale the loads of one later session against each exercise's first occurrence."""
    exercises = []
    for planned in session.exercises:
        anchor = anchors.get(planned.exercise)
        if anchor is None:
            exercises.append(planned)
            continue
        new = first_loads[planned.exercise]
        ratio = _ratio(planned, anchor)
        gear = equipment_of(planned.exercise)
        load = profile.to_kg(makeable_load(profile.from_kg(new * ratio), profile, gear))
        warm = warmup_sets(load, profile, gear) if planned.warmup else ()
        exercises.append(replace(planned, load_kg=load, warmup=warm))
    return replace(session, exercises=tuple(exercises))


def _ratio(planned: PlannedExercise, anchor: PlannedExercise) -> float:
    """Return a later occurrence's planned load relative to the first one (1 if unknown)."""
    if planned.load_kg and anchor.load_kg:
        return planned.load_kg / anchor.load_kg
    if planned.percent_1rm and anchor.percent_1rm:
        return planned.percent_1rm / anchor.percent_1rm
    return 1.0
