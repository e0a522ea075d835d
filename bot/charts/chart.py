"""What every chart returns, the error for too little data, and unit-aware number formatting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from engine.errors import EngineError

Unit = Literal["kg", "lb"]

KG_PER_LB = 0.45359237
M_PER_KM = 1000.0
M_PER_MILE = 1609.344
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Chart:
    """A rendered chart: PNG bytes to send as a photo and a one-line caption."""

    png: bytes
    caption: str


class NotEnoughDataError(EngineError):
    """There is too little data for a meaningful chart; the message says what to log."""


def from_kg(kg: float, unit: Unit) -> float:
    """Convert kilograms to the user's weight unit."""
    return kg / KG_PER_LB if unit == "lb" else kg


def distance_unit(unit: Unit) -> tuple[str, float]:
    """Return the distance label and metres per unit that go with a weight unit."""
    return ("mi", M_PER_MILE) if unit == "lb" else ("km", M_PER_KM)


def fmt_number(value: float, decimals: int = 1) -> str:
    """Format with at most ``decimals`` decimals, dropping a trailing ``.0``."""
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def fmt_percent(fraction: float) -> str:
    """Format a signed relative change such as ``+4 %``."""
    return f"{round(fraction * 100):+d} %"


def fmt_signed(value: float) -> str:
    """Format a whole number with its sign, such as ``+12`` or ``-8``."""
    return f"{round(value):+d}"


def fmt_day(day: date) -> str:
    """Format a date as ``3 Mar`` (English month names, whatever the process locale)."""
    return f"{day.day} {MONTHS[day.month - 1]}"
