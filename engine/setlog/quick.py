"""The most common set log, read in one step: "<lift> <load>[unit] x <reps> [rir/rpe/@ n]".

Most messages in a session are exactly this ("bench 80x5", "squat 100kg x 5 rir2"). They are
read here with one regular expression and an exact name lookup, and give the same result as
the full parser, which every other message goes through; the tests hold the two to that.
Anything this reader is not sure of (a name it must guess, a light load that might be a set
count, a bodyweight or cardio exercise, anything after the set) is left to the full parser.
"""

from __future__ import annotations

import re

from engine.catalog import CATALOG, alias_index
from engine.plausibility import KG_PER_LB, heaviest_kg
from engine.setlog.model import ParsedExercise, ParsedSet, ParseResult
from engine.setlog.text import normalise

_QUICK = re.compile(
    r"(?P<name>[a-z][a-z ]*[a-z]) +(?P<load>[1-9]\d{0,2}(?:\.\d{1,2})?) ?(?P<unit>kg|lbs?)?"
    r" ?x ?(?P<reps>[1-9]\d?)(?: +(?:(?P<effort>rir|rpe) ?|@ ?)(?P<value>\d(?:\.5)?))?"
)
# Loads this light may be a set count ("bench 5x5" could be 5 sets of 5): the full parser
# decides those, and asks when it must.
_LIGHTEST = 20.0
_UNITS = {"kg": "kg", "lb": "lb", "lbs": "lb"}
# Heavier than this (in the unit written, or in pounds without one) is left to the full
# parser, which explains why such a set cannot be logged.
_HEAVIEST = {name: heaviest_kg(e) for name, e in CATALOG.items()}


def read_common(text: str) -> ParseResult | None:
    """Read the one-set message above exactly as ``parse_message`` would; None otherwise."""
    match = _QUICK.fullmatch(normalise(text).strip())
    if match is None:
        return None
    exercise = alias_index().get(match["name"])
    load, reps = float(match["load"]), int(match["reps"])
    if exercise is None or exercise.bodyweight or exercise.kind != "strength":
        return None
    unit = _UNITS.get(match["unit"] or "")
    if load < _LIGHTEST or reps > 30:
        return None
    if (load if unit == "kg" else load * KG_PER_LB) > _HEAVIEST[exercise.name]:
        return None
    value = float(match["value"]) if match["value"] is not None else None
    effort = match["effort"] or ("rpe" if value is not None else None)
    if (effort == "rpe" and not (value and 5 <= value <= 10)) or (effort == "rir" and value > 5):
        return None
    found = ParsedSet(
        weight=load,
        unit=unit,
        reps=reps,
        rir=value if effort == "rir" else None,
        rpe=value if effort == "rpe" else None,
    )
    return ParseResult((ParsedExercise(exercise.name, (found,), text.strip()),))
