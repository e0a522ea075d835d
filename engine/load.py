"""Training-load models: daily loads per local day, PMC (CTL/ATL/TSB), ACWR, monotony, strain.

Every model takes one load per LOCAL calendar day, rest days included as 0. The unit is the
project's load point, on the hrTSS scale (100 = one hour at threshold); strength sessions are
brought onto it by ``strength_session_load``.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

CTL_DAYS = 42
ATL_DAYS = 7
EWMA_ACUTE = 2 / (7 + 1)
EWMA_CHRONIC = 2 / (28 + 1)
DEFAULT_SESSION_RPE = 7.0
DEFAULT_SET_SLOT_MIN = 3.0
"""Minutes one set occupies with the rest after it."""


def daily_loads(
    items: Iterable[tuple[datetime, float]], tz: ZoneInfo, start: date, end: date
) -> list[float]:
    """Sum loads per local calendar day from ``start`` to ``end`` inclusive; empty days are 0.

    Args:
        items: (aware start time, load) pairs; items outside the range are ignored.
        tz: The athlete's zone: an activity belongs to the local date it started on.
        start: First day of the result.
        end: Last day of the result.

    Returns:
        One load per day; index 0 is ``start``. Days are counted by date, so a DST day is
        still one entry.

    Raises:
        ValueError: A start time is naive (no timezone).
    """
    days = [0.0] * ((end - start).days + 1)
    for when, load in items:
        if when.tzinfo is None:
            raise ValueError("daily_loads needs aware datetimes")
        index = (when.astimezone(tz).date() - start).days
        if 0 <= index < len(days):
            days[index] += load
    return days


@dataclass(frozen=True, slots=True)
class PmcDay:
    """Fitness (CTL), fatigue (ATL) and form (TSB) for one day."""

    ctl: float
    atl: float
    tsb: float


def pmc(loads: Sequence[float], ctl0: float = 0.0, atl0: float = 0.0) -> list[PmcDay]:
    """Return the Performance Management Chart in the TrainingPeaks convention.

    CTL_t = CTL_{t−1} + (L_t − CTL_{t−1})/42 and ATL_t likewise with 7; TSB_t = CTL_{t−1} −
    ATL_{t−1}, the form going INTO day t, so day t's own load does not lower its TSB.

    Args:
        loads: One load per day, oldest first.
        ctl0: CTL on the day before the first load (a stored seed; 0 underestimates for weeks).
        atl0: ATL on the day before the first load.
    """
    ctl, atl = ctl0, atl0
    days = []
    for load in loads:
        tsb = ctl - atl
        ctl += (load - ctl) / CTL_DAYS
        atl += (load - atl) / ATL_DAYS
        days.append(PmcDay(ctl, atl, tsb))
    return days


def ramp_rate(days: Sequence[PmcDay], index: int) -> float | None:
    """Return CTL change over the 7 days up to ``index``, or None without 7 days before it."""
    return days[index].ctl - days[index - 7].ctl if index >= 7 else None


def acwr_rolling(loads: Sequence[float], coupled: bool = True) -> list[float | None]:
    """Return the rolling acute:chronic workload ratio per day (7-day over 28-day means).

    Coupled: chronic = mean of days t−27..t (the acute week included); uncoupled: days
    t−27..t−7. A day is None before 28 days of history or when chronic load is 0.
    """
    ratios: list[float | None] = []
    for t in range(len(loads)):
        if t < 27:
            ratios.append(None)
            continue
        acute = sum(loads[t - 6 : t + 1]) / 7
        chronic_days = loads[t - 27 : t + 1] if coupled else loads[t - 27 : t - 6]
        chronic = sum(chronic_days) / len(chronic_days)
        ratios.append(acute / chronic if chronic > 0 else None)
    return ratios


def acwr_ewma(loads: Sequence[float]) -> list[float | None]:
    """Return the EWMA acute:chronic ratio (λ = 2/(N+1): 0.25 and 0.069, Williams 2017).

    Both averages are seeded with the first day's load, so day 1 reads 1.0 instead of the 3.6
    a zero seed gives; a day is None while chronic load is 0.
    """
    ratios: list[float | None] = []
    acute = chronic = loads[0] if loads else 0.0
    for i, load in enumerate(loads):
        if i:
            acute += EWMA_ACUTE * (load - acute)
            chronic += EWMA_CHRONIC * (load - chronic)
        ratios.append(acute / chronic if chronic > 0 else None)
    return ratios


def monotony(week: Sequence[float]) -> float | None:
    """Return Foster's monotony, mean/SD of 7 daily loads (population SD); None if SD is 0."""
    if len(week) != 7:
        raise ValueError("monotony needs exactly 7 daily loads")
    sd = statistics.pstdev(week)
    return statistics.fmean(week) / sd if sd > 0 else None


def strain(week: Sequence[float]) -> float | None:
    """Return Foster's strain, weekly load × monotony; None when monotony is undefined."""
    mono = monotony(week)
    return sum(week) * mono if mono is not None else None


def srpe(rpe: float, minutes: float) -> float:
    """Return Foster's session-RPE load in arbitrary units: CR-10 rating × minutes."""
    return rpe * minutes


def srpe_to_points(au: float) -> float:
    """Convert session-RPE units to load points: a maximal hour (RPE 10 × 60 min) scores 100.

    Threshold in TSS terms is the hardest effort sustainable for about an hour, so an hour at
    CR-10 "maximal" is mapped to TSS 100: points = AU / 6 (60 min at RPE 7 → 70).
    """
    return au / 6


def _set_rpe(item: object) -> float | None:
    """Read an RPE from a set-like object, or derive it from RIR (RPE = 10 − RIR)."""
    rpe = getattr(item, "rpe", None)
    if rpe is not None:
        return float(rpe)
    rir = getattr(item, "rir", None)
    return 10.0 - float(rir) if rir is not None else None


def _session_minutes(sets: Sequence[object]) -> float:
    """Span from the first to the last set start plus one slot, else a slot per set."""
    starts = [getattr(s, "start_time", None) for s in sets]
    if sets and all(isinstance(t, datetime) for t in starts):
        span = max(starts) - min(starts)
        return span.total_seconds() / 60 + DEFAULT_SET_SLOT_MIN
    return len(sets) * DEFAULT_SET_SLOT_MIN


def strength_session_load(
    sets: Sequence[object], *, minutes: float | None = None, rpe: float | None = None
) -> float:
    """Return a strength session's load in load points, so it adds up with endurance hrTSS.

    sRPE (Foster 2001) = session RPE × minutes, converted by ``srpe_to_points``. Sets are
    duck-typed: optional ``rpe`` or ``rir`` and ``start_time`` (aware datetime) attributes.

    Args:
        sets: The session's working sets, in order.
        minutes: Session length; default is the span of the set start times plus one 3-min
            slot for the last set, else 3 min per set.
        rpe: Session RPE (CR-10); default is the mean of the sets' RPEs, else 7.

    Returns:
        Load points; 0 for an empty session.
    """
    if not sets:
        return 0.0
    if rpe is None:
        rated = [r for r in map(_set_rpe, sets) if r is not None]
        rpe = statistics.fmean(rated) if rated else DEFAULT_SESSION_RPE
    if minutes is None:
        minutes = _session_minutes(sets)
    return srpe_to_points(srpe(rpe, minutes))
