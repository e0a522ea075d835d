"""Project parameters for prescriptions and programs, each field with its rationale."""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.deload import DEFAULT_DELOAD, DEFAULT_READINESS, DeloadParams, ReadinessParams
from engine.e1rm import Formula
from engine.loading import DEFAULT_GUARDRAILS, GuardrailParams


@dataclass(frozen=True, slots=True)
class ProgramParams:
    """How programs are shaped; defaults are heuristics, documented here."""

    # Deload every Nth week (SPORTSCI §6, default 5) and what a deload week cuts.
    deload: DeloadParams = field(default=DEFAULT_DELOAD)
    # A pattern is a main lift on at most 2 days a week, and never on consecutive days.
    max_main_days_per_pattern: int = 2
    # Two main lifts need ~45 minutes with warm-ups; shorter sessions get one.
    two_mains_from_minutes: int = 50
    # Typical minutes per set including rest: heavy main sets rest ~3 min (accessory set time
    # comes from the goal profile), plus a warm-up ramp per main lift.
    main_minutes_per_set: float = 4.0
    warmup_minutes: float = 5.0
    time_tolerance: float = 0.10  # a session may run up to 10 % over the asked length
    min_sets: int = 2  # fewer work sets per exercise rarely pay for the set-up
    accessory_sets: int = 3  # accessories start here before volume is spread to new ones
    max_sets: int = 5  # more sets of one exercise in a session mostly add fatigue
    max_exercises: int = 8  # per session
    # Paused reps (second weekly squat/bench) are harder: plan them 10 % lighter.
    paused_factor: float = 0.90
    # Within a block, main-lift RIR falls 0.5 per week (RP-style ramp toward the deload).
    rir_step_per_week: float = 0.5
    # After a log: progress one step when targets are hit, two with 1+ RIR to spare;
    # hold after a miss; cut 5 % when half or more of the sets missed.
    spare_rir: float = 1.0
    cut_after_misses: float = 0.05
    guardrails: GuardrailParams = field(default=DEFAULT_GUARDRAILS)


DEFAULT_PROGRAM = ProgramParams()


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
    readiness: ReadinessParams = field(default=DEFAULT_READINESS)  # ±7 % (SPORTSCI §6)
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
