"""Carry logged sessions into the program: next loads, and deloads brought forward.

A planned session counts as trained when sets were logged on its local date. It is applied
once (recorded in the program state): sessions of a deload week are recorded but move no
loads, so a light week never drags the plan down. The engine's next load is what the same
prescription should use next time; when the exercise's next occurrence has another %1RM
(a wave, a paused day, a deload) the engine scales the load by the ratio of the two
percentages.
A main lift planned without a load (no history when the program was built) gets its first
load from the e1RM of what was logged: that e1RM × the next occurrence's %1RM.
"""

from __future__ import annotations

import datetime as dtm
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from bot.services.program_schedule import SessionDate
from bot.services.program_state import ActiveProgram, aware
from engine.loading import LoadingProfile, equipment_of, makeable_load
from engine.prescription import DoneSet
from engine.program import (
    NextLoad,
    PlannedExercise,
    PlannedSession,
    Program,
    adjust_after_log,
    apply_progressions,
    session_for,
)
from engine.program_params import DEFAULT_PRESCRIPTION, DEFAULT_PROGRAM
from storage.tables import SetLog


@dataclass(frozen=True, slots=True)
class Change:
    """How one exercise's next planned load moved after a logged session."""

    exercise: str
    before_kg: float | None
    after_kg: float | None
    outcome: str  # progress / hold / reduce, or start (a first load from a logged e1RM)
    reason: str
    next: PlannedExercise | None = None  # the next session of the lift, as now planned


def by_local_day(rows: Sequence[SetLog], tz: str) -> dict[dtm.date, list[SetLog]]:
    """Group sets by the local date they were performed on."""
    zone = ZoneInfo(tz)
    days: dict[dtm.date, list[SetLog]] = {}
    for row in rows:
        days.setdefault(aware(row.performed_at).astimezone(zone).date(), []).append(row)
    return days


def done_sets(rows: Sequence[SetLog]) -> list[DoneSet]:
    """The weighted sets the engine can judge."""
    return [
        DoneSet(r.exercise, r.weight_kg, r.reps, r.rpe, r.rir)
        for r in rows
        if r.weight_kg and r.weight_kg > 0 and r.reps and not r.bodyweight
    ]


def current_e1rms(days: Mapping[dtm.date, list[SetLog]], today: dtm.date) -> dict[str, float]:
    """Each lift's best e1RM on its latest day, cut after a layoff (as prescriptions do)."""
    params = DEFAULT_PRESCRIPTION
    latest: dict[str, tuple[dtm.date, float]] = {}
    for day in sorted(d for d in days if d <= today):
        best: dict[str, float] = {}
        for row in days[day]:
            if row.e1rm_kg and not row.bodyweight:
                best[row.exercise] = max(best.get(row.exercise, 0.0), row.e1rm_kg)
        latest.update({name: (day, value) for name, value in best.items()})
    return {
        name: value * (1 - params.layoff_cut) if (today - day).days > params.layoff_days else value
        for name, (day, value) in latest.items()
    }


def _first_after(program: Program, name: str, after: tuple[int, int]) -> PlannedExercise | None:
    later = (s for s in program.sessions if (s.week, s.day) > after)
    return next((e for s in later for e in s.exercises if e.exercise == name), None)


def _first_loads(
    planned: PlannedSession, rows: Sequence[SetLog], program: Program, profile: LoadingProfile
) -> dict[str, NextLoad]:
    """Loads for main lifts planned without one: their next %1RM of the e1RM just logged."""
    found = {}
    for exercise in planned.exercises:
        name = exercise.exercise
        best = max((r.e1rm_kg or 0.0 for r in rows if r.exercise == name), default=0.0)
        anchor = _first_after(program, name, (planned.week, planned.day))
        if exercise.load_kg or not exercise.percent_1rm or not best or anchor is None:
            continue
        # For this session's prescription: apply_progressions scales it to the next one.
        wanted = profile.from_kg(best) * exercise.percent_1rm / 100
        load = profile.to_kg(makeable_load(wanted, profile, equipment_of(name)))
        found[name] = NextLoad(name, load, "start", "first load, from what you logged")
    return found


def apply_session(
    program: Program, planned: PlannedSession, rows: Sequence[SetLog], profile: LoadingProfile
) -> tuple[Program, list[Change]]:
    """Progress the program from one logged session (deload sessions change nothing)."""
    if planned.block == "deload":
        return program, []
    raw = adjust_after_log(planned, done_sets(rows), DEFAULT_PROGRAM, profile)
    loads = {
        **raw,
        **_first_loads(planned, rows, program, profile),
    }
    after = (planned.week, planned.day)
    updated = apply_progressions(program, loads, after, profile, DEFAULT_PROGRAM)
    changes = []
    for name, load in loads.items():
        now = _first_after(updated, name, after)
        if now is None:
            continue
        if load.outcome == "start":
            changes.append(Change(name, None, now.load_kg, load.outcome, load.reason, now))
        else:
            changes.append(
                Change(name, load.base_kg, load.load_kg, load.outcome, load.reason, now)
            )
    return updated, changes


def apply_logged(
    active: ActiveProgram,
    days: Mapping[dtm.date, list[SetLog]],
    until: dtm.date,
    profile: LoadingProfile,
) -> tuple[ActiveProgram, list[Change], list[SessionDate]]:
    """Apply every trained, not yet applied session up to and including ``until``."""
    program, applied = active.program, set(active.state.applied)
    changes: list[Change] = []
    trained = []
    for at in active.dates():
        if at.date > until:
            break
        rows = active.own_sets(days.get(at.date, ()))
        if (at.week, at.day) in applied or not rows:
            continue
        planned = session_for(program, at.week, at.day)  # as earlier sessions left it
        program, found = apply_session(program, planned, rows, profile)
        changes.extend(found)
        applied.add((at.week, at.day))
        trained.append(at)
    state = replace(active.state, applied=frozenset(applied))
    return replace(active, program=program, state=state), changes, trained
