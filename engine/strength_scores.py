"""Strength scores of a squat + bench + deadlift total against body weight (SPORTSCI.md §7).

DOTS (BVDK, Tim Konertz; as implemented by OpenPowerlifting): total·500 / poly4(bw), body
weight clamped to 40–210 kg for men and 40–150 kg for women. Wilks 2 (Wilks 2020, coefficients
published by Powerlifting Australia): total·600 / poly5(bw), clamped to 40–200.95 kg men and
40–150.95 kg women. Totals here come from e1RMs, so the scores are estimates, not meet results.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from engine.errors import EngineError
from engine.hr import Sex

_DOTS = {
    "m": ((-307.75076, 24.0900756, -0.1918759221, 0.0007391293, -0.000001093), 210.0),
    "f": ((-57.96288, 13.6175032, -0.1126655495, 0.0005158568, -0.0000010706), 150.0),
}
_WILKS2 = {
    "m": ((47.4617885411949, 8.47206137941125, 0.073694103462609, -0.00139583381094385,
           0.00000707665973070743, -0.0000000120804336482315), 200.95),
    "f": ((-125.425539779509, 13.7121941940668, -0.0330725063103405, -0.0010504000506583,
           0.00000938773881462799, -0.000000023334613884954), 150.95),
}
BIG_THREE: tuple[str, ...] = ("squat", "bench press", "deadlift")


class ScoreError(EngineError):
    """A body weight or total that no score can be computed for."""


def _poly(coefficients: Sequence[float], x: float) -> float:
    return sum(c * x**i for i, c in enumerate(coefficients))


def _coefficient(table: Mapping[str, tuple], sex: Sex, bw_kg: float, scale: float) -> float:
    if sex not in table:
        raise ScoreError("Sex must be 'm' or 'f'.")
    if not bw_kg > 0:
        raise ScoreError("Body weight must be a positive number of kilograms.")
    coefficients, top = table[sex]
    return scale / _poly(coefficients, min(max(bw_kg, 40.0), top))


def dots_coefficient(sex: Sex, bodyweight_kg: float) -> float:
    """Return the DOTS multiplier for a body weight."""
    return _coefficient(_DOTS, sex, bodyweight_kg, 500.0)


def wilks2_coefficient(sex: Sex, bodyweight_kg: float) -> float:
    """Return the Wilks 2 (2020) multiplier for a body weight."""
    return _coefficient(_WILKS2, sex, bodyweight_kg, 600.0)


def dots(sex: Sex, bodyweight_kg: float, total_kg: float) -> float:
    """Return the DOTS score of a total lifted at a body weight."""
    return total_kg * dots_coefficient(sex, bodyweight_kg)


def wilks2(sex: Sex, bodyweight_kg: float, total_kg: float) -> float:
    """Return the Wilks 2 score of a total lifted at a body weight."""
    return total_kg * wilks2_coefficient(sex, bodyweight_kg)


@dataclass(frozen=True, slots=True)
class StrengthScores:
    """A big-three total from e1RMs and its scores."""

    total_kg: float
    bodyweight_kg: float
    dots: float
    wilks2: float


def big_three_scores(
    e1rms: Mapping[str, float], bodyweight_kg: float | None, sex: Sex
) -> StrengthScores | None:
    """Return the scores of the squat + bench + deadlift e1RM total, or None if one is missing."""
    if bodyweight_kg is None or bodyweight_kg <= 0:
        return None
    lifts = [e1rms.get(name) for name in BIG_THREE]
    if any(value is None or value <= 0 for value in lifts):
        return None
    total = sum(lifts)  # type: ignore[arg-type]
    return StrengthScores(total, bodyweight_kg, dots(sex, bodyweight_kg, total),
                          wilks2(sex, bodyweight_kg, total))
