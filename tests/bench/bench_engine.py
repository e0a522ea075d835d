"""Strength engine speed: prescriptions per second and program generation time."""

from __future__ import annotations

import json
from datetime import date, timedelta

from engine.e1rm import estimate_1rm
from engine.loading import KG_PROFILE
from engine.prescription import DoneSet, SessionTarget, next_session, next_set
from engine.program import ProgramRequest, build_program
from engine.program_templates import schedule_mains
from tests.bench.harness import compare, time_calls

TODAY = date(2024, 6, 30)
GYM = frozenset({"barbell", "dumbbell", "machine", "cable"})


def _history() -> list[DoneSet]:
    """Half a year of squat, bench and deadlift sessions: 3 lifts × 5 sets × 72 days."""
    sets = []
    for day in range(72):
        for lift, base in (("squat", 100), ("bench press", 70), ("deadlift", 130)):
            for _ in range(5):
                weight = base + day * 0.25
                sets.append(
                    DoneSet(lift, weight, 5, rpe=8, day=TODAY - timedelta(days=180 - 2 * day))
                )
    return sets


def _requests() -> list[ProgramRequest]:
    """A spread of requests: every split, 3-6 days, two goal mixes."""
    goals = ({"strength": 6, "hypertrophy": 4}, {"hypertrophy": 7, "fat_loss": 3})
    return [
        ProgramRequest(g, days, 75, GYM, split, 12)
        for split in ("upper_lower", "ppl", "full_body", "hybrid")
        for days in range(3, 7)
        for g in goals
    ]


def run() -> list[str]:
    """Time prescriptions against a bare e1RM, and programs against their JSON round trip."""
    history = _history()
    target = SessionTarget("squat", 3, 5, 2)
    lines = []
    session = time_calls(
        "next_session (1080-set history)",
        lambda: next_session(history, target, 0.3, -0.5, KG_PROFILE, today=TODAY),
        repeat=300,
    )
    one_set = time_calls(
        "next_set",
        lambda: next_set(DoneSet("squat", 100, 5, rpe=9), 5, 2, KG_PROFILE),
        repeat=2000,
    )
    bare = time_calls("100 × estimate_1rm (baseline)", _hundred_estimates, repeat=300)
    lines.append(compare("Session prescription vs 100 bare e1RM estimates", session, bare))
    lines.append(compare("Intra-session next set vs 100 bare e1RM estimates", one_set, bare))
    per_second = 1000 / session.median_ms if session.median_ms else float("inf")
    lines.append(f"  next_session throughput: {per_second:,.0f} prescriptions/s")
    requests = _requests()
    cold_turn, warm_turn = iter(range(10**9)), iter(range(10**9))
    cold = time_calls(
        "build_program, search cache emptied",
        lambda: _build_cold(requests[next(cold_turn) % len(requests)]),
        repeat=64,
        warmup=0,
    )
    warm = time_calls(
        "build_program (32 requests, cycled)",
        lambda: build_program(requests[next(warm_turn) % len(requests)], {"squat": 140.0}),
        repeat=128,
    )
    program = build_program(requests[0], {"squat": 140.0})
    store = time_calls(
        "to_dict + json.dumps (baseline)", lambda: json.dumps(program.to_dict()), repeat=200
    )
    lines.append(compare("Program generation vs serialising the result", warm, store))
    lines.append(compare("First program of a shape vs a repeat shape", cold, warm))
    return lines


def _hundred_estimates() -> None:
    """Estimate 100 e1RMs: a baseline big enough to read in milliseconds."""
    for reps in range(100):
        estimate_1rm(100, 1 + reps % 12, rpe=9)


def _build_cold(request: ProgramRequest) -> object:
    """Build with the main-pattern search cache emptied first."""
    schedule_mains.cache_clear()
    return build_program(request, {"squat": 140.0})
