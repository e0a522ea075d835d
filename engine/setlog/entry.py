"""One exercise's entry while a message is parsed: its text pieces and the sets they give."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from engine.catalog import CATALOG, Exercise
from engine.plausibility import check_set
from engine.setlog.model import ParsedExercise, ParsedSet, SetLogValueError
from engine.setlog.names import NameHit
from engine.setlog.spec import Ctx, Draft, State
from engine.setlog.tokens import tokenise
from engine.setlog.wordrules import parse_tokens

MAX_SETS_PER_EXERCISE = 300
_ROWING_SIGNS = re.compile(r"\d\s*(?:k|km|m|meters?|metres?|min|mins|minutes)\b|\d:\d\d")


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
        if st.ambiguity is None:
            return sets, None, None
        start, count, alt, question, label, alt_label = st.ambiguity
        alt_sets = sets[:start] + [d.to_set(st.ctx) for d in alt] + sets[start + count :]
        return sets, alt_sets, (question, label, alt_label)


def check_parsed(exercise: Exercise | None, s: ParsedSet) -> None:
    """Refuse a parsed set no one could have done (see engine.plausibility).

    Raises:
        ImplausibleValueError: A value is absurd; a load without a unit passes when it is
            plausible in either unit (the user's own unit is checked when it is stored).
    """
    known = CATALOG.get(exercise.name) if exercise is not None else None
    check_set(
        known if known is exercise else None,
        weight=s.weight, added=s.added_weight, unit=s.unit, reps=s.reps,
        duration_s=s.duration_s, distance_m=s.distance_m, rpe=s.rpe, rir=s.rir,
    )  # fmt: skip


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
