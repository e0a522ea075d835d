"""Short follow-ups to the previous set: '80x5', 'x5', 'same', '+2.5', '-5 x4', '80x5 rir2'."""

from __future__ import annotations

import re

from engine.catalog import CATALOG
from engine.setlog.entry import check_parsed, scope_units
from engine.setlog.gate import body_mass
from engine.setlog.model import LastSet, ParsedExercise
from engine.setlog.spec import Ctx, Draft, Load, State
from engine.setlog.text import normalise
from engine.setlog.tokens import tokenise
from engine.setlog.wordrules import parse_tokens

_ALLOWED = re.compile(
    r"(?:[\d\s.,x*@+/:#-]|(?<![a-z])(?:kgs?|lbs?|rpe|rir|reps?|sets?|same|again|ditto|repeat"
    r"|another|one|more|please|for|at|with|in|the|tank|left|bw|each|and|then|to|failure)(?![a-z]))+"
)
_SAME = re.compile(r"^\s*(?:same(?:\s+again)?|again|ditto|repeat|another(?:\s+one)?|one more)\b")
_DELTA = re.compile(
    r"^\s*(?P<sign>[+-])\s*(?P<num>\d{1,4}(?:[.,]\d{1,2})?)\s*(?P<unit>kgs?|lbs?|#)?"
)


def _shifted(last: LastSet, sign: str, amount: float, unit: str | None) -> Load | None:
    delta = amount if sign == "+" else -amount
    if last.bodyweight:
        added = (last.added_weight or 0.0) + delta
        return Load(None, unit or last.unit, True, added or None)
    if last.weight is None:
        return None
    return Load(last.weight + delta, unit or last.unit)


def _start(body: str, last: LastSet) -> tuple[Load | None, int, bool] | None:
    """Read a leading 'same' or '+2.5': the load to start from, where the rest begins."""
    start = Load(last.weight, last.unit, last.bodyweight, last.added_weight)
    if same := _SAME.match(body):
        return start, same.end(), True
    if delta := _DELTA.match(body):
        unit = {"k": "kg", "l": "lb", "#": "lb"}.get((delta["unit"] or " ")[0])
        shifted = _shifted(last, delta["sign"], float(delta["num"].replace(",", ".")), unit)
        return (shifted, delta.end(), True) if shifted is not None else None
    return (start, 0, False) if re.search(r"\d", body) else None


def parse_followup(text: str, last: LastSet) -> ParsedExercise | None:
    """Read a short reply that logs another set of the previous exercise.

    Args:
        text: The reply, e.g. "x5", "same", "+2.5 x4" or "80x5 rir2".
        last: The previous set, which the reply changes or repeats.

    Returns:
        The new set(s) for ``last.exercise``, or None when the text is not a follow-up.

    Raises:
        SetLogError: A number is implausible (e.g. a 50-digit weight).
    """
    body = normalise(text).strip()
    if not body or len(body) > 60 or not _ALLOWED.fullmatch(body):
        return None
    if "bw" in body and body_mass(body):  # "bw 82.5kg" (no other body-mass word gets here)
        return None
    begun = _start(body, last)
    if begun is None:
        return None
    load, rest, repeat = begun
    exercise = CATALOG.get(last.exercise)
    ctx = Ctx.of(exercise) if exercise else Ctx(last.exercise, bw_class=last.bodyweight)
    st = State(ctx, load=load)
    parse_tokens(tokenise(body[rest:]), st)
    if st.fresh and st.load is not None:
        st.add([Draft(st.load, last.reps)])  # a lone new weight keeps the previous reps
    if not st.drafts and repeat:
        st.add([Draft(load, last.reps)])
    if not st.drafts:
        return None
    for tok in st.pending:
        for draft in st.drafts:
            setattr(draft, tok.unit or "rpe", tok.value)
    unit = last.unit if last.weight is not None or last.added_weight is not None else None
    sets = scope_units([d.to_set(ctx) for d in st.drafts], unit)
    for s in sets:
        check_parsed(exercise, s)
    return ParsedExercise(last.exercise, tuple(sets), text.strip())
