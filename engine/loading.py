"""Makeable loads: half-up rounding in exact decimals, plate math and progression guardrails.

All arithmetic on loads goes through ``Decimal`` built from the shortest float repr, so 101.25
is exactly 101.25 (not 101.2499…) and rounds half-up to 102.5 with a 2.5 step, where Python's
``round`` would give banker's 100. Loads in a ``LoadingProfile`` are in the user's unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from engine.errors import EngineError

KG_PER_LB = 0.45359237  # exact by definition
UNITS = ("kg", "lb")
_BARBELLS = frozenset({"barbell", "trap bar"})


class LoadingError(EngineError):
    """A loading profile or load cannot be used (bad unit, step or plates)."""


def dec(value: float) -> Decimal:
    """Return a float as the decimal it was written as (101.25 stays 101.25)."""
    return Decimal(repr(float(value)))


def to_hundredths(value: float) -> int:
    """Return ``value`` in integer hundredths, rounded half-up."""
    return int((dec(value) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def round_load(value: float, step: float, mode: str = "nearest") -> float:
    """Round a load to a multiple of ``step`` exactly, half-up by default.

    Args:
        value: The load, in any unit.
        step: The increment, in the same unit (> 0, whole hundredths).
        mode: "nearest" (half-up), "down" or "up".

    Returns:
        The rounded load, e.g. ``round_load(101.25, 2.5) == 102.5``.

    Raises:
        LoadingError: The step is not positive.
    """
    if not step > 0:
        raise LoadingError("The load step must be above zero.")
    rounding = {"nearest": ROUND_HALF_UP, "down": ROUND_FLOOR, "up": ROUND_CEILING}[mode]
    units = (dec(value) / dec(step)).quantize(Decimal(1), rounding=rounding)
    return float(units * dec(step))


def _kg_dumbbells() -> tuple[float, ...]:
    return tuple(2.5 * i for i in range(1, 21))  # fixed racks 2.5-50 kg in 2.5 kg steps


def _lb_dumbbells() -> tuple[float, ...]:
    return tuple(5.0 * i for i in range(1, 21))  # fixed racks 5-100 lb in 5 lb steps


@dataclass(frozen=True, slots=True)
class LoadingProfile:
    """What a user can load, in their unit: bar, plates per side, step and dumbbells."""

    unit: str = "kg"
    bar: float = 20.0  # Olympic men's bar (SPORTSCI §2)
    plates: tuple[float, ...] = (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25)  # per side
    step: float = 2.5  # smallest change: a pair of the smallest plates
    dumbbell_steps: tuple[float, ...] = _kg_dumbbells()  # the dumbbells on the rack, per hand

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise LoadingError("The unit must be kg or lb.")
        if not self.plates or min(self.plates) <= 0 or self.bar < 0 or self.step <= 0:
            raise LoadingError("The bar, plates and step must be positive weights.")
        if to_hundredths(self.step) % (2 * to_hundredths(min(self.plates))):
            raise LoadingError("The load step must be a multiple of your smallest plate pair.")
        if not self.dumbbell_steps or min(self.dumbbell_steps) <= 0:
            raise LoadingError("List at least one dumbbell weight above zero.")
        object.__setattr__(self, "plates", tuple(sorted(self.plates, reverse=True)))
        object.__setattr__(self, "dumbbell_steps", tuple(sorted(set(self.dumbbell_steps))))

    @property
    def bar_kg(self) -> float:
        """Return the bar's weight in kg."""
        return self.to_kg(self.bar)

    def to_kg(self, load: float) -> float:
        """Return a load in this profile's unit as kg, to the hundredth."""
        kg = load if self.unit == "kg" else load * KG_PER_LB
        return to_hundredths(kg) / 100

    def from_kg(self, kg: float) -> float:
        """Return kg in this profile's unit (unrounded)."""
        return kg if self.unit == "kg" else kg / KG_PER_LB


KG_PROFILE = LoadingProfile()
LB_PROFILE = LoadingProfile("lb", 45.0, (45.0, 35.0, 25.0, 10.0, 5.0, 2.5), 5.0, _lb_dumbbells())


def default_profile(unit: str) -> LoadingProfile:
    """Return the default profile for "kg" or "lb"."""
    if unit not in UNITS:
        raise LoadingError("The unit must be kg or lb.")
    return KG_PROFILE if unit == "kg" else LB_PROFILE


def _fewest_plates(side: int, plates: Sequence[int]) -> list[int] | None:
    """Return the fewest plates (hundredths) summing to ``side``, or None (fallback to greedy)."""
    best: dict[int, list[int]] = {0: []}
    for amount in range(1, side + 1):
        options = [best[amount - p] + [p] for p in plates if amount - p in best]
        if options:
            best[amount] = min(options, key=len)
    found = best.get(side)
    return None if found is None else sorted(found, reverse=True)


def plates_per_side(total: float, profile: LoadingProfile) -> tuple[float, ...] | None:
    """Return the plates for one side of the bar, heaviest first, or None if not makeable.

    Greedy (heaviest plate that fits, repeatedly), which is optimal for the default plate sets;
    a custom set where greedy gets stuck is solved exactly instead.

    Args:
        total: Total barbell load in the profile's unit, bar included.
        profile: Bar and plates available.

    Returns:
        e.g. (25.0, 15.0) for 100 kg; () for the bare bar; None when the load cannot be made.
    """
    side_twice = to_hundredths(total) - to_hundredths(profile.bar)
    if side_twice < 0 or side_twice % 2:
        return None
    side, chosen = side_twice // 2, []
    plates = [to_hundredths(p) for p in profile.plates]
    for plate in plates:
        count, side = divmod(side, plate)
        chosen += [plate] * count
    if side:
        exact = _fewest_plates(side_twice // 2, plates)
        if exact is None:
            return None
        chosen = exact
    return tuple(p / 100 for p in chosen)


def format_plates(total: float, profile: LoadingProfile) -> str:
    """Describe how to load the bar, e.g. "20 + 2×(25, 15)", "bar only (20)" or ""."""
    plates = plates_per_side(total, profile)
    if plates is None:
        return ""
    if not plates:
        return f"bar only ({profile.bar:g})"
    return f"{profile.bar:g} + 2×({', '.join(f'{p:g}' for p in plates)})"
