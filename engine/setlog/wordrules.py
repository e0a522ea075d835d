"""The rest of the set grammar: words forms, reps at load, bare reps, times, lone loads."""

from __future__ import annotations

from engine.setlog.listrules import listed
from engine.setlog.rules import RULES, drafts, group, load_after, mul
from engine.setlog.spec import (
    Draft,
    Slot,
    State,
    at,
    dash_chain,
    is_int,
    read_load,
    reps_slot,
    seq,
)
from engine.setlog.tokens import Tok


def _repeat(st: State, n: int) -> None:
    """'100x5 3 sets': repeat a one-set item until it is n sets."""
    last = st.item()[-1]
    copies = [Draft(last.load, last.reps, last.duration, last.distance, last.rpe, last.rir)
              for _ in range(n - len(st.item()))]  # fmt: skip
    st.add(copies, new_item=False)


def _listed(toks: list[Tok], j: int, n: int, st: State) -> tuple[list[Slot], int] | None:
    """'3 sets to failure: 12, 9, 7': exactly n rep counts listed after 'N sets'."""
    while at(toks, j, "word", ":", "("):
        j += 1
    slots: list[Slot] = []
    while (found := reps_slot(toks, j, st.ctx)) is not None and at(toks, j, "num"):
        slots.append(found[0])
        j = found[1]
        if not at(toks, j, ",", "/") or len(slots) == n:
            break
        j += 1
    return (slots, j) if len(slots) == n else None


def _n_sets(toks: list[Tok], i: int, j: int, n: int, st: State) -> int:
    """'N sets' at j: of R reps, with a list of reps, repeating the last set, or reps unknown."""
    if seq(toks, j + 2, ":", "num|wt", "mul"):
        return j + 3  # "3 sets: 100x5, 105x5, 110x5" - the sets follow in full
    k = j + 2 + (1 if at(toks, j + 2, "of", "mul", ",", "/", "for") else 0)
    if k > j + 2 or at(toks, k, "num"):
        found = reps_slot(toks, k, st.ctx, after_mul=True)
        if found is not None:
            return group(toks, st, n, found[0], found[1])
    if j == i and (listed := _listed(toks, j + 2, n, st)) is not None:
        st.add([Draft(st.load, s.reps, s.duration, s.distance) for s in listed[0]])
        return listed[1]
    if st.drafts and not st.fresh and (j > i or len(st.item()) == 1):
        _repeat(st, n)
        return j + 2
    load, k = load_after(toks, j + 2, st)
    st.add(drafts(n, Slot(), load or st.load))
    return k


def words(toks: list[Tok], i: int, st: State) -> int | None:
    """'N sets of R [at LOAD]', 'R reps N sets', 'R reps @ LOAD', 'SPEC x N sets', 'a double'."""
    j = i + 1 if at(toks, i, "mul", "for", ",") else i
    if at(toks, j, "word") and toks[j].unit in ("a", "an") and at(toks, j + 1, "sets", "rw"):
        n: float | None = 1.0
    elif at(toks, j, "num") and not toks[j].sign:
        n = toks[j].value
    else:
        return None
    if at(toks, j + 1, "sets") and is_int(n):
        return _n_sets(toks, i, j, int(n or 1), st)
    if seq(toks, j + 1, "mul", "word") and toks[j + 2].unit in ("max", "amrap") and is_int(n):
        listed = _listed(toks, j + 3, int(n or 1), st)
        if listed is not None:
            st.add([Draft(st.load, s.reps, s.duration, s.distance) for s in listed[0]])
            return listed[1]
    if j == i and at(toks, j + 1, "reps") and is_int(n):
        k = j + 2 + (1 if at(toks, j + 2, "mul", ",", "/", "for") else 0)
        if at(toks, k, "num") and at(toks, k + 1, "sets"):
            return group(toks, st, toks[k].value or 1, Slot(reps=int(n or 0)), k + 2)
        return group(toks, st, 1, Slot(reps=int(n or 0)), j + 2)
    if at(toks, j + 1, "rw") and toks[j + 1].unit == "plural" and is_int(n):
        return group(toks, st, n or 1, Slot(reps=int(toks[j + 1].value or 1)), j + 2)
    return None


def lone_reps_word(toks: list[Tok], i: int, st: State) -> int | None:
    """'single at 140', '140 double': one set of 1/2/3 reps."""
    if toks[i].kind != "rw":
        return None
    return group(toks, st, 1, Slot(reps=int(toks[i].value or 1)), i + 1)


def reps_at_load(toks: list[Tok], i: int, st: State) -> int | None:
    """'5@185', '10 @ 60kg': reps at a load."""
    tok = toks[i]
    if not (tok.kind == "num" and not tok.sign and is_int(tok.value) and at(toks, i + 1, "at")):
        return None
    hit = read_load(toks, i + 2, st.ctx)
    if hit is None or (hit[0].weight is not None and hit[0].weight <= 10 and not hit[0].unit):
        return None
    st.load = hit[0]
    st.add([Draft(hit[0], int(tok.value or 0))])
    return hit[1]


def time_or_distance(toks: list[Tok], i: int, st: State) -> int | None:
    """'5k in 24:30', '60s', '450m x 4', '2 min': a timed or distance set."""
    tok = toks[i]
    if not (tok.kind in ("time", "dist") or (tok.kind == "sx" and st.ctx.kind != "strength")):
        return None
    slot = Slot(duration=tok.value) if tok.kind != "dist" else Slot(distance=tok.value)
    j = i + 1
    while at(toks, j, "word", ",") and j - i <= 4:  # "5 miles this morning, 42 minutes"
        j += 1
    j += 1 if at(toks, j, "in") and at(toks, j + 1, "time", "sx") else 0
    other = toks[j] if j < len(toks) and toks[j].kind in ("time", "sx", "dist") else None
    j = j if other is not None else i + 1
    if other is not None and slot.distance is not None and other.kind in ("time", "sx"):
        slot, j = Slot(duration=other.value, distance=slot.distance), j + 1
    elif other is not None and slot.duration is not None and other.kind == "dist":
        slot, j = Slot(duration=slot.duration, distance=other.value), j + 1
    count = 1.0
    if at(toks, j, "mul") and at(toks, j + 1, "num") and is_int(toks[j + 1].value):
        count, j = toks[j + 1].value or 1.0, j + 2
    st.add(drafts(count, slot, st.load))
    return j


def _continues(toks: list[Tok], j: int, st: State) -> bool:
    """Tell whether a bare number at j is reps carrying the previous load (not a new load)."""
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    blockers = (
        ("mul", "sets", "at", "for", "rw")
        if st.ctx.bw_class
        else ("mul", "sets", "at", "for", "wt", "rw")
    )
    if nxt is not None and (nxt.kind in blockers
                            or (nxt.kind == "num" and at(toks, j + 2, "mul"))):  # fmt: skip
        return False
    if st.ctx.bw_class or st.ctx.kind != "strength" or st.ctx.seconds:
        return True
    if st.load is None:
        return bool(st.drafts)
    return (toks[j].value or 0) <= 50


def bare_reps(toks: list[Tok], i: int, st: State) -> int | None:
    """', 5', 'x5', '/5', ': 6, 5, 5', '5-5-4': more sets at the carried load."""
    j = i
    while at(toks, j, ",", "mul", "/", ":", "and") and j - i < 2:
        j += 1
    if not at(toks, j, "num", "time", "sx") or toks[j].sign or not _continues(toks, j, st):
        return None
    new_item = st.fresh or not st.drafts
    if at(toks, j, "num") and dash_chain(toks, j) >= 3:
        values = [toks[k].value for k in range(j, j + 2 * dash_chain(toks, j), 2)]
        found = [(reps_slot([Tok("num", v)], 0, st.ctx)) for v in values]
        st.add([Draft(st.load, f[0].reps, f[0].duration) for f in found if f], new_item)
        return j + 2 * len(values) - 1
    got = reps_slot(toks, j, st.ctx)
    if got is None:
        return None
    slot, k = got
    st.add([Draft(st.load, slot.reps, slot.duration, slot.distance, None, slot.rir)], new_item)
    return k


def _after_reps(toks: list[Tok], i: int) -> bool:
    """Tell whether the token before i (skipping '@'/'with') is a rep count."""
    k = i - 1
    while k >= 0 and toks[k].kind in ("at", "word"):
        k -= 1
    return k >= 0 and toks[k].kind == "num" and not toks[k].sign


def lone_load(toks: list[Tok], i: int, st: State) -> int | None:
    """'100kg', 'bw+20', '30s', '135 for', '70k:': a load for the sets that follow."""
    hit = read_load(toks, i, st.ctx)
    if hit is None:
        return None
    item = st.item()
    if item and st.load is None and all(d.load is None for d in item) and _after_reps(toks, i):
        for draft in item:  # "chin-ups 5,5,4 +10kg": the load comes after the reps
            draft.load = hit[0]
        st.load = hit[0]
        return hit[1]
    st.load, st.fresh = hit[0], True
    j = hit[1]
    return j + 1 if at(toks, j, ":", "for", "-", ",") and at(toks, j + 1, "num") else j


def parse_tokens(toks: list[Tok], st: State) -> None:
    """Run the grammar over the tokens of one exercise, adding sets to the state."""
    i = 0
    while i < len(toks):
        for rule in ALL_RULES:
            j = rule(toks, i, st)
            if j is not None and j > i:
                i = j
                break
        else:
            i += 1


ALL_RULES = [*RULES, listed, words, mul, lone_reps_word, reps_at_load, time_or_distance,
             bare_reps, lone_load]  # fmt: skip
