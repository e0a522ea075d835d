"""Body weight: reading a weigh-in from a command or a message, and its 7-day trend.

A weigh-in is written as ``/weight 82.5``, ``bw 82.5``, ``weight 82.5kg`` or ``weighed 181 lb``
(the forms engine.setlog's gate recognises as body mass and never logs as a set). Without a
unit the user's own unit is meant. The trend is the mean of the weigh-ins in the 7 days up to
and including each one (a rolling mean over days, not over entries).
"""

from __future__ import annotations

import datetime as dtm
import re
from collections.abc import Sequence
from dataclasses import dataclass

from engine.errors import EngineError
from engine.setlog.gate import body_mass
from engine.setlog.text import normalise

LB_KG = 0.45359237
BODY_KG = (25.0, 400.0)
TREND_DAYS = 7
_NUMBER = re.compile(
    r"\s*(?P<num>\d{1,3}(?:[.,]\d{1,2})?)\s*(?P<unit>kgs?|kilos?|lbs?|pounds)?\s*", re.IGNORECASE
)


class BodyWeightError(EngineError):
    """A weigh-in that is no plausible body weight."""


def to_kg(value: float, unit: str) -> float:
    """Return a mass in kilograms."""
    return value * LB_KG if unit == "lb" else value


def checked_kg(value: float, unit: str) -> float:
    """Return the mass in kg, refusing anything outside a human body weight."""
    kg = to_kg(value, unit)
    low, high = BODY_KG
    if not low <= kg <= high:
        shown = (
            f"{low / LB_KG:.0f}–{high / LB_KG:.0f} lb" if unit == "lb" else f"{low:g}–{high:g} kg"
        )
        raise BodyWeightError(f"{value:g} {unit} is no body weight I can log (I take {shown}).")
    return kg


def read_argument(text: str, default_unit: str) -> float:
    """Return kg from the argument of /weight (``82.5``, ``82,5 kg``, ``181lb``)."""
    m = _NUMBER.fullmatch(text or "")
    if m is None:
        raise BodyWeightError("Write your body weight as a number, like /weight 82.5.")
    unit = _unit(m["unit"]) or default_unit
    return checked_kg(float(m["num"].replace(",", ".")), unit)


def read_message(text: str, default_unit: str) -> float | None:
    """Return kg when a whole message is a weigh-in (``bw 82.5``), else None."""
    found = body_mass(normalise(text))
    if found is None:
        return None
    value, unit = found
    try:
        return checked_kg(value, unit or default_unit)
    except BodyWeightError:
        return None


def _unit(word: str | None) -> str | None:
    if word is None:
        return None
    return "kg" if word.lower().startswith("k") else "lb"


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One weigh-in and the 7-day mean up to it."""

    day: dtm.date
    kg: float
    trend_kg: float


def trend(weighins: Sequence[tuple[dtm.date, float]], days: int = TREND_DAYS) -> list[TrendPoint]:
    """Return each weigh-in (oldest first) with the mean of those in the ``days`` up to it."""
    ordered = sorted(weighins)
    points = []
    for day, kg in ordered:
        window = [w for d, w in ordered if day - dtm.timedelta(days=days - 1) <= d <= day]
        points.append(TrendPoint(day, kg, sum(window) / len(window)))
    return points


def change_over(points: Sequence[TrendPoint], days: int = TREND_DAYS) -> float | None:
    """Return the trend's change over the last ``days`` (None with too little history)."""
    if len(points) < 2:
        return None
    last = points[-1]
    earlier = [p for p in points if p.day <= last.day - dtm.timedelta(days=days)]
    base = earlier[-1] if earlier else points[0]
    return None if base is last else last.trend_kg - base.trend_kg
