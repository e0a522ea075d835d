"""Build periodized programs from a request, and read sessions back out of them.

A program is a template week (see program_templates and program_volume) repeated for 8-12
weeks: accumulation → intensification blocks, every Nth week a deload (program_params).
Main-lift loads come from the athlete's e1RM when known, rounded to makeable loads. Loading
weeks share one set layout, so weekly sets never jump (the +30 % weekly cap holds between
loading weeks; the week after a deload returns to the layout from before it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from engine.deload import apply_deload, scheduled_deload
from engine.errors import ProgramError
from engine.loading import KG_PROFILE, LoadingProfile, equipment_of, makeable_load
from engine.periodization import accessory_targets, block_of, main_targets
from engine.program_adjust import NextLoad, adjust_after_log, apply_progressions
from engine.program_model import PlannedExercise, PlannedSession, Program, warmup_sets
from engine.program_notes import compromise_notes, short_of_mev
from engine.program_params import DEFAULT_PROGRAM, ProgramParams
from engine.program_request import Blend, ProgramRequest, blend_goals
from engine.program_templates import (
    MAIN_PATTERNS,
    day_types,
    main_choices,
    schedule_mains,
    session_names,
)
from engine.program_volume import Day, Slot, layout_week
from engine.rpe_chart import percent_1rm

__all__ = [
    "NextLoad",
    "PlannedExercise",
    "PlannedSession",
    "Program",
    "ProgramParams",
    "ProgramRequest",
    "adjust_after_log",
    "apply_progressions",
    "build_program",
    "session_for",
    "warmup_sets",
]


def _load_kg(
    e1rm_kg: float | None, percent: float, exercise: str, profile: LoadingProfile
) -> float | None:
    """Return a makeable load for ``percent`` of an e1RM, or None when the e1RM is unknown."""
    if not e1rm_kg:
        return None
    wanted = profile.from_kg(e1rm_kg * percent / 100)
    return profile.to_kg(makeable_load(wanted, profile, equipment_of(exercise)))


def _planned(
    slot: Slot,
    week: int,
    blend: Blend,
    e1rms: Mapping[str, float],
    ctx: tuple[ProgramParams, LoadingProfile],
) -> PlannedExercise:
    """Turn a template slot into this week's planned exercise."""
    params, profile = ctx
    every = params.deload.every_weeks
    name = slot.exercise.name
    e1rm = None if slot.exercise.bodyweight else e1rms.get(name)
    if not slot.main:
        low, high, rir = accessory_targets(week, blend, every)
        load = _load_kg(e1rm, percent_1rm(min(low, 30), rir=min(rir, 10)), name, profile)
        return PlannedExercise(name, slot.sets, low, rir, slot.progression, high, load_kg=load)
    reps, rir = main_targets(week, blend, every, params)
    if slot.exercise.bodyweight:  # reps-based: no %1RM, load or bar ramp
        return PlannedExercise(name, slot.sets, reps, rir, slot.progression, main=True)
    factor = params.paused_factor if slot.progression == "paused" else 1.0
    percent = round(percent_1rm(reps, rir=rir) * factor, 1)
    load = _load_kg(e1rm, percent, name, profile)
    warmup = warmup_sets(load, profile, slot.exercise.equipment)
    return PlannedExercise(
        name, slot.sets, reps, rir, slot.progression,
        main=True, percent_1rm=percent, load_kg=load, warmup=warmup,
    )  # fmt: skip


def _week(
    days: list[Day],
    week: int,
    blend: Blend,
    e1rms: Mapping[str, float],
    ctx: tuple[ProgramParams, LoadingProfile],
) -> tuple[PlannedSession, ...]:
    """Plan one program week, deloaded when it is a deload week."""
    params, profile = ctx
    sessions = tuple(
        PlannedSession(
            week,
            number,
            day.name,
            "accumulation",
            tuple(_planned(slot, week, blend, e1rms, ctx) for slot in day.slots),
        )
        for number, day in enumerate(days, start=1)
    )
    block = block_of(week, params.deload.every_weeks)
    if block == "deload":
        return apply_deload(sessions, scheduled_deload(week, None, params.deload), profile)
    return tuple(replace(s, block=block) for s in sessions)


def _layout(
    request: ProgramRequest, blend: Blend, params: ProgramParams
) -> tuple[list[Day], dict[str, float], tuple[str, ...]]:
    """Lay out the template week: day types, main lifts, then accessories (program_volume)."""
    types = day_types(request.split, request.days_per_week, request.hybrid_days)
    per_session = 2 if request.session_minutes >= params.two_mains_from_minutes else 1
    allowed = frozenset(p for p in MAIN_PATTERNS if main_choices(p, request.available))
    mains = schedule_mains(tuple(types), per_session, params.max_main_days_per_pattern, allowed)
    days = [Day(t, n, m) for t, n, m in zip(types, session_names(types), mains, strict=True)]
    return layout_week(request, blend, days, params)


def build_program(
    request: ProgramRequest,
    e1rms: Mapping[str, float] | None = None,
    params: ProgramParams = DEFAULT_PROGRAM,
    profile: LoadingProfile = KG_PROFILE,
) -> Program:
    """Build a periodized program.

    Args:
        request: The athlete's validated answers.
        e1rms: Known e1RMs in kg by canonical exercise name; loads are planned from them.
        params: Project parameters (deload rhythm, set limits, time per set...).
        profile: Loading profile used to round planned loads.

    Returns:
        The program; weekly hard sets of each targeted muscle stay within MEV..MRV in
        loading weeks, and no muscle passes MRV. Muscles the time or equipment leave below
        their MEV are not targeted, and the notes say so and what would help.
    """
    blend = blend_goals(request.goals)
    days, volume, muscles = _layout(request, blend, params)

    def short_with(other: ProgramRequest) -> list[str]:
        _days, other_volume, _muscles = _layout(other, blend, params)
        return short_of_mev(other_volume, muscles)

    notes = compromise_notes(request, blend.core, volume, muscles, short_with)
    short = set(short_of_mev(volume, muscles))
    targeted = tuple(m for m in muscles if m not in short)
    ctx = (params, profile)
    sessions = tuple(
        s
        for week in range(1, request.weeks + 1)
        for s in _week(days, week, blend, e1rms or {}, ctx)
    )
    return Program(
        split=request.split,
        days_per_week=request.days_per_week,
        weeks=request.weeks,
        goals=tuple(sorted(request.goals.items())),
        deload_every=params.deload.every_weeks,
        targeted=targeted,
        notes=notes,
        sessions=sessions,
        unit=profile.unit,
    )


def session_for(program: Program, week: int, day: int) -> PlannedSession:
    """Return the planned session for a 1-based week and training day.

    Raises:
        ProgramError: The week or day is outside the program.
    """
    for session in program.sessions:
        if session.week == week and session.day == day:
            return session
    raise ProgramError(
        f"This program has weeks 1-{program.weeks} with days 1-{program.days_per_week}; "
        f"there is no week {week}, day {day}."
    )
