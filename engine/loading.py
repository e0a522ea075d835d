"""Makeable loads: half-up rounding in exact decimals, plate math and progression guardrails.

All arithmetic on loads goes through ``Decimal`` built from the shortest float repr, so 101.25
is exactly 101.25 (not 101.2499…) and rounds half-up to 102.5 with a 2.5 step, where Python's
``round`` would give banker's 100. Loads in a ``LoadingProfile`` are in the user's unit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import lru_cache

from engine.catalog import CATALOG
from engine.errors import EngineError

KG_PER_LB = 0.45359237  # exact by definition
UNITS = ("kg", "lb")
_BARBELLS = frozenset({"barbell", "trap bar"})


class LoadingError(EngineError):
    """A loading profile or load cannot be used (bad unit, step or plates)."""


# The same few loads, plates and steps come back all the time (every acknowledgement plans
# the next set), and building a Decimal from a repr is most of the cost of load arithmetic.
@lru_cache(maxsize=4096)
def dec(value: float) -> Decimal:
    """Return a float as the decimal it was written as (101.25 stays 101.25)."""
    return Decimal(repr(float(value)))


@lru_cache(maxsize=4096)
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
    """Return the fewest plates (hundredths) summing to ``side`` exactly, or None."""
    unit = math.gcd(*plates)
    if side % unit:
        return None
    sizes, target = [p // unit for p in plates], side // unit
    fewest, last = [0] + [-1] * target, [0] * (target + 1)
    for amount in range(1, target + 1):
        for size in sizes:
            before = amount - size
            if before < 0 or fewest[before] < 0:
                continue
            if fewest[amount] < 0 or fewest[before] + 1 < fewest[amount]:
                fewest[amount], last[amount] = fewest[before] + 1, size
    if fewest[target] < 0:
        return None
    chosen, amount = [], target
    while amount:
        chosen.append(last[amount] * unit)
        amount -= last[amount]
    return sorted(chosen, reverse=True)


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


def equipment_of(exercise: str, given: str | None = None) -> str:
    """Return the equipment an exercise is loaded with: as given, from the catalog, or barbell."""
    if given:
        return given
    known = CATALOG.get(exercise)
    return known.equipment if known else "barbell"


def _pick_dumbbell(load: float, rack: Sequence[float], mode: str) -> float:
    """Pick a dumbbell: nearest (ties go up), the one below, above, or strictly above."""
    if mode == "down":
        return max((d for d in rack if d <= load), default=rack[0])
    if mode in ("up", "above"):
        wanted = (lambda d: d > load) if mode == "above" else (lambda d: d >= load)
        return min((d for d in rack if wanted(d)), default=rack[-1])
    return min(rack, key=lambda d: (abs(dec(d) - dec(load)), -d))


def makeable_load(
    load: float, profile: LoadingProfile, equipment: str = "barbell", mode: str = "nearest"
) -> float:
    """Round a load to one the user can set up, never below the bar for barbells.

    Args:
        load: Wanted load in the profile's unit (per hand for dumbbells).
        profile: The user's bar, plates, step and dumbbells.
        equipment: Catalog equipment; barbell and trap bar start at the bar, dumbbells come
            from the rack, everything else moves in ``profile.step`` from zero.
        mode: "nearest" (half-up), "down", "up", or "above" (the next load strictly above).

    Returns:
        The makeable load in the profile's unit.
    """
    if equipment == "dumbbell":
        return _pick_dumbbell(load, profile.dumbbell_steps, mode)
    base = profile.bar if equipment in _BARBELLS else 0.0
    if mode == "above":
        over = round_load(max(load - base, 0.0), profile.step, "down") + profile.step
        return float(dec(base) + dec(over))
    if load <= base:
        return base
    return float(dec(base) + dec(round_load(load - base, profile.step, mode)))


@dataclass(frozen=True, slots=True)
class GuardrailParams:
    """Limits on how fast loads and weekly sets may rise."""

    # SPORTSCI §2 reference: load ≤ previous × 1.075 from one session to the next.
    max_increase: float = 0.075
    # Decreases are uncapped by default (a bad day must be allowed to go light).
    max_decrease: float | None = None
    # With a 2.5 kg step nothing under 33.3 kg could ever rise under a 7.5 % cap; allow one
    # minimum step (one plate pair, or the next dumbbell) when the cap leaves no increase.
    allow_min_step: bool = True
    # Weekly hard sets may rise at most 30 % week to week (SPORTSCI §2/§6 practice).
    max_weekly_set_increase: float = 0.30
    # ... but one extra set is always allowed, or 1-3 sets a week could never grow.
    allow_one_more_set: bool = True


DEFAULT_GUARDRAILS = GuardrailParams()


def guard_load(
    target: float,
    previous: float | None,
    profile: LoadingProfile,
    equipment: str = "barbell",
    params: GuardrailParams = DEFAULT_GUARDRAILS,
) -> float:
    """Round a target load and keep it within the session-to-session cap.

    Order (SPORTSCI §2): clamp to previous × (1 + max_increase) → round to nearest → if the
    rounding crossed the cap, floor to the step → the one-minimum-step rule → not below the bar.

    Args:
        target: Wanted load in the profile's unit, readiness already applied.
        previous: Last session's load in the same unit, or None for no cap.
        profile: The user's loading profile.
        equipment: Catalog equipment of the exercise.
        params: Cap and light-load rule.

    Returns:
        A makeable load; above previous × (1 + max_increase) only by the one-step rule.
    """
    if previous is None or previous <= 0:
        return makeable_load(target, profile, equipment)
    cap = float(dec(previous) * (1 + dec(params.max_increase)))
    clamped = min(target, cap)
    if params.max_decrease is not None:
        clamped = max(clamped, float(dec(previous) * (1 - dec(params.max_decrease))))
    load = makeable_load(clamped, profile, equipment)
    if load > cap:
        load = makeable_load(cap, profile, equipment, "down")
    wanted = makeable_load(target, profile, equipment)
    if params.allow_min_step and load <= previous < wanted:
        load = min(wanted, makeable_load(previous, profile, equipment, "above"))
    return load


def cap_weekly_sets(
    this_week: float, planned: float, params: GuardrailParams = DEFAULT_GUARDRAILS
) -> float:
    """Cap next week's hard sets at this week's × (1 + max_weekly_set_increase).

    A first week (``this_week`` 0) is not capped, decreases (deloads) never are, and one more
    set than this week is always allowed when ``allow_one_more_set`` is on.
    """
    if this_week <= 0:
        return planned
    limit = float(dec(this_week) * (1 + dec(params.max_weekly_set_increase)))
    if params.allow_one_more_set:
        limit = max(limit, this_week + 1)
    return min(planned, limit)
