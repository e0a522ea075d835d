"""Deloads and readiness (SPORTSCI §6): when to back off, by how much, and today's modifier.

No authoritative thresholds exist; every number here is a documented project parameter.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from engine.loading import KG_PROFILE, LoadingProfile, equipment_of, makeable_load
from engine.program_model import PlannedExercise, PlannedSession, warmup_sets

REASONS = ("scheduled", "e1rm_drop", "rir_misses", "acwr")


@dataclass(frozen=True, slots=True)
class ReadinessParams:
    """How a readiness z-score changes today's loads."""

    # SPORTSCI §6 offers a step (±7 % at |z| ≥ 1) or a linear clamp(0.07·z, ±0.07). Linear is
    # the default: no cliff at |z| = 1, and small z barely moves a load once it is rounded.
    mode: str = "linear"
    max_change: float = 0.07
    # Fewer baseline readings than this, or a baseline without spread (SD 0), give no z.
    min_baseline: int = 3


DEFAULT_READINESS = ReadinessParams()


def readiness_z(
    value: float,
    baseline: Sequence[float],
    *,
    lower_is_better: bool = False,
    params: ReadinessParams = DEFAULT_READINESS,
) -> float | None:
    """Return today's readiness z-score against earlier readings.

    Args:
        value: Today's reading (HRV, sleep score, resting HR...).
        baseline: Earlier readings; today must not be among them.
        lower_is_better: Flip the sign, e.g. for resting heart rate.
        params: Minimum baseline length.

    Returns:
        (value − mean) / sample SD, or None when the baseline is too short or has SD 0
        (nothing can be said, so nothing should change).
    """
    if len(baseline) < max(2, params.min_baseline):
        return None
    spread = statistics.stdev(baseline)
    if spread == 0:
        return None
    z = (value - statistics.fmean(baseline)) / spread
    return -z if lower_is_better else z


def readiness_modifier(z: float | None, params: ReadinessParams = DEFAULT_READINESS) -> float:
    """Return the load change for a readiness z, e.g. −0.05 for −5 %; 0 when z is unknown."""
    if z is None:
        return 0.0
    top = params.max_change
    if params.mode == "step":
        return top if z >= 1 else -top if z <= -1 else 0.0
    return max(-top, min(top, top * z))


@dataclass(frozen=True, slots=True)
class SetResult:
    """A logged work set against its target."""

    target_reps: int
    done_reps: int
    target_rir: float | None = None
    actual_rir: float | None = None

    def missed(self, margin: float = 1.0) -> bool:
        """Return True for missed reps or an RIR more than ``margin`` below target."""
        if self.done_reps < self.target_reps:
            return True
        if self.target_rir is None or self.actual_rir is None:
            return False
        return self.actual_rir < self.target_rir - margin


@dataclass(frozen=True, slots=True)
class SessionPerformance:
    """One lift in one session: its best e1RM and its work sets."""

    day: date
    exercise: str
    e1rm_kg: float | None
    sets: tuple[SetResult, ...] = ()


@dataclass(frozen=True, slots=True)
class DeloadParams:
    """When to deload and what a deload week does."""

    every_weeks: int = 5  # SPORTSCI §6 default; surveyed athletes: every 5.6 ± 2.3 weeks
    e1rm_drop: float = 0.05  # latest e1RM this far below the best of the previous sessions
    lookback_sessions: int = 3  # ... of this many previous sessions, all required
    rir_miss_margin: float = 1.0  # a set misses when actual RIR < target − 1 (or reps missed)
    rir_misses: int = 3  # this many missed sets in the window trigger a deload
    window_days: int = 7  # performance triggers look at the last week only
    acwr_limit: float = 1.5  # strictly above (Gabbett 2016 "danger zone"; validity contested)
    # The deload week: sets −40 %, loads −10 %, two more reps in reserve. Survey athletes cut
    # volume more than intensity (Rogerson et al. 2024); −10 % load keeps the groove.
    volume_cut: float = 0.40
    intensity_cut: float = 0.10
    rir_add: float = 2.0


DEFAULT_DELOAD = DeloadParams()


@dataclass(frozen=True, slots=True)
class DeloadDecision:
    """A deload to take: which week, why, and how it changes the sessions."""

    week: int  # program week (1-based) the deload applies to
    starts_on: date | None  # None while a program has no start date
    reasons: tuple[str, ...]  # codes from REASONS
    message: str  # user-facing explanation
    volume_factor: float
    intensity_factor: float
    rir_add: float


def _e1rm_drops(
    recent: Sequence[SessionPerformance], since: date, params: DeloadParams
) -> list[str]:
    """Describe lifts whose latest e1RM (within the window) fell below their recent best."""
    found = []
    for lift in sorted({p.exercise for p in recent}):
        runs = sorted((p for p in recent if p.exercise == lift and p.e1rm_kg), key=lambda p: p.day)
        if len(runs) <= params.lookback_sessions or runs[-1].day <= since:
            continue
        latest = runs[-1].e1rm_kg or 0.0
        best = max(p.e1rm_kg or 0.0 for p in runs[-1 - params.lookback_sessions : -1])
        if latest <= best * (1 - params.e1rm_drop) + 1e-9:  # exactly 5 % counts
            found.append(
                f"{lift} e1RM {latest:.0f} kg is {1 - latest / best:.0%} below your best of the "
                f"previous {params.lookback_sessions} sessions ({best:.0f} kg)"
            )
    return found


def _week_of(today: date, start: date) -> int:
    return (today - start).days // 7 + 1


def deload_check(
    today: date,
    program_start: date,
    recent: Sequence[SessionPerformance],
    acwr: float | None,
    params: DeloadParams = DEFAULT_DELOAD,
) -> DeloadDecision | None:
    """Decide whether a deload is due.

    A scheduled deload (every Nth program week) applies to the current week. Performance
    (an e1RM drop, or too many sets missing their RIR target in the last week) and load
    (ACWR strictly above the limit) triggers apply to the coming week.

    Args:
        today: The date to judge.
        program_start: First day of program week 1.
        recent: Recent sessions per lift (a few weeks is enough).
        acwr: Acute:chronic workload ratio, or None when unknown.
        params: Thresholds and the deload's size.

    Returns:
        The decision, or None when no deload is due.
    """
    if today < program_start:
        return None
    week = _week_of(today, program_start)
    if week % params.every_weeks == 0:
        return scheduled_deload(week, program_start, params)
    since = today - timedelta(days=params.window_days)
    window = [p for p in recent if since < p.day <= today]
    reasons, texts = [], []
    drops = _e1rm_drops([p for p in recent if p.day <= today], since, params)
    if drops:
        reasons.append("e1rm_drop")
        texts += drops
    misses = sum(s.missed(params.rir_miss_margin) for p in window for s in p.sets)
    if misses >= params.rir_misses:
        reasons.append("rir_misses")
        texts.append(f"{misses} sets missed their reps or RIR target this week")
    if acwr is not None and acwr > params.acwr_limit:
        reasons.append("acwr")
        texts.append(f"your training load ratio is {acwr:.2f}, above {params.acwr_limit:g}")
    if not reasons:
        return None
    if (week + 1) % params.every_weeks == 0:
        reasons.append("scheduled")
    return _decision(week + 1, program_start, tuple(reasons), texts, params)


def scheduled_deload(
    week: int, program_start: date | None = None, params: DeloadParams = DEFAULT_DELOAD
) -> DeloadDecision:
    """Return the time-based deload of a program week (every ``every_weeks``th week)."""
    return _decision(week, program_start, ("scheduled",), [], params)


def _decision(
    week: int,
    start: date | None,
    reasons: tuple[str, ...],
    texts: list[str],
    params: DeloadParams,
) -> DeloadDecision:
    """Build the decision and its user-facing message."""
    how = (
        f"cut sets by {params.volume_cut:.0%} and loads by {params.intensity_cut:.0%}, "
        f"and keep {params.rir_add:g} more reps in reserve"
    )
    if texts:
        message = f"Deload next week (week {week}): {'; '.join(texts)}. Plan: {how}."
    else:
        message = f"Deload week {week} (a deload every {params.every_weeks} weeks): {how}."
    return DeloadDecision(
        week=week,
        starts_on=None if start is None else start + timedelta(weeks=week - 1),
        reasons=reasons,
        message=message,
        volume_factor=1 - params.volume_cut,
        intensity_factor=1 - params.intensity_cut,
        rir_add=params.rir_add,
    )


def _lighter(
    planned: PlannedExercise, decision: DeloadDecision, profile: LoadingProfile
) -> PlannedExercise:
    """Return one exercise deloaded: fewer sets, lighter, more reps in reserve."""
    factor = decision.intensity_factor
    load = None
    gear = equipment_of(planned.exercise)
    if planned.load_kg is not None:
        # Round down: a deload must never come out heavier than the cut asks for.
        lighter = makeable_load(profile.from_kg(planned.load_kg * factor), profile, gear, "down")
        load = profile.to_kg(lighter)
    percent = None if planned.percent_1rm is None else round(planned.percent_1rm * factor, 1)
    return replace(
        planned,
        sets=max(1, int(planned.sets * decision.volume_factor + 0.5)),
        rir=planned.rir + decision.rir_add,
        percent_1rm=percent,
        load_kg=load,
        warmup=warmup_sets(load, profile, gear) if planned.warmup else (),
    )


def apply_deload(
    week_sessions: Sequence[PlannedSession],
    decision: DeloadDecision,
    profile: LoadingProfile = KG_PROFILE,
) -> tuple[PlannedSession, ...]:
    """Turn a week's sessions into deload sessions.

    Args:
        week_sessions: The planned sessions of the week the decision applies to.
        decision: How much to cut.
        profile: Used to keep deloaded loads makeable.

    Returns:
        The sessions with sets × volume factor (half-up, at least 1), loads and %1RM ×
        intensity factor, RIR targets raised, and block "deload".
    """
    return tuple(
        replace(
            s, block="deload", exercises=tuple(_lighter(e, decision, profile) for e in s.exercises)
        )
        for s in week_sessions
    )
