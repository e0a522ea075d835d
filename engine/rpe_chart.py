"""The RTS RPE chart: percent of 1RM for 1-12 reps at RPE 6.5-10, with an explicit fallback.

The chart (Tuchscherer's RTS table, as used by Helms et al. 2016 and Zourdos et al. 2016) gives
%1RM for a set of ``reps`` at an effort of ``rpe``, where RPE = 10 - RIR. Every cell depends
only on reps + RIR: one 0.5 RPE step is one diagonal step.

Choices made here (see ``ChartParams``):

- Fractional RPE (7.75) is interpolated linearly between the two bracketing half-point rows.
- Outside the chart (reps > 12 or RPE < 6.5) the table is never extrapolated. The fallback is
  Epley with reps to failure, %1RM = 100 / (1 + (reps + RIR) / 30), floored at the chart's
  nearest edge cell: a lifter who did 14 reps at RPE 10 could certainly have done 12, so the
  estimate is never weaker than the chart's 12-rep value. This keeps %1RM monotone (never
  rising with more reps or more RIR) across the boundary, where plain Epley would jump.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from engine.errors import EngineError

MIN_CHART_RPE = 6.5
MAX_CHART_REPS = 12
MAX_REPS = 30  # reps beyond this say nothing useful about a 1RM
MAX_RIR = 10.0

# %1RM by RPE row, reps 1..12 (RTS chart, SPORTSCI §1).
RPE_CHART: dict[float, tuple[float, ...]] = {
    10.0: (100.0, 95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0),
    9.5: (97.8, 93.9, 90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7),
    9.0: (95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0, 65.3),
    8.5: (93.9, 90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7, 64.0),
    8.0: (92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0, 65.3, 62.6),
    7.5: (90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7, 64.0, 61.3),
    7.0: (89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0, 65.3, 62.6, 59.9),
    6.5: (87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7, 64.0, 61.3, 58.6),
}


class StrengthInputError(EngineError):
    """A set's weight, reps or effort cannot be used for strength maths."""


@dataclass(frozen=True, slots=True)
class ChartParams:
    """Project choices for reading the RPE chart."""

    # SPORTSCI §1 pitfall: linear interpolation between half-point rows is the reference;
    # False rounds RPE to the nearest 0.5 instead (differs by up to ~0.6 % e1RM).
    interpolate: bool = True
    # Outside the chart use Epley + RIR, floored at the chart's nearest edge (module docstring).
    floor_fallback_at_edge: bool = True


DEFAULT_CHART = ChartParams()


def effort_to_rpe(rpe: float | None, rir: float | None) -> float | None:
    """Return the RPE a set was done at from RPE or RIR (RPE = 10 - RIR), None if unknown.

    Args:
        rpe: Rate of perceived exertion, 0-10, or None.
        rir: Reps in reserve, 0-10, or None.

    Returns:
        The RPE, or None when neither is given.

    Raises:
        StrengthInputError: A value is out of range, or both are given and disagree.
    """
    if rpe is not None and not 0 <= rpe <= 10:
        raise StrengthInputError("RPE must be between 0 and 10.")
    if rir is not None and not 0 <= rir <= MAX_RIR:
        raise StrengthInputError("Reps in reserve must be between 0 and 10.")
    if rpe is not None and rir is not None and not math.isclose(rpe, 10 - rir):
        raise StrengthInputError(f"RPE {rpe:g} and {rir:g} reps in reserve disagree.")
    if rpe is not None:
        return float(rpe)
    return None if rir is None else 10.0 - rir


def check_reps(reps: int) -> None:
    """Raise unless ``reps`` is a whole number of reps from 1 to MAX_REPS."""
    if isinstance(reps, bool) or not isinstance(reps, int) or not 1 <= reps <= MAX_REPS:
        raise StrengthInputError(f"Reps must be a whole number from 1 to {MAX_REPS}.")


def in_chart(reps: int, rpe: float) -> bool:
    """Return True when the chart covers this many reps at this RPE."""
    return 1 <= reps <= MAX_CHART_REPS and MIN_CHART_RPE <= rpe <= 10


def _chart_value(reps: int, rpe: float, interpolate: bool) -> float:
    """Read the chart at an in-range point, interpolating between half-point rows."""
    if not interpolate:
        rpe = math.floor(rpe * 2 + 0.5) / 2  # half-up to the nearest row
    low = math.floor(rpe * 2) / 2
    high = min(low + 0.5, 10.0)
    low_pct, high_pct = RPE_CHART[low][reps - 1], RPE_CHART[high][reps - 1]
    return low_pct + (high_pct - low_pct) * (rpe - low) / 0.5


def epley_percent(reps: int, rir: float) -> float:
    """Return Epley's %1RM for ``reps`` with ``rir`` in reserve: 100 / (1 + (reps + RIR) / 30)."""
    return 100.0 / (1.0 + (reps + rir) / 30.0)


def percent_1rm(
    reps: int,
    rpe: float | None = None,
    rir: float | None = None,
    params: ChartParams = DEFAULT_CHART,
) -> float:
    """Return the %1RM a set of ``reps`` at the given effort corresponds to.

    Args:
        reps: Whole reps, 1-30.
        rpe: RPE 0-10; give this or ``rir``. Neither means a rep max (RPE 10).
        rir: Reps in reserve, 0-10.
        params: Interpolation and fallback choices.

    Returns:
        Percent of one-rep max, e.g. 81.1 for 5 reps at RPE 8.

    Raises:
        StrengthInputError: Reps or effort are out of range or inconsistent.
    """
    check_reps(reps)
    effort = effort_to_rpe(rpe, rir)
    effort = 10.0 if effort is None else effort
    if in_chart(reps, effort):
        return _chart_value(reps, effort, params.interpolate)
    fallback = epley_percent(reps, 10.0 - effort)
    if not params.floor_fallback_at_edge:
        return fallback
    edge = _chart_value(min(reps, MAX_CHART_REPS), max(effort, MIN_CHART_RPE), params.interpolate)
    return min(fallback, edge)
