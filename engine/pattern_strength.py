"""Pattern Strength Index: how strong each movement pattern is now versus the athlete's best.

For every lift, the best e1RM of the last 28 days (``window_days``) is divided by the lift's
all-time best e1RM (that window included), so 100 means "at your best" and 90 means "10 %
below it". A pattern's index is the mean over its lifts that were trained in the window, so
one neglected variation does not drag the pattern down. Lifts not in the catalog, and
patterns without recent training, are left out. Pure function of the history passed in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from engine.catalog import CATALOG

WINDOW_DAYS = 28  # "current" = the last 4 weeks, today included


@dataclass(frozen=True, slots=True)
class E1rmObservation:
    """One e1RM estimate of one lift on one day."""

    day: date
    exercise: str
    e1rm_kg: float


def pattern_strength(
    history: Sequence[E1rmObservation],
    today: date,
    window_days: int = WINDOW_DAYS,
    patterns: Mapping[str, str] | None = None,
) -> dict[str, float]:
    """Return each trained pattern's index, 0-100 (100 = at the all-time best).

    Args:
        history: e1RM observations of any lifts; ones after ``today`` are ignored.
        today: The day the index is for.
        window_days: Length of the "current" window ending today.
        patterns: Exercise → pattern; defaults to the catalog's patterns.

    Returns:
        Pattern → index rounded to 0.1, for patterns with a lift trained in the window.
    """
    pattern_of = patterns if patterns is not None else {n: e.pattern for n, e in CATALOG.items()}
    start = today - timedelta(days=window_days - 1)
    best: dict[str, float] = {}
    recent: dict[str, float] = {}
    for obs in history:
        if obs.day > today or obs.e1rm_kg <= 0 or obs.exercise not in pattern_of:
            continue
        best[obs.exercise] = max(best.get(obs.exercise, 0.0), obs.e1rm_kg)
        if obs.day >= start:
            recent[obs.exercise] = max(recent.get(obs.exercise, 0.0), obs.e1rm_kg)
    ratios: dict[str, list[float]] = {}
    for lift, value in recent.items():
        ratios.setdefault(pattern_of[lift], []).append(value / best[lift])
    return {p: round(100 * sum(r) / len(r), 1) for p, r in sorted(ratios.items())}
