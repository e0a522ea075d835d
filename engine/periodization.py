"""Blocks and week-by-week targets: accumulation → intensification → deload, repeated."""

from __future__ import annotations

from engine.program_params import DEFAULT_PROGRAM, ProgramParams
from engine.program_request import Blend


def block_of(week: int, every: int) -> str:
    """Return the block of a 1-based week.

    Every ``every``th week deloads; the loading weeks before it split into accumulation
    (the first half, rounded up) and intensification.
    """
    if week % every == 0:
        return "deload"
    loading = every - 1
    position = (week - 1) % every
    return "accumulation" if position < (loading + 1) // 2 else "intensification"


def _position(week: int, every: int) -> int:
    """Return how many weeks into its block a week is (0 for the block's first week)."""
    loading = every - 1
    position = (week - 1) % every
    first_half = (loading + 1) // 2
    return position if position < first_half else position - first_half


def main_targets(
    week: int, blend: Blend, every: int, params: ProgramParams = DEFAULT_PROGRAM
) -> tuple[int, float]:
    """Return (reps, RIR) for main lifts in a week.

    Accumulation: goal reps + 2 at goal RIR + 1; intensification: goal reps − 1 at goal RIR.
    RIR then falls ``rir_step_per_week`` per week within the block (never below 0.5); a
    deload week uses the accumulation numbers before the deload cuts apply.
    """
    block = block_of(week, every)
    step = 0 if block == "deload" else _position(week, every)
    if block == "intensification":
        reps, rir = max(1, blend.main_reps - 1), blend.main_rir
    else:
        reps, rir = blend.main_reps + 2, blend.main_rir + 1
    return reps, max(0.5, rir - params.rir_step_per_week * step)


def accessory_targets(week: int, blend: Blend, every: int) -> tuple[int, int, float]:
    """Return (low reps, high reps, RIR) for accessories.

    The rep range stays put for double progression; accumulation keeps half a rep more in
    reserve than intensification.
    """
    low, high = blend.accessory_reps
    extra = 0.5 if block_of(week, every) != "intensification" else 0.0
    return low, high, blend.accessory_rir + extra
