"""Building blocks of the set grammar: loads, rep slots, and the state the sets grow in."""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.catalog import Exercise
from engine.setlog.model import ParsedSet
from engine.setlog.tokens import Tok

LOAD_KINDS = frozenset(("wt", "impl", "pct", "bar", "bw"))


@dataclass(frozen=True, slots=True)
class Load:
    """A load as written: external weight, or bodyweight with +added / -assistance."""

    weight: float | None = None
    unit: str | None = None
    bodyweight: bool = False
    added: float | None = None


@dataclass(frozen=True, slots=True)
class Ctx:
    """What the grammar needs to know about the exercise being parsed."""

    name: str
    bw_class: bool = False
    kind: str = "strength"
    light: bool = False  # dumbbell/kettlebell/cable: "8x12" is more likely 8 kg than 8 sets
    assisted: bool = False
    seconds: bool = False  # a Strong "[seconds]" tag: counts are seconds
    weighted: bool = False  # "weighted dips": plain numbers may be the added load

    @classmethod
    def of(cls, exercise: Exercise, assisted: bool = False, weighted: bool = False) -> Ctx:
        """Build the context of one exercise."""
        light = exercise.equipment in ("dumbbell", "kettlebell", "cable")
        return cls(exercise.name, exercise.bodyweight, exercise.kind, light, assisted,
                   weighted=weighted)  # fmt: skip


@dataclass(slots=True)
class Draft:
    """A set under construction (mutable while efforts and units are applied)."""

    load: Load | None = None
    reps: int | None = None
    duration: float | None = None
    distance: float | None = None
    rpe: float | None = None
    rir: float | None = None

    def to_set(self, ctx: Ctx) -> ParsedSet:
        """Freeze the draft into the output contract's form."""
        load = self.load or Load()
        bodyweight = load.bodyweight or ctx.bw_class
        weight = None if bodyweight else load.weight
        added = load.added if bodyweight else None
        unit = load.unit if weight is not None or added is not None else None
        return ParsedSet(weight, unit, self.reps, self.rir, self.rpe, bodyweight, added,
                         self.duration, self.distance)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Slot:
    """What fills the reps position of a set: reps, a duration or a distance (+ a '-N' RIR)."""

    reps: int | None = None
    duration: float | None = None
    distance: float | None = None
    rir: float | None = None


@dataclass(slots=True)
class State:
    """Sets parsed so far for one exercise, the load carried forward, the last item's span."""

    ctx: Ctx
    drafts: list[Draft] = field(default_factory=list)
    load: Load | None = None
    fresh: bool = False  # load written on its own and not used by a set yet
    item_start: int = 0
    pending: list[Tok] = field(default_factory=list)
    # (first index, count, alternative drafts, question, default label, alternative label)
    ambiguity: tuple[int, int, list[Draft], str, str, str] | None = None

    def add(self, drafts: list[Draft], new_item: bool = True) -> None:
        """Append sets; a new item starts the span a following effort applies to."""
        if new_item:
            self.item_start = len(self.drafts)
        self.drafts.extend(drafts)
        self.fresh = False

    def item(self) -> list[Draft]:
        """Return the sets of the last item."""
        return self.drafts[self.item_start :]


def make_load(tok: Tok, ctx: Ctx, assisted: bool = False) -> Load:
    """Turn a number token into a load; bodyweight exercises and +/- numbers give added load."""
    value = tok.value or 0.0
    unit = tok.unit if tok.kind == "wt" else None
    if tok.kind in ("pct", "bar"):
        return Load()
    if ctx.bw_class or tok.sign or assisted:
        negative = tok.sign == "-" or assisted or ctx.assisted
        return Load(None, unit, True, (-abs(value) if negative else value) or None)
    if value == 0:  # Strong writes bodyweight sets of ordinary exercises as "0 kg"
        return Load(None, None, True, None)
    return Load(value, unit)


def is_int(value: float | None) -> bool:
    """Tell whether a token value is a whole number usable as a count."""
    return value is not None and value == int(value)


def at(toks: list[Tok], i: int, *kinds: str) -> bool:
    """Tell whether the token at i exists and has one of the kinds."""
    return i < len(toks) and toks[i].kind in kinds


def seq(toks: list[Tok], i: int, *kinds: str) -> bool:
    """Tell whether the tokens from i have these kinds in order ('num|wt' allows either)."""
    return all(at(toks, i + k, *kind.split("|")) for k, kind in enumerate(kinds))


def dash_chain(toks: list[Tok], i: int) -> int:
    """Count the numbers in an attached dash chain starting at i ("5-5-4" counts 3)."""
    count = 1
    while at(toks, i + 1, "-") and at(toks, i + 2, "num") and not toks[i + 1].gap:
        if toks[i + 2].gap:
            break
        count += 1
        i += 2
    return count


def reps_slot(
    toks: list[Tok], i: int, ctx: Ctx, after_mul: bool = False
) -> tuple[Slot, int] | None:
    """Read what fills the reps position at i: reps (with range/RIR suffix), time or distance."""
    if i >= len(toks):
        return None
    tok = toks[i]
    if tok.kind == "time" or (tok.kind == "sx" and (after_mul or ctx.kind != "strength")):
        return Slot(duration=tok.value), _skip_each(toks, i + 1)
    if tok.kind == "dist":
        return Slot(distance=tok.value), _skip_each(toks, i + 1)
    if tok.kind == "rw":
        return Slot(reps=int(tok.value or 1)), i + 1
    if tok.kind != "num" or tok.sign:
        return None
    value = tok.value or 0.0
    if ctx.kind == "timed" or ctx.seconds:
        return Slot(duration=value), _skip_each(toks, i + 1)
    slot, j = _dash_suffix(toks, i, Slot(reps=int(value) if is_int(value) else None))
    per_side = after_mul and at(toks, j, "/") and at(toks, j + 1, "num")
    if j == i + 1 and per_side and toks[j + 1].value == value:
        j += 2  # "10/10": per side
    if at(toks, j, "reps"):
        j += 1
    return slot, _skip_each(toks, j)


def _dash_suffix(toks: list[Tok], i: int, slot: Slot) -> tuple[Slot, int]:
    """Read '8-10' (a rep range: count unknown) or '10-2' (reps, then RIR) after reps at i."""
    if dash_chain(toks, i) != 2:
        return slot, i + 1
    first, second = toks[i].value or 0.0, toks[i + 2].value or 0.0
    if second > first:
        return Slot(reps=None), i + 3
    return (Slot(reps=slot.reps, rir=second) if second <= 5 else slot), i + 3


def _skip_each(toks: list[Tok], j: int) -> int:
    while at(toks, j, "each"):
        j += 1
    return j


def read_load(toks: list[Tok], i: int, ctx: Ctx, plain: bool = True) -> tuple[Load, int] | None:
    """Read a load expression at i ("100kg", "bw+20", "+10", "30s", "bar", "80%")."""
    if i >= len(toks):
        return None
    tok = toks[i]
    if tok.kind == "bw":
        j = i + 1
        if at(toks, j, "+"):
            j += 1
        if at(toks, j, "num", "wt") and (toks[j].sign or toks[i + 1].kind == "+"):
            sign = toks[j].sign or "+"
            added = (toks[j].value or 0.0) * (-1 if sign == "-" or ctx.assisted else 1)
            unit = toks[j].unit if toks[j].kind == "wt" else None
            return Load(None, unit, True, added or None), _after_load(toks, j + 1)
        return Load(None, None, True, None), _after_load(toks, i + 1)
    if tok.kind in ("wt", "impl", "pct", "bar") or (tok.kind == "sx" and ctx.kind == "strength"):
        return _finish_load(toks, i, ctx)
    if tok.kind == "num" and (plain or tok.sign):
        return _finish_load(toks, i, ctx)
    return None


def _finish_load(toks: list[Tok], i: int, ctx: Ctx) -> tuple[Load, int]:
    j = _after_load(toks, i + 1)
    assisted = at(toks, j, "assist")
    return make_load(toks[i], ctx, assisted), j + (1 if assisted else 0)


def _after_load(toks: list[Tok], j: int) -> int:
    if at(toks, j, "/") and at(toks, j + 1, "wt"):
        j += 2  # "45lbs/20.4kg": the same load in a second unit
    return _skip_each(toks, j)
