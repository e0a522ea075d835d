"""One exercise's entry while a message is parsed: its text pieces and the sets they give."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from engine.catalog import CATALOG, Exercise
from engine.setlog.model import ParsedExercise, ParsedSet, SetLogValueError
from engine.setlog.names import NameHit
from engine.setlog.spec import Ctx, Draft, State
from engine.setlog.tokens import tokenise
from engine.setlog.wordrules import parse_tokens

MAX_SETS_PER_EXERCISE = 300
_ROWING_SIGNS = re.compile(r"\d\s*(?:k|km|m|meters?|metres?|min|mins|minutes)\b|\d:\d\d")
_LIMITS = (
    ("reps", 1000, "{:g} reps is more than I can believe in one set."),
    ("weight", 3300, "{:g} is heavier than any lift on record; check the load."),
    ("added_weight", 3300, "{:g} added is heavier than any lift on record; check the load."),
    ("duration_s", 86400, "A set longer than a day? Check the time."),
    ("distance_m", 1_000_000, "A set over 1000 km? Check the distance."),
    ("rpe", 10, "RPE goes from 1 to 10."),
    ("rir", 10, "Reps in reserve above 10 is not a hard set; check the RIR."),
)


@dataclass(slots=True)
class Entry:
    """An exercise mentioned in the message, the sources it came from and its parse state."""

    exercise: Exercise
    state: State
    bare_row: bool = False
    sources: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, hit: NameHit) -> Entry:
        """Start an entry for a name found in a line."""
        ctx = Ctx.of(hit.exercise, hit.assisted, hit.weighted)
        return cls(hit.exercise, State(ctx), hit.bare_row)

    def feed(self, text: str, source: str, seconds: bool = False) -> None:
        """Parse one more piece of text for this exercise; the carried load persists."""
        if self.bare_row and not self.state.drafts and _ROWING_SIGNS.search(text):
            self.exercise = CATALOG["rowing machine"]  # bare "row" with a distance or time
            self.state.ctx = Ctx.of(self.exercise)
        base = self.state.ctx
        if seconds:
            self.state.ctx = replace(base, seconds=True)
        parse_tokens(tokenise(text, cardio=base.kind == "cardio"), self.state)
        self.state.ctx = base
        if source not in self.sources:
            self.sources.append(source)

    def finish(
        self,
    ) -> tuple[list[ParsedSet], list[ParsedSet] | None, tuple[str, str, str] | None]:
        """Return the sets, the alternative reading's sets and its question, if any."""
        st = self.state
        if st.fresh and st.load is not None:
            st.add([Draft(st.load)])  # a load with nothing after it: one set, reps unknown
        for tok in st.pending:
            for draft in st.drafts:
                if tok.unit == "rpe" and draft.rpe is None:
                    draft.rpe = tok.value
                elif tok.unit == "rir" and draft.rir is None:
                    draft.rir = tok.value
        if len(st.drafts) > MAX_SETS_PER_EXERCISE:
            raise SetLogValueError("That is more sets than I can log for one exercise at once.")
        sets = [d.to_set(st.ctx) for d in st.drafts]
        for s in sets:
            _check(s)
        if st.ambiguity is None:
            return sets, None, None
        start, count, alt, question, label, alt_label = st.ambiguity
        alt_sets = sets[:start] + [d.to_set(st.ctx) for d in alt] + sets[start + count :]
        return sets, alt_sets, (question, label, alt_label)


def _check(s: ParsedSet) -> None:
    for name, limit, message in _LIMITS:
        value = getattr(s, name)
        if name.endswith("weight") and s.unit == "kg":
            limit = 1500
        if value is not None and (value > limit or value < -limit):
            raise SetLogValueError(message.format(value))
    if (s.rpe is not None and s.rpe < 0) or (s.rir is not None and s.rir < 0):
        raise SetLogValueError("Efforts cannot be negative.")


def scope_units(sets: list[ParsedSet], message_unit: str | None) -> list[ParsedSet]:
    """Give unit-less loads the unit written on another load of the same exercise."""
    units = {s.unit for s in sets if s.unit}
    unit = next(iter(units)) if len(units) == 1 else (None if units else message_unit)
    if unit is None:
        return sets
    return [
        replace(s, unit=unit)
        if s.unit is None and (s.weight is not None or s.added_weight is not None)
        else s
        for s in sets
    ]


def to_exercise(name: str, sets: list[ParsedSet], sources: list[str]) -> ParsedExercise:
    """Freeze an exercise's sets and source text."""
    return ParsedExercise(name, tuple(sets), "\n".join(sources))
