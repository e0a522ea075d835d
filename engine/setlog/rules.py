"""The numeric set grammar: rules tried in order at each token, each consuming one piece."""

from __future__ import annotations

from collections.abc import Callable

from engine.setlog.model import SetLogValueError
from engine.setlog.spec import (
    LOAD_KINDS,
    Draft,
    Load,
    Slot,
    State,
    at,
    is_int,
    read_load,
    reps_slot,
    seq,
)
from engine.setlog.tokens import Tok

MAX_SETS = 100


def drafts(count: float, slot: Slot, load: Load | None) -> list[Draft]:
    """Return `count` identical sets."""
    if int(count) > MAX_SETS:
        raise SetLogValueError(f"{int(count)} sets is more than I can log in one go.")
    return [Draft(load, slot.reps, slot.duration, slot.distance, None, slot.rir)
            for _ in range(int(count))]  # fmt: skip


def _last_only(toks: list[Tok], i: int) -> bool:
    """Tell whether an effort is scoped to the last set: 'last set rpe 9', 'rir 2 on the last'."""
    if at(toks, i - 1, "last") or (at(toks, i - 1, "sets") and at(toks, i - 2, "last")):
        return True
    after = [t.kind for t in toks[i + 1 : i + 4]]
    return "last" in after and set(after[: after.index("last")]) <= {"word"}


def effort(toks: list[Tok], i: int, st: State) -> int | None:
    """Apply an RPE/RIR to the last item (or the last set after 'last set')."""
    tok = toks[i]
    if tok.kind != "eff":
        return None
    targets = st.drafts[-1:] if _last_only(toks, i) else st.item()
    if not targets:
        st.pending.append(tok)
        return i + 1
    values = tok.values if len(tok.values) > 1 else (tok.value,) * len(targets)
    for draft, value in zip(targets[-len(values) :], values[-len(targets) :], strict=False):
        if tok.unit == "rpe":
            draft.rpe = value
        else:
            draft.rir = value
    return i + 1


def three(toks: list[Tok], i: int, st: State) -> int | None:
    """A x B x C: B is reps; of A and C the one with a unit (else the larger) is the load."""
    if not seq(toks, i, "num|wt", "mul", "num", "mul", "num|wt"):
        return None
    a, b, c = toks[i], toks[i + 2], toks[i + 4]
    if not is_int(b.value) or b.sign or at(toks, i + 5, "mul"):
        return None
    load_first = a.kind == "wt" or (c.kind != "wt" and (a.value or 0) >= (c.value or 0))
    load_tok, count_tok = (a, c) if load_first else (c, a)
    if not is_int(count_tok.value) or count_tok.kind == "wt" or not count_tok.value:
        return None
    hit = read_load([load_tok], 0, st.ctx)
    load = hit[0] if hit else None
    sets, reps = int(count_tok.value or 0), int(b.value or 0)
    start = len(st.drafts)
    st.load = load
    st.add(drafts(sets, Slot(reps=reps), load))
    if load_first and sets > 6 and reps < sets and st.ambiguity is None:
        w = f" at {load_tok.value:g}"
        question = f"Did you mean {sets} sets of {reps}{w}, or {reps} sets of {sets}{w}?"
        alt = drafts(reps, Slot(reps=sets), load)
        st.ambiguity = (start, sets, alt, question, f"{sets}×{reps}", f"{reps}×{sets}")
    return i + 5


def pair(toks: list[Tok], i: int, st: State) -> int | None:
    """'2x32kg 5x5': a pair of implements; the load stays per implement."""
    if seq(toks, i, "num", "mul", "wt", "num", "mul") and toks[i].value == 2:
        hit = read_load(toks, i + 2, st.ctx)
        if hit:
            st.load, st.fresh = hit[0], True
            return hit[1]
    return None


_SKIPPABLE = frozenset(
    ("the", "a", "an", "just", "empty", "my", "steps", "dumbbells", "db", "dbs")
)


def _skip_words(toks: list[Tok], j: int) -> int:
    while at(toks, j, "word") and toks[j].unit in _SKIPPABLE:
        j += 1
    return j


def _bare_load(toks: list[Tok], j: int) -> bool:
    """Tell whether a plain number after a group is its load ('3x5 100', not '3x5, 5')."""
    if not (at(toks, j, "num") and toks[j].gap and (toks[j].value or 0) > 10):
        return False
    if at(toks, j + 1, "mul", "sets", "reps", "-", "/", "at", "for"):
        return False
    return not (at(toks, j + 1, ",") and at(toks, j + 2, "num"))


def load_after(toks: list[Tok], j: int, st: State) -> tuple[Load | None, int]:
    """Read a load written after a group: '@ 100', 'x 200kg', 'holding 10kg', 'with 2x16kg'."""
    j = _skip_words(toks, j)
    if seq(toks, j, "word", "wt") or seq(toks, j, "word", "word", "wt"):
        j += 1 if toks[j + 1].kind == "wt" else 2  # "holding 10kg plate"
    if at(toks, j, "at", "for", "/", ":", ",", "mul", "("):
        k = _skip_words(toks, j + 1)
        k += 2 if seq(toks, k, "num", "mul", "wt") and toks[k].value == 2 else 0
        hit = read_load(toks, k, st.ctx)
        if toks[j].kind == "(" and hit and at(toks, hit[1], "sets", "reps", "mul"):
            hit = None  # "21x10 (3 sets)": a count of sets in brackets, not a load
        if hit and (toks[j].kind not in (",", "for", "mul") or toks[k].kind in LOAD_KINDS):
            return hit
    loadish = at(toks, j, *LOAD_KINDS) or (at(toks, j, "num") and toks[j].sign)
    if (loadish or _bare_load(toks, j)) and (hit := read_load(toks, j, st.ctx)):
        return hit
    return None, j


def per_set_loads(toks: list[Tok], j: int, st: State) -> tuple[list[Load], int]:
    """'3 x 5 - 130, 150, 170': one set per listed load."""
    dash = at(toks, j, "-") and toks[j].gap
    paren = at(toks, j, "(") and at(toks, j + 2, ",", ")")  # "(100, 105, 110)"
    if not ((dash or paren) and at(toks, j + 1, "num", "wt")):
        return [], j
    loads: list[Load] = []
    j += 1
    while (hit := read_load(toks, j, st.ctx)) is not None:
        loads.append(hit[0])
        j = hit[1]
        if not (at(toks, j, ",") and at(toks, j + 1, "num", "wt")):
            break
        j += 1
    return loads, j


def group(toks: list[Tok], st: State, count: float, slot: Slot, j: int) -> int:
    """Emit N identical sets, reading the load that follows the group if there is one."""
    loads, k = per_set_loads(toks, j, st)
    if loads:
        fill = loads if len(loads) > 1 else loads * int(count)
        st.add([Draft(x, slot.reps, slot.duration, slot.distance, None, slot.rir) for x in fill])
        st.load = fill[-1]
        return k
    load, k = load_after(toks, j, st)
    if load is None:
        load = st.load
    st.load = load
    st.add(drafts(count, slot, load))
    return k


def _is_group(toks: list[Tok], st: State, a: float, slot: Slot, after: int) -> bool:
    """Decide whether plain 'A x B' means A sets of B (True) or B reps at load A (False)."""
    if not is_int(a) or a > 50 or a < 1:
        return False
    if slot.duration is not None or slot.distance is not None:
        return a <= 20
    if st.fresh or load_after(toks, after, st)[0] is not None or per_set_loads(toks, after, st)[0]:
        return True
    if st.ctx.kind != "strength" or (st.ctx.bw_class and not (st.ctx.weighted or st.ctx.assisted)):
        return a <= 20
    if st.ctx.bw_class:
        return a <= 5
    if (slot.reps or 0) > 30:
        return False  # "4x120": reps first without a unit
    return a <= 5 or (a <= 10 and not st.ctx.light)


def mul(toks: list[Tok], i: int, st: State) -> int | None:
    """'A x B' in its readings: load x reps, sets x reps, reps x load-with-unit."""
    if not at(toks, i + 1, "mul"):
        return None
    a = toks[i]
    if a.sign == "+" and not st.ctx.bw_class and st.drafts and not at(toks, i - 1, "bw"):
        a = Tok(a.kind, a.value, a.unit, gap=a.gap)  # "2x10 @ 60 + 1x10 @ 70": '+' joins sets
    plain = a.kind == "num" and not a.sign
    if plain and at(toks, i + 2, "wt", "num") and (toks[i + 2].kind == "wt" or toks[i + 2].sign):
        hit = read_load(toks, i + 2, st.ctx)
        if hit and is_int(a.value):  # reps first: "8 x 45lbs"
            st.load = hit[0]
            st.add([Draft(hit[0], int(a.value or 0))])
            return hit[1]
    found = reps_slot(toks, i + 2, st.ctx, after_mul=True)
    if found is None:
        return None
    slot, j = found
    if plain and _is_group(toks, st, a.value or 0, slot, j):
        return group(toks, st, a.value or 1, slot, j)
    labelled = at(toks, i + 3, "reps")  # "80x150 reps" says which number the reps are
    if plain and (slot.reps or 0) > 30 and st.ctx.kind == "strength" and not st.ctx.bw_class \
            and not labelled:  # fmt: skip
        slot, a = Slot(reps=int(a.value or 0)), Tok("num", float(slot.reps or 0))
    hit = read_load([a], 0, st.ctx)
    if hit is None:
        return None
    st.load = hit[0]
    st.add([Draft(hit[0], slot.reps, slot.duration, slot.distance, None, slot.rir)])
    return j


RULES: list[Callable[[list[Tok], int, State], int | None]] = [effort, three, pair]
