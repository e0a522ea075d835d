"""What a program could not give, said plainly: muscles short of their MEV and what would help.

A program never refuses an athlete's answers over volume. It gives each muscle what fits the
time, the equipment and every muscle's MRV, main goal's muscles first, then names the muscles
left below their minimum effective weekly sets (MEV, SPORTSCI §7) and what would change that:
longer sessions, or another training day.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from engine.catalog import EQUIPMENT
from engine.errors import ProgramError
from engine.landmarks import LANDMARKS
from engine.program_request import ProgramRequest
from engine.program_templates import accessory_choices

# Session lengths worth suggesting, the shortest that helps first (the wizard's, then longer).
SESSION_MINUTES = (30, 45, 60, 75, 90, 105, 120, 150, 180)
_ORDINALS = {3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}
_GEAR = {
    "dumbbell": "dumbbells", "barbell": "a barbell", "machine": "machines",
    "cable": "a cable station", "kettlebell": "a kettlebell", "trap bar": "a trap bar",
}  # fmt: skip


def short_of_mev(volume: Mapping[str, float], muscles: Sequence[str]) -> list[str]:
    """Return the muscles (in the given order) below their MEV."""
    return [m for m in muscles if volume.get(m, 0.0) < LANDMARKS[m].mev]


def _gear_for(muscles: Sequence[str]) -> str:
    """Name the equipment that trains ``muscles`` directly: 'dumbbells or a cable station'."""
    found = {e.equipment for m in muscles for e in accessory_choices(m, frozenset(EQUIPMENT))}
    names = [_GEAR[g] for g in _GEAR if g in found]
    return " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def _fix(
    request: ProgramRequest,
    muscles: Sequence[str],
    short_with: Callable[[ProgramRequest], Sequence[str]],
) -> str:
    """Say what would give ``muscles`` their MEV: longer sessions, else another day."""
    for minutes in (m for m in SESSION_MINUTES if m > request.session_minutes):
        if not set(muscles) & set(short_with(replace(request, session_minutes=minutes))):
            return f"{minutes}-minute sessions would reach the minimum."
    for days in range(request.days_per_week + 1, 7):
        try:
            more = replace(request, days_per_week=days)
        except ProgramError:  # a custom hybrid week lists its own days
            break
        if not set(muscles) & set(short_with(more)):
            return f"A {_ORDINALS[days]} training day would reach the minimum."
    return "The main lifts come first; this is as much as fits."


def compromise_notes(
    request: ProgramRequest,
    core: Sequence[str],
    volume: Mapping[str, float],
    muscles: Sequence[str],
    short_with: Callable[[ProgramRequest], Sequence[str]],
) -> tuple[str, ...]:
    """Explain each muscle the goals care about that ends below its MEV.

    Args:
        request: The athlete's answers.
        core: The main goal's most important muscles.
        volume: Weekly hard sets per muscle in a loading week.
        muscles: The muscles the goals care about, most important first.
        short_with: Lays out the week for other answers and returns the muscles short of MEV.

    Returns:
        Notes for the athlete, the main goal's muscles first; none when nothing is short.
    """
    missing = short_of_mev(volume, muscles)
    no_gear = [m for m in missing if not accessory_choices(m, request.available)]
    short_core = [m for m in missing if m in core and m not in no_gear]
    rest = [m for m in missing if m not in core and m not in no_gear]
    notes = []
    if short_core:
        counts = ", ".join(f"{m} {volume.get(m, 0.0):g} of {LANDMARKS[m].mev}" for m in short_core)
        notes.append(
            "Fewer weekly sets than the minimum that builds muscle (MEV) for your main goal: "
            f"{counts}. {_fix(request, short_core, short_with)}"
        )
    if no_gear:
        notes.append(
            f"Nothing you can do with this equipment trains {', '.join(no_gear)} directly; "
            f"{_gear_for(no_gear)} would."
        )
    if rest:
        counts = ", ".join(f"{m} {volume.get(m, 0.0):g} of {LANDMARKS[m].mev}" for m in rest)
        notes.append(f"Not enough time left for the minimum weekly sets of: {counts}.")
    return tuple(notes)
