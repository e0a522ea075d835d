"""Estimated one-rep max (e1RM) from a set: the classic formulas, the RPE chart, AUTO choice.

Behaviour at r = 1 (a single), for weight w:

=================  ===========  ==============================================================
formula            r = 1        choice
=================  ===========  ==============================================================
Epley              w            special-cased: a single carries no reps-to-failure information,
                                so the lifted weight is the estimate (``single_is_max``)
Epley + RIR        w at RIR 0   same rule when reps + RIR = 1; otherwise w·(1 + (r+RIR)/30)
Brzycki            w            as published, w·36/(37 − r)
Lombardi           w            as published, w·r^0.10
O'Conner           1.025 w      as published, w·(1 + 0.025 r)
Extended Epley     1.034 w      as published, w / (1 − 0.0333·(r + max(0, RIR − b)))
=================  ===========  ==============================================================

Extended Epley is the reciprocal form with 0.0333 (not 1/30); it blows up as
0.0333·r_eff → 1, so it refuses more than ``EXTENDED_EPLEY_MAX_REPS`` effective reps (×3 load).
Its RIR bias ``b`` defaults to 0 (the reported RIR is trusted until ``learn_rir_bias`` says
otherwise). When effort is known, the rep formulas use reps to failure, r + RIR.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from engine.rpe_chart import (
    DEFAULT_CHART,
    MAX_REPS,
    MAX_RIR,
    ChartParams,
    StrengthInputError,
    check_reps,
    effort_to_rpe,
    in_chart,
    percent_1rm,
)

__all__ = [
    "E1rm",
    "Formula",
    "RirBiasParams",
    "RirObservation",
    "StrengthInputError",
    "brzycki",
    "epley",
    "epley_rir",
    "estimate_1rm",
    "extended_epley",
    "learn_rir_bias",
    "lombardi",
    "oconner",
]

EXTENDED_EPLEY_SLOPE = 0.0333  # as specified; deliberately not 1/30
EXTENDED_EPLEY_MAX_REPS = 20.0  # 1 / (1 - 0.666) = 3.0× the load; beyond this it runs away
DEFAULT_RIR_BIAS = 0.0  # trust the reported RIR until history says otherwise


class Formula(Enum):
    """The e1RM method a user can pick; AUTO uses the chart when effort is known."""

    AUTO = "auto"
    EPLEY = "epley"
    BRZYCKI = "brzycki"
    LOMBARDI = "lombardi"
    OCONNER = "oconner"
    RPE_CHART = "rpe_chart"
    EXTENDED_EPLEY = "extended_epley"


@dataclass(frozen=True, slots=True)
class E1rm:
    """An e1RM estimate and how it was made."""

    value_kg: float
    method: Formula  # the method actually used (never AUTO)
    rir: float | None  # the RIR the estimate assumed (after bias), None when effort unknown
    fallback: bool = False  # True when the chart was wanted but the set lies outside it


def _check_set(weight: float, reps: int, rir: float) -> None:
    """Raise unless the weight is positive, reps whole 1-30 and RIR 0-10."""
    if not weight > 0:
        raise StrengthInputError("A 1RM estimate needs a weight above zero.")
    check_reps(reps)
    if not 0 <= rir <= MAX_RIR:
        raise StrengthInputError("Reps in reserve must be between 0 and 10.")


def epley(weight: float, reps: int, *, single_is_max: bool = True) -> float:
    """Return Epley's e1RM, w·(1 + r/30); a single returns w unless ``single_is_max`` is off."""
    return epley_rir(weight, reps, 0.0, single_is_max=single_is_max)


def epley_rir(weight: float, reps: int, rir: float, *, single_is_max: bool = True) -> float:
    """Return Epley with reps to failure, w·(1 + (r + RIR)/30); w for a single at RIR 0."""
    _check_set(weight, reps, rir)
    if single_is_max and reps == 1 and rir == 0:
        return float(weight)
    return weight * (1.0 + (reps + rir) / 30.0)


def brzycki(weight: float, reps: int) -> float:
    """Return Brzycki's e1RM, w·36/(37 − r); reps stop at 30, well before the pole at 37."""
    _check_set(weight, reps, 0.0)
    return _brzycki(weight, reps)


def lombardi(weight: float, reps: int) -> float:
    """Return Lombardi's e1RM, w·r^0.10."""
    _check_set(weight, reps, 0.0)
    return _lombardi(weight, reps)


def oconner(weight: float, reps: int) -> float:
    """Return O'Conner's e1RM, w·(1 + 0.025·r)."""
    _check_set(weight, reps, 0.0)
    return _oconner(weight, reps)


def _brzycki(weight: float, to_failure: float) -> float:
    return weight * 36.0 / (37.0 - to_failure)


def _lombardi(weight: float, to_failure: float) -> float:
    return weight * to_failure**0.10


def _oconner(weight: float, to_failure: float) -> float:
    return weight * (1.0 + 0.025 * to_failure)


def extended_epley(weight: float, reps: int, rir: float, bias: float = DEFAULT_RIR_BIAS) -> float:
    """Return the reciprocal 'Extended Epley', w / (1 − 0.0333·(r + max(0, RIR − b))).

    Raises:
        StrengthInputError: More than 20 effective reps, where the formula runs away.
    """
    _check_set(weight, reps, rir)
    effective = reps + max(0.0, rir - bias)
    if effective > EXTENDED_EPLEY_MAX_REPS:
        raise StrengthInputError(
            "Extended Epley cannot estimate a 1RM from more than 20 reps to failure; "
            "pick another formula for high-rep sets."
        )
    return weight / (1.0 - EXTENDED_EPLEY_SLOPE * effective)


_REP_FORMULAS = {Formula.BRZYCKI: _brzycki, Formula.LOMBARDI: _lombardi, Formula.OCONNER: _oconner}


def _by_reps(method: Formula, weight: float, reps: int, rir: float) -> float:
    """Apply a rep formula to reps to failure, r + RIR, capped at 30."""
    if method is Formula.EPLEY:
        return epley_rir(weight, reps, rir)
    return _REP_FORMULAS[method](weight, min(reps + rir, float(MAX_REPS)))


def estimate_1rm(
    weight: float,
    reps: int,
    rpe: float | None = None,
    rir: float | None = None,
    method: Formula = Formula.AUTO,
    rir_bias: float = DEFAULT_RIR_BIAS,
    chart: ChartParams = DEFAULT_CHART,
) -> E1rm:
    """Estimate a one-rep max from one set.

    AUTO reads the RPE chart when RPE or RIR is known (outside the chart it falls back to Epley
    with reps to failure, floored at the chart's edge and reported as EPLEY with ``fallback``
    set) and uses plain Epley when effort is unknown. A chosen formula uses reps to failure
    (r + RIR) when effort is known; RPE_CHART without effort assumes a rep max (RPE 10).

    Args:
        weight: Load lifted, kg (> 0).
        reps: Whole reps, 1-30.
        rpe: RPE of the set, if known.
        rir: Reps in reserve, if known (RPE = 10 − RIR).
        method: Which formula to use.
        rir_bias: Learned RIR over-report b; the RIR used is max(0, RIR − b).
        chart: RPE chart reading choices.

    Returns:
        The estimate with the method actually used.

    Raises:
        StrengthInputError: Weight, reps or effort are out of range or inconsistent.
    """
    _check_set(weight, reps, 0.0)
    effort = effort_to_rpe(rpe, rir)
    reported = None if effort is None else 10.0 - effort
    if method is Formula.EXTENDED_EPLEY:
        value = extended_epley(weight, reps, reported or 0.0, rir_bias)
        return E1rm(value, method, max(0.0, (reported or 0.0) - rir_bias))
    used = None if reported is None else min(MAX_RIR, max(0.0, reported - rir_bias))
    if method is Formula.AUTO:
        method = Formula.EPLEY if used is None else Formula.RPE_CHART
    if method is not Formula.RPE_CHART:
        return E1rm(_by_reps(method, weight, reps, used or 0.0), method, used)
    chart_rir = used or 0.0  # no effort given: read the set as a rep max
    value = weight * 100.0 / percent_1rm(reps, rir=chart_rir, params=chart)
    if in_chart(reps, 10.0 - chart_rir):
        return E1rm(value, Formula.RPE_CHART, chart_rir)
    return E1rm(value, Formula.EPLEY, chart_rir, fallback=True)


@dataclass(frozen=True, slots=True)
class RirObservation:
    """A set with its reported RIR, and the e1RM the athlete showed soon after."""

    weight_kg: float
    reps: int
    reported_rir: float
    shown_e1rm_kg: float  # from a later heavier or AMRAP set, within a few weeks


@dataclass(frozen=True, slots=True)
class RirBiasParams:
    """Choices for learning how far an athlete's reported RIR is off."""

    # Fewer observations than this say too little; the default bias 0 is kept.
    min_observations: int = 3
    # Clamp: a bias beyond ±2 reps means the scale is misunderstood, not miscalibrated.
    min_bias: float = -2.0
    max_bias: float = 2.0


def _actual_rir(obs: RirObservation) -> float | None:
    """Invert Extended Epley: the RIR the set really had, given the e1RM shown later."""
    if obs.weight_kg <= 0 or obs.shown_e1rm_kg <= 0 or obs.reps < 1:
        return None
    to_failure = (1.0 - obs.weight_kg / obs.shown_e1rm_kg) / EXTENDED_EPLEY_SLOPE
    return max(0.0, to_failure - obs.reps)  # reserve cannot be negative


def learn_rir_bias(
    observations: Sequence[RirObservation], params: RirBiasParams = RirBiasParams()
) -> float:
    """Learn the RIR bias b: how many reps the athlete over-reports their reserve by.

    For each set, the RIR it really had is found by inverting Extended Epley with the e1RM the
    athlete later showed: RIR = (1 − w/e1RM)/0.0333 − r (never below 0). The bias is the median
    of reported − actual, clamped, rounded to 0.1; positive means "says 3 in the tank, had 1".

    Args:
        observations: Sets with reported RIR and the e1RM shown afterwards.
        params: Minimum evidence and clamp.

    Returns:
        The bias b for ``extended_epley``/``estimate_1rm``; 0.0 with too little evidence.
    """
    gaps = []
    for obs in observations:
        actual = _actual_rir(obs)
        if actual is not None and obs.reported_rir >= 0:
            gaps.append(obs.reported_rir - actual)
    if len(gaps) < params.min_observations:
        return DEFAULT_RIR_BIAS
    bias = min(params.max_bias, max(params.min_bias, statistics.median(gaps)))
    return round(bias, 1) + 0.0  # + 0.0 turns -0.0 into 0.0
