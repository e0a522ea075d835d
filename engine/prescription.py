"""Prescribe the next set or session: e1RM × %1RM(target), readiness, rounding, guardrails.

The tunable choices live in ``PrescriptionParams`` (engine.program_params).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from engine.deload import readiness_modifier
from engine.e1rm import estimate_1rm
from engine.loading import (
    LoadingProfile,
    equipment_of,
    guard_load,
    makeable_load,
    plates_per_side,
    to_hundredths,
)
from engine.program_params import DEFAULT_PRESCRIPTION, PrescriptionParams
from engine.rpe_chart import StrengthInputError, percent_1rm


@dataclass(frozen=True, slots=True)
class DoneSet:
    """One logged set; ``day`` is needed for session history, not for ``next_set``."""

    exercise: str
    weight_kg: float
    reps: int
    rpe: float | None = None
    rir: float | None = None
    day: date | None = None


@dataclass(frozen=True, slots=True)
class SessionTarget:
    """What to prescribe; unset sets/reps/RIR come from the goal."""

    exercise: str
    sets: int | None = None
    reps: int | None = None
    rir: float | None = None
    equipment: str | None = None  # None: the catalog's equipment, else barbell


@dataclass(frozen=True, slots=True)
class Prescription:
    """A prescribed set or session of one exercise, with why and how sure."""

    exercise: str
    sets: int
    reps: int
    load_kg: float
    load: float  # in the user's unit
    unit: str
    rir: float
    explanation: str
    confidence: float  # 0..1
    plates: tuple[float, ...] | None  # per side for barbells; None otherwise
    kind: str = "work"  # "work" or "amrap_test"
    e1rm_kg: float | None = None


def _reps(count: int) -> str:
    """'1 rep', '5 reps'."""
    return f"{count} rep" if count == 1 else f"{count} reps"


def goal_targets(
    goal: float, params: PrescriptionParams = DEFAULT_PRESCRIPTION
) -> tuple[int, int, float]:
    """Return (sets, reps, RIR) for a goal from 0 (strength) to 1 (hypertrophy)."""
    g = max(0.0, min(1.0, goal))

    def lerp(a: float, b: float) -> float:
        return a + (b - a) * g

    sets = int(lerp(params.strength_sets, params.hypertrophy_sets) + 0.5)
    reps = int(lerp(params.strength_reps, params.hypertrophy_reps) + 0.5)
    rir = int(lerp(params.strength_rir, params.hypertrophy_rir) * 2 + 0.5) / 2
    return sets, reps, rir


def _num(value: float) -> str:
    """Format a load for text: one decimal at most, no trailing zero."""
    return f"{to_hundredths(value) / 100:.1f}".removesuffix(".0")


def _effort(done: DoneSet) -> str:
    if done.rpe is not None:
        return f" @ RPE {done.rpe:g}"
    return "" if done.rir is None else f" @ RIR {done.rir:g}"


def _make(
    target: SessionTarget,
    shape: tuple[int, int, float],
    load: float,
    profile: LoadingProfile,
    explanation: str,
    confidence: float,
    e1rm_kg: float | None = None,
    kind: str = "work",
) -> Prescription:
    """Build a prescription: load in both units and plates (barbells only)."""
    sets, reps, rir = shape
    barbell = equipment_of(target.exercise, target.equipment) in ("barbell", "trap bar")
    return Prescription(
        exercise=target.exercise,
        sets=sets,
        reps=reps,
        load_kg=profile.to_kg(load),
        load=load,
        unit=profile.unit,
        rir=rir,
        explanation=explanation,
        confidence=round(max(0.0, min(1.0, confidence)), 2),
        plates=plates_per_side(load, profile) if barbell else None,
        kind=kind,
        e1rm_kg=e1rm_kg,
    )


def _unit_load(kg: float, profile: LoadingProfile) -> float:
    """Return a logged kg load in the profile's unit, to the hundredth."""
    return to_hundredths(profile.from_kg(kg)) / 100


def next_set(
    done: DoneSet,
    target_reps: int,
    target_rir: float,
    profile: LoadingProfile,
    *,
    equipment: str | None = None,
    params: PrescriptionParams = DEFAULT_PRESCRIPTION,
) -> Prescription:
    """Prescribe the next set from the set just done (RTS intra-session autoregulation).

    Args:
        done: The set just completed, ideally with RPE or RIR.
        target_reps: Reps wanted on the next set.
        target_rir: Reps in reserve wanted on the next set.
        profile: The user's loading profile.
        equipment: Override the catalog's equipment for the exercise.
        params: Formula, guardrails and confidence choices.

    Returns:
        One set, e.g. 100 kg × 5 @ RPE 9 → 5 reps @ RIR 2 = 97.5 kg.

    Raises:
        StrengthInputError: The done set or targets are out of range.
    """
    e1rm = estimate_1rm(
        done.weight_kg, done.reps, done.rpe, done.rir, params.formula, params.rir_bias
    )
    pct = percent_1rm(target_reps, rir=target_rir)
    target = SessionTarget(done.exercise, 1, target_reps, target_rir, equipment)
    gear = equipment_of(done.exercise, equipment)
    wanted = profile.from_kg(e1rm.value_kg * pct / 100)
    load = guard_load(
        wanted, _unit_load(done.weight_kg, profile), profile, gear, params.guardrails
    )
    unit = profile.unit
    explanation = (
        f"from e1RM {_num(profile.from_kg(e1rm.value_kg))} {unit} "
        f"({_num(_unit_load(done.weight_kg, profile))}×{done.reps}{_effort(done)}): "
        f"{_reps(target_reps)} @ RIR {target_rir:g} = {pct:.1f} %"
    )
    known = e1rm.rir is not None
    return _make(
        target,
        (1, target_reps, target_rir),
        load,
        profile,
        explanation,
        0.9 if known else 0.9 * params.no_effort_weight,
        round(e1rm.value_kg, 2),
    )


def _e1rm_or_none(done: DoneSet, params: PrescriptionParams) -> float | None:
    """Return a logged set's e1RM in kg, or None when it says nothing (0 kg, 40 reps)."""
    try:
        return estimate_1rm(
            done.weight_kg, done.reps, done.rpe, done.rir, params.formula, params.rir_bias
        ).value_kg
    except StrengthInputError:
        return None


def _last_session(
    history: Sequence[DoneSet], exercise: str, today: date, params: PrescriptionParams
) -> tuple[list[date], list[tuple[DoneSet, float]]]:
    """Return the days the lift was trained and the latest session's sets with their e1RMs."""
    mine = [s for s in history if s.exercise == exercise and s.day is not None and s.day <= today]
    days = sorted({s.day for s in mine if s.day is not None}, reverse=True)
    for day in days:  # e1RMs only for the newest day with a usable set: history can be long
        scored = [(s, e) for s in mine if s.day == day and (e := _e1rm_or_none(s, params))]
        if scored:
            return [d for d in days if d <= day], scored
    return [], []


def _amrap_test(
    target: SessionTarget, profile: LoadingProfile, params: PrescriptionParams
) -> Prescription:
    """Prescribe a guided AMRAP test: no history, and no trustworthy population priors exist."""
    start = makeable_load(0.0, profile, equipment_of(target.exercise, target.equipment))
    explanation = (
        f"no history yet: warm up from {_num(start)} {profile.unit}, pick a weight you could lift "
        f"about {params.test_reps} times and do one set of as many reps as you can, stopping "
        f"with {params.test_rir:g} in reserve; log it and the next session is prescribed from it"
    )
    shape = (1, params.test_reps, params.test_rir)
    return _make(target, shape, start, profile, explanation, 0.0, kind="amrap_test")


def _confidence(
    days: Sequence[date], today: date, effort: bool, params: PrescriptionParams
) -> float:
    """Score history 0..1: how many recent sessions, how fresh the last, effort known or not."""
    recent = {d for d in days if (today - d).days <= params.confidence_window_days}
    amount = min(1.0, max(1, len(recent)) / params.confidence_sessions)
    span = max(1, params.stale_days - params.fresh_days)
    fade = min(1.0, max(0.0, ((today - max(days)).days - params.fresh_days) / span))
    recency = 1.0 - fade * (1.0 - params.stale_weight)
    return amount * recency * (1.0 if effort else params.no_effort_weight)


def _target_load(
    e1rm_kg: float,
    gap_days: int,
    shape: tuple[int, int, float],
    readiness: float | None,
    params: PrescriptionParams,
) -> tuple[float, list[str]]:
    """Return the wanted load in kg (before rounding) and the steps that explain it."""
    notes: list[str] = []
    if gap_days > params.layoff_days:
        e1rm_kg *= 1 - params.layoff_cut
        notes.append(f"−{params.layoff_cut:.0%} after {gap_days} days off")
    pct = percent_1rm(shape[1], rir=shape[2])
    notes.insert(0, f"{_reps(shape[1])} @ RIR {shape[2]:g} = {pct:.1f} %")
    modifier = readiness_modifier(readiness, params.readiness)
    if modifier:
        notes.append(f"{modifier:+.0%} readiness".replace("-", "−"))
    return e1rm_kg * pct / 100 * (1 + modifier), notes


def next_session(
    history: Sequence[DoneSet],
    target: SessionTarget | str,
    goal: float,
    readiness: float | None,
    profile: LoadingProfile,
    *,
    today: date,
    params: PrescriptionParams = DEFAULT_PRESCRIPTION,
) -> Prescription:
    """Prescribe the next session of one exercise from its logged history.

    The e1RM is the best set of the lift's last session (cut after a layoff); the load is
    e1RM × %1RM(reps, RIR) × (1 + readiness modifier), then rounded and guarded against that
    session's heaviest load. Without usable history a guided AMRAP test is prescribed.

    Args:
        history: Logged sets of any exercises, each with ``day``; later days are ignored.
        target: Exercise name, or a target with explicit sets/reps/RIR.
        goal: 0 = strength … 1 = hypertrophy, for what the target leaves open.
        readiness: Today's readiness z-score (``readiness_z``), or None.
        profile: The user's loading profile.
        today: The date the session is for.
        params: Goal, readiness, confidence and guardrail choices.

    Returns:
        The prescription with explanation, confidence and plates.

    Raises:
        StrengthInputError: The target reps or RIR are out of range.
    """
    target = SessionTarget(target) if isinstance(target, str) else target
    sets, reps, rir = goal_targets(goal, params)
    shape = (target.sets or sets, target.reps or reps, rir if target.rir is None else target.rir)
    days, last = _last_session(history, target.exercise, today, params)
    if not last:
        return _amrap_test(target, profile, params)
    top, e1rm_kg = max(last, key=lambda pair: pair[1])
    wanted_kg, steps = _target_load(e1rm_kg, (today - max(days)).days, shape, readiness, params)
    notes = [f"from e1RM {_num(profile.from_kg(e1rm_kg))} {profile.unit}", *steps]
    gear = equipment_of(target.exercise, target.equipment)
    wanted = profile.from_kg(wanted_kg)
    previous = _unit_load(max(s.weight_kg for s, _ in last), profile)
    load = guard_load(wanted, previous, profile, gear, params.guardrails)
    if load < makeable_load(wanted, profile, gear):
        notes.append(f"capped near +{params.guardrails.max_increase:.1%} over {_num(previous)}")
    effort = top.rpe is not None or top.rir is not None
    confidence = _confidence(days, today, effort, params)
    return _make(target, shape, load, profile, ", ".join(notes), confidence, round(e1rm_kg, 2))
