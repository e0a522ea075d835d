"""Set forms read ahead of the core grammar: rep lists before their load, rep maxes, '(x 3)'."""

from __future__ import annotations

from engine.setlog.rules import MAX_SETS, load_after
from engine.setlog.spec import Draft, Load, State, at, dash_chain, is_int, read_load
from engine.setlog.tokens import Tok

MAX_LISTED_REPS = 50
_SEPARATORS = (",", "/")


def _count(tok: Tok) -> int | None:
    """Return a token's value as a rep count of a list, or None if it cannot be one."""
    if tok.kind != "num" or tok.sign or not is_int(tok.value):
        return None
    count = int(tok.value or 0)
    return count if 0 < count <= MAX_LISTED_REPS else None


def _rep_list(toks: list[Tok], i: int) -> tuple[list[int], int, bool]:
    """Read '5,5,5', '5/5/5', '5 5 5' or '5-3-2' at i: the counts, the end, and if dashed."""
    if (first := _count(toks[i])) is None:
        return [], i, False
    if (chain := dash_chain(toks, i)) >= 3:
        counts = [_count(toks[k]) for k in range(i, i + 2 * chain, 2)]
        if None in counts:  # "12-03-2024" is a date, not a list
            return [], i, False
        return [c or 0 for c in counts], i + 2 * chain - 1, True
    reps, j = [first], i + 1
    sep = toks[j].kind if at(toks, j, *_SEPARATORS) else None
    while j < len(toks):
        k = j + 1 if sep is not None and at(toks, j, sep) else j
        if k == j and (sep is not None or not toks[j].gap):
            break
        if k >= len(toks) or (count := _count(toks[k])) is None:
            break
        reps.append(count)
        j = k + 1
    # A space-separated pair ("3 5") is too easily something else to count as a list.
    return (reps, j, False) if sep is not None or len(reps) >= 3 else ([], i, False)


def _list_load(toks: list[Tok], j: int, st: State, top: int) -> tuple[Load, int] | None:
    """Read the load after a rep list: '@ 80', 'at 40kg', 'x 100kg', '100kg', or a bare '100'."""
    if at(toks, j, "reps"):
        j += 1
    if at(toks, j, "at") or (at(toks, j, "mul") and at(toks, j + 1, "wt")):
        hit = read_load(toks, j + 1, st.ctx)
    elif at(toks, j, "wt"):
        hit = read_load(toks, j, st.ctx)
    elif st.ctx.kind == "strength" and not st.ctx.bw_class and st.load is None:
        load, k = load_after(toks, j, st)  # "squat 5/5/5 100": a bare load bigger than the reps
        hit = (load, k) if load is not None and (load.weight or 0) > top else None
    else:
        hit = None
    if hit is None or at(toks, hit[1], "mul", "sets", "reps"):
        return None
    weight = hit[0].weight
    if weight is not None and weight <= 10 and not hit[0].unit and not st.ctx.bw_class:
        return None  # "5,5,5 at 8" is too small to be a barbell load
    return hit


def reps_then_load(toks: list[Tok], i: int, st: State) -> int | None:
    """'5,5,5 @ 80', 'squat 5/5/5 100kg', '5-3-2 at 100': one set per count, at that load."""
    if not at(toks, i + 1, ",", "/", "-", "num") or toks[i].kind != "num":
        return None
    if st.ctx.kind != "strength" or st.ctx.seconds:
        return None
    reps, j, dashed = _rep_list(toks, i)
    if len(reps) < 2:
        return None
    hit = _list_load(toks, j, st, max(reps))
    if hit is not None:
        st.load = hit[0]
        st.add([Draft(hit[0], r) for r in reps])
        return hit[1]
    if dashed and st.load is None and not st.drafts:
        st.add([Draft(None, r) for r in reps])  # "squat 5-5-5": reps only, never "5 kg x 5-5"
        return j
    return None


def rep_max(toks: list[Tok], i: int, st: State) -> int | None:
    """'3RM 190kg', 'squat 190 3RM', 'new 5rm of 100': one set of that many reps at the load.

    Next to a set already written ("190x3 (3RM)") the rep max is only a note.
    """
    tok = toks[i]
    if tok.kind != "rm":
        return None
    reps = int(tok.value or 1)
    k = i + 1
    while at(toks, k, "of", "at", ":", "-"):
        k += 1
    hit = read_load(toks, k, st.ctx) if at(toks, k, "num", "wt", "bw") else None
    if hit is not None and not at(toks, hit[1], "mul", "sets", "reps"):
        st.load = hit[0]
        st.add([Draft(hit[0], reps)])
        return hit[1]
    if hit is None and st.fresh and st.load is not None:
        st.add([Draft(st.load, reps)])
    return i + 1


def paren_times(toks: list[Tok], i: int, st: State) -> int | None:
    """'21 x 10 (x 3)': the one set just written, done that many times."""
    if not (at(toks, i, "(") and at(toks, i + 1, "mul") and at(toks, i + 3, ")")):
        return None
    times = toks[i + 2]
    item = st.item()
    if times.kind != "num" or not is_int(times.value) or len(item) != 1 or st.fresh:
        return None
    count = int(times.value or 1)
    if not 1 < count <= MAX_SETS:
        return None
    last = item[-1]
    copies = [Draft(last.load, last.reps, last.duration, last.distance, last.rpe, last.rir)
              for _ in range(count - 1)]  # fmt: skip
    st.add(copies, new_item=False)
    return i + 4


_BY_KIND = {"rm": rep_max, "num": reps_then_load, "(": paren_times}


def listed(toks: list[Tok], i: int, st: State) -> int | None:
    """Try the rule of this module that can start at the token's kind (one call per token)."""
    rule = _BY_KIND.get(toks[i].kind)
    return rule(toks, i, st) if rule is not None else None
