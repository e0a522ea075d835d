"""Reply text for logged sets: compact, in the user's units, numbers from the engine."""

from __future__ import annotations

from collections.abc import Sequence

from bot.formatting import fmt_duration
from bot.services.logbook import Logged
from bot.services.sets import SetView
from bot.services.summary import ExerciseResult
from handlers.limits import TEXT_LIMIT, shorten

# An acknowledgement is one message (its buttons carry the entry); plan notes follow it.
ACK_LIMIT = TEXT_LIMIT - 600
_SETS_IN_FULL = 300  # characters of an exercise's sets listed in an acknowledgement


def num(value: float | None) -> str:
    """A number without trailing zeros: 82.5, 80, 97.3."""
    return "?" if value is None else f"{round(value, 1):g}"


def effort(view: SetView) -> str:
    """' @ RIR 2' or ' @ RPE 8' or ''."""
    if view.rir is not None:
        return f" @ RIR {num(view.rir)}"
    if view.rpe is not None:
        return f" @ RPE {num(view.rpe)}"
    return ""


def load(view: SetView) -> str:
    """The load of a set as written: '80 kg', 'bodyweight +10 kg', 'bodyweight −20 kg'."""
    if view.bodyweight:
        if not view.added:
            return "bodyweight"
        sign = "+" if view.added > 0 else "−"
        return f"bodyweight {sign}{num(abs(view.added))} {view.unit}"
    return "no load" if view.weight is None else f"{num(view.weight)} {view.unit}"


def describe_sets(sets: Sequence[SetView]) -> str:
    """'3 × 5 @ 100 kg', '40 kg × 8, 8, 7 @ RPE 8', 'plank 60 s', '500 m in 1:45'."""
    first = sets[0]
    if first.reps is None and (first.duration_s or first.distance_m):
        return _timed(sets)
    efforts = {effort(s) for s in sets}
    loads = {load(s) for s in sets}
    shared = efforts.pop() if len(efforts) == 1 else None
    reps = [s.reps for s in sets]
    if len(loads) == 1:
        if len(sets) > 1 and len(set(reps)) == 1:
            # One "@" per line: the effort goes in brackets, as plans write it.
            text = f"{len(sets)} × {reps[0]} @ {loads.pop()}"
            return text + (f" ({shared.removeprefix(' @ ')})" if shared else "")
        text = f"{loads.pop()} × {', '.join(str(r) for r in reps)}"
        return text + (shared or "")
    parts = [f"{load(s)} × {s.reps}{'' if shared is not None else effort(s)}" for s in sets]
    return ", ".join(parts) + (shared or "")


def _loaded(view: SetView) -> bool:
    """Whether a set carries an external load worth showing (a carry, a weighted hold)."""
    return view.weight is not None or bool(view.bodyweight and view.added)


def _timed(sets: Sequence[SetView]) -> str:
    """'20 m in 1:45', '70 kg × 20 m', '2 × 40 m @ 32 kg': loads of carries are kept."""
    if not any(_loaded(s) for s in sets):
        return ", ".join(_cardio(s) for s in sets)
    shown = {(load(s), _cardio(s)) for s in sets}
    if len(sets) > 1 and len(shown) == 1:
        weight, what = shown.pop()
        return f"{len(sets)} × {what} @ {weight}"
    return ", ".join(f"{load(s)} × {_cardio(s)}" if _loaded(s) else _cardio(s) for s in sets)


def heaviest_set(view: SetView) -> str:
    """The heaviest set as /prs shows it: '85 kg × 3', '70 kg × 20 m', '32 kg × 40 m in 0:35'."""
    if view.reps is None and (view.duration_s or view.distance_m):
        return f"{load(view)} × {_cardio(view)}"
    return f"{load(view)} × {view.reps}" if view.reps else load(view)


def _cardio(view: SetView) -> str:
    if view.distance_m and view.duration_s:
        return f"{num(view.distance_m)} m in {fmt_duration(view.duration_s)}"
    if view.distance_m:
        return f"{num(view.distance_m)} m"
    return (
        f"{num(view.duration_s)} s"
        if (view.duration_s or 0) < 120
        else fmt_duration(view.duration_s or 0)
    )


def records_line(result: ExerciseResult, unit: str) -> str | None:
    """'🏆 PR: heaviest ever (was 85 kg) · best e1RM (was 93.5 kg)' or None."""
    parts = []
    for record in result.records:
        factor = 1.0 if unit == "kg" else 1 / 0.45359237
        if record.kind == "weight":
            parts.append(f"heaviest ever (was {num(record.previous * factor)} {unit})")
        elif record.kind == "e1rm":
            parts.append(f"best e1RM (was {num(record.previous * factor)} {unit})")
        elif record.kind == "added":
            parts.append(f"most added load (was +{num(record.previous * factor)} {unit})")
        elif record.kind == "reps":
            at = f"{num((record.at_kg or 0) * factor)} {unit}" if record.at_kg else "bodyweight"
            parts.append(f"{num(record.value)} reps at {at} (was {num(record.previous)})")
        elif record.kind == "duration":
            parts.append(f"longest hold (was {num(record.previous)} s)")
    if not parts:
        return None
    return ("🏆 PR: " if len(parts) == 1 else "🏆 PRs: ") + " · ".join(parts)


def exercise_block(result: ExerciseResult) -> list[str]:
    """The lines for one exercise of an acknowledgement."""
    sets = result.sets
    unit = sets[0].unit
    described = describe_sets(sets)
    if len(described) > _SETS_IN_FULL:  # hundreds of sets in one message: first and last
        described = f"{len(sets)} sets: {describe_sets(sets[:3])} … {describe_sets(sets[-1:])}"
    head = f"{result.exercise[:1].upper()}{result.exercise[1:]} {described}"
    best = max((s.e1rm for s in sets if s.e1rm is not None), default=None)
    if best is not None:
        head += f" — e1RM {num(best)} {unit}"
    last = result.first_number + len(sets) - 1
    numbers = f"Set {last}" if len(sets) == 1 else f"Sets {result.first_number}–{last}"
    lines = [f"{head}. {numbers} today."]
    record = records_line(result, unit)
    if record:
        lines.append(record)
    elif result.first_time:
        lines.append(f"First {result.exercise} logged — I'll track your PRs from here.")
    if result.next_text:
        lines.append(f"Next: {result.next_text}")
    return lines


def acknowledgement(logged: Logged) -> str:
    """The whole reply to a logged message."""
    lines = ["✏️ Corrected:" if logged.edited else "✅"]
    for index, result in enumerate(logged.exercises):
        if index:
            lines.append("")
        lines.extend(exercise_block(result))
    if len(lines) > 1 and lines[0] == "✅":
        lines[1] = "✅ " + lines[1]
        lines = lines[1:]
    return shorten("\n".join(lines), ACK_LIMIT)


def removed(sets: Sequence[SetView]) -> str:
    """'Bench press 80 kg × 5' for an undo confirmation."""
    groups: dict[str, list[SetView]] = {}
    for view in sets:
        groups.setdefault(view.exercise, []).append(view)
    return "; ".join(
        f"{name.capitalize()} {describe_sets(views)}" for name, views in groups.items()
    )
