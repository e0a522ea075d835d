"""Prescribe the next set or session: e1RM × %1RM(target), readiness, rounding, guardrails."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from engine.catalog import CATALOG
from engine.e1rm import Formula, estimate_1rm
from engine.loading import (
    DEFAULT_GUARDRAILS,
    GuardrailParams,
    LoadingProfile,
    makeable_load,
    plates_per_side,
    to_hundredths,
)
from engine.rpe_chart import percent_1rm

READINESS_MODES = ("linear", "step")


@dataclass(frozen=True, slots=True)
class PrescriptionParams:
    """Project choices for prescribing loads; every default is a documented heuristic."""

    # Goal 0 = strength, 1 = hypertrophy, interpolated linearly. Strength: heavy low-rep sets
    # at RPE ~8 (Helms et al. 2016); hypertrophy: moderate reps closer to failure.
    strength_sets: int = 5
    strength_reps: int = 4
    strength_rir: float = 2.0
    hypertrophy_sets: int = 3
    hypertrophy_reps: int = 10
    hypertrophy_rir: float = 1.0
    # SPORTSCI §6: ±7 %; "linear" = clamp(0.07·z, ±0.07) (no cliff at |z| = 1, small z barely
    # moves a load once rounded), "step" = ±7 % once |z| ≥ 1.
    readiness_mode: str = "linear"
    readiness_max: float = 0.07
    # Confidence: full after this many sessions of the lift in the window, fading with age.
    confidence_sessions: int = 4
    confidence_window_days: int = 56
    fresh_days: int = 14  # history this recent counts fully
    stale_days: int = 90  # history this old counts at stale_weight
    stale_weight: float = 0.2
    no_effort_weight: float = 0.8  # a top set without RPE/RIR is read as a rep max
    # After a layoff, strength drops; a conservative cut avoids a crushing first session back.
    layoff_days: int = 28
    layoff_cut: float = 0.10
    # Cold start: one AMRAP set stopping at RIR 1 from a weight the lifter can do ~10 times.
    test_reps: int = 10
    test_rir: float = 1.0
    formula: Formula = Formula.AUTO
    rir_bias: float = 0.0
    guardrails: GuardrailParams = field(default=DEFAULT_GUARDRAILS)


DEFAULT_PRESCRIPTION = PrescriptionParams()


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


def readiness_z(
    value: float, baseline: Sequence[float], *, lower_is_better: bool = False
) -> float | None:
    """Return today's readiness z-score against a baseline that excludes today.

    Args:
        value: Today's reading (HRV, sleep score, resting HR...).
        baseline: Earlier readings, today excluded.
        lower_is_better: Flip the sign, e.g. for resting heart rate.

    Returns:
        (value − mean) / sample SD; None with fewer than 3 readings or no spread (SD = 0),
        since then nothing can be said and no adjustment should follow.
    """
    if len(baseline) < 3:
        return None
    spread = statistics.stdev(baseline)
    if spread == 0:
        return None
    z = (value - statistics.fmean(baseline)) / spread
    return -z if lower_is_better else z


def readiness_modifier(
    z: float | None, params: PrescriptionParams = DEFAULT_PRESCRIPTION
) -> float:
    """Return the load multiplier offset for a readiness z, e.g. −0.05 for −5 %; 0 if unknown."""
    if z is None:
        return 0.0
    top = params.readiness_max
    if params.readiness_mode == "step":
        return top if z >= 1 else -top if z <= -1 else 0.0
    return max(-top, min(top, top * z))


def goal_targets(goal: float, params: PrescriptionParams = DEFAULT_PRESCRIPTION) -> tuple[int, int, float]:
    """Return (sets, reps, RIR) for a goal from 0 (strength) to 1 (hypertrophy)."""
    g = max(0.0, min(1.0, goal))

    def lerp(a: float, b: float) -> float:
        return a + (b - a) * g

    sets = int(lerp(params.strength_sets, params.hypertrophy_sets) + 0.5)
    reps = int(lerp(params.strength_reps, params.hypertrophy_reps) + 0.5)
    rir = int(lerp(params.strength_rir, params.hypertrophy_rir) * 2 + 0.5) / 2
    return sets, reps, rir


def equipment_of(exercise: str, given: str | None = None) -> str:
    """Return the equipment to load an exercise with: as given, from the catalog, or barbell."""
    if given:
        return given
    known = CATALOG.get(exercise)
    return known.equipment if known else "barbell"


def _num(value: float) -> str:
    """Format a load for text: one decimal at most, no trailing zero."""
    return f"{to_hundredths(value) / 100:.1f}".removesuffix(".0")


def _effort(done: DoneSet) -> str:
    if done.rpe is not None:
        return f" @ RPE {done.rpe:g}"
    return "" if done.rir is None else f" @ RIR {done.rir:g}"


def _prescribe(
    target: SessionTarget, shape: tuple[int, int, float], load: float, profile: LoadingProfile
) -> dict[str, object]:
    """Return the fields every prescription shares: load in both units and plates."""
    sets, reps, rir = shape
    barbell = equipment_of(target.exercise, target.equipment) in ("barbell", "trap bar")
    return {
        "exercise": target.exercise,
        "sets": sets,
        "reps": reps,
        "rir": rir,
        "load": load,
        "load_kg": profile.to_kg(load),
        "unit": profile.unit,
        "plates": plates_per_side(load, profile) if barbell else None,
    }


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
    load = guard_load(wanted, _unit_load(done.weight_kg, profile), profile, gear, params.guardrails)
    unit = profile.unit
    explanation = (
        f"from e1RM {_num(profile.from_kg(e1rm.value_kg))} {unit} "
        f"({_num(_unit_load(done.weight_kg, profile))}×{done.reps}{_effort(done)}): "
        f"{target_reps} reps @ RIR {target_rir:g} = {pct:.1f} %"
    )
    known = e1rm.rir is not None
    return Prescription(
        **_prescribe(target, (1, target_reps, target_rir), load, profile),  # type: ignore[arg-type]
        explanation=explanation,
        confidence=0.9 if known else 0.9 * params.no_effort_weight,
        e1rm_kg=round(e1rm.value_kg, 2),
    )
