"""Deloads brought forward: recent performance and training load in, the next week lighter.

Scheduled deloads are part of the built program. A triggered one (e1RM drop, missed RIR
targets, ACWR above the limit; engine.deload) lightens the coming week once, never a week
that is already a deload, and never while the current week is one.
"""

from __future__ import annotations

import datetime as dtm
from collections.abc import Mapping, Sequence
from dataclasses import replace
from zoneinfo import ZoneInfo

from bot.services.program_state import ActiveProgram, TriggeredDeload
from engine.deload import (
    DEFAULT_DELOAD,
    SessionPerformance,
    SetResult,
    apply_deload,
    deload_check,
)
from engine.load import DEFAULT_SET_SLOT_MIN, acwr_rolling, daily_loads, strength_session_load
from engine.loading import LoadingProfile
from engine.program import PlannedExercise
from storage.tables import ActivityRow, SetLog

ACWR_DAYS = 28  # the chronic window: without this much history ACWR says nothing
PERFORMANCE_DAYS = 28


def _rir(row: SetLog) -> float | None:
    if row.rir is not None:
        return row.rir
    return None if row.rpe is None else 10 - row.rpe


def _results(planned: PlannedExercise | None, rows: Sequence[SetLog]) -> tuple[SetResult, ...]:
    """The planned work sets of one exercise against its targets.

    As when the session is carried into the plan: warm-ups (under 90 % of the planned or top
    load) and sets beyond the planned number are no misses.
    """
    if planned is None:
        return ()
    top = planned.load_kg or max((r.weight_kg or 0.0 for r in rows if r.reps), default=0.0)
    work = [r for r in rows if r.reps and (r.weight_kg or 0.0) >= 0.9 * top]
    return tuple(
        SetResult(planned.reps, r.reps or 0, planned.rir, _rir(r)) for r in work[: planned.sets]
    )


def performances(
    active: ActiveProgram, days: Mapping[dtm.date, list[SetLog]], today: dtm.date
) -> list[SessionPerformance]:
    """Per day and lift: the best e1RM and the work sets against that day's plan."""
    found = []
    since = today - dtm.timedelta(days=PERFORMANCE_DAYS)
    for day, rows in sorted(days.items()):
        if not since < day <= today:
            continue
        at = active.on(day)
        plan = {e.exercise: e for e in active.planned(at).exercises} if at else {}
        own = active.own_sets(rows)  # only sets of the program's sessions meet its targets
        for lift in dict.fromkeys(r.exercise for r in rows):
            mine = [r for r in rows if r.exercise == lift]
            best = max((r.e1rm_kg or 0.0 for r in mine), default=0.0)
            results = _results(plan.get(lift), [r for r in own if r.exercise == lift])
            found.append(SessionPerformance(day, lift, best or None, results))
    return found


def acwr_today(
    rows: Sequence[SetLog], activities: Sequence[ActivityRow], tz: str, today: dtm.date
) -> float | None:
    """Today's coupled rolling ACWR of lifting and endurance load; None without 28 days."""
    items = [
        (a.start_time.replace(tzinfo=a.start_time.tzinfo or dtm.UTC), a.load) for a in activities
    ]
    workouts: dict[int, list[SetLog]] = {}
    for row in rows:
        workouts.setdefault(row.workout_id, []).append(row)
    for sets in workouts.values():
        times = [s.performed_at.replace(tzinfo=s.performed_at.tzinfo or dtm.UTC) for s in sets]
        minutes = (max(times) - min(times)).total_seconds() / 60 + DEFAULT_SET_SLOT_MIN
        items.append((min(times), strength_session_load(sets, minutes=minutes)))
    if not items:
        return None
    zone = ZoneInfo(tz)
    first = min(when for when, _ in items).astimezone(zone).date()
    start = today - dtm.timedelta(days=2 * ACWR_DAYS - 1)
    if (today - first).days < ACWR_DAYS - 1:
        return None
    return acwr_rolling(daily_loads(items, zone, start, today))[-1]


def triggered_deload(
    active: ActiveProgram,
    perf: Sequence[SessionPerformance],
    acwr: float | None,
    today: dtm.date,
    profile: LoadingProfile,
) -> tuple[ActiveProgram, TriggeredDeload | None]:
    """Lighten the coming week when a deload is due early; the reminder to send once."""
    params = replace(DEFAULT_DELOAD, every_weeks=active.program.deload_every)
    decision = deload_check(today, active.start, perf, acwr, params)
    if decision is None or "scheduled" in decision.reasons:
        return active, None
    program = active.program
    week, current = decision.week, decision.week - 1
    deloaded = {s.week for s in program.sessions if s.block == "deload"}
    if week > program.weeks or week in deloaded or current in deloaded:
        return active, None
    lighter = {(s.week, s.day): s for s in apply_deload(program.week(week), decision, profile)}
    sessions = tuple(lighter.get((s.week, s.day), s) for s in program.sessions)
    starts_on = decision.starts_on or active.start + dtm.timedelta(weeks=week - 1)
    reminder = TriggeredDeload(week, starts_on, decision.message)
    state = replace(active.state, deloads=(*active.state.deloads, reminder))
    return replace(active, program=replace(program, sessions=sessions), state=state), reminder
