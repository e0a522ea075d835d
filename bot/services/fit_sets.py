"""Strength sets a watch recorded: logbook rows, and questions about the ones it could not name."""

from __future__ import annotations

import datetime as dtm
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.services.sets import set_e1rm
from engine.catalog import CATALOG, resolve, suggest
from engine.fit import StrengthSet
from engine.fit.strength import CATEGORY_DEFAULTS, SUBTYPE_RULES
from storage.tables import NewSet

MAX_CHOICES = 6
COMMON_LIFTS = (
    "bench press",
    "squat",
    "deadlift",
    "overhead press",
    "barbell row",
    "pull-up",
    "bicep curl",
    "lunge",
)
KG_PER_LB = 0.45359237


@dataclass(frozen=True, slots=True)
class SetGroup:
    """Sets the watch could not name, grouped by the category it wrote (None: no category).

    ``workout_id`` is None until a set of the upload reaches the logbook; ``span`` is the
    session's start and end (ISO), for the workout created then.
    """

    category: str | None
    sets: tuple[dict[str, Any], ...]  # StrengthSet.to_json_dict() values
    activity_id: int = 0
    workout_id: int | None = None
    span: tuple[str, str] = ("", "")
    filename: str = ""


def row_of(
    item: dict[str, Any] | StrengthSet, exercise: str, at: dtm.datetime, unit: str
) -> NewSet:
    """A logbook row for one watch set (the watch stores kg; 0 kg means none was entered)."""
    data = item.to_json_dict() if isinstance(item, StrengthSet) else item
    found = CATALOG.get(exercise)
    weight = data.get("weight_kg") or None
    reps = data.get("reps") or None
    when = dtm.datetime.fromisoformat(data["start_time"]) if data.get("start_time") else at
    return NewSet(
        exercise=exercise,
        weight_kg=weight,
        input_weight=round(weight / KG_PER_LB, 1) if weight and unit == "lb" else weight,
        input_unit=unit,
        reps=reps,
        bodyweight=weight is None and found is not None and found.bodyweight,
        duration_s=data.get("duration_s") if reps is None else None,
        e1rm_kg=set_e1rm(weight, reps, None, None),
        performed_at=when,
    )


def unknown_groups(sets: Iterable[StrengthSet], **where: Any) -> list[SetGroup]:
    """Unnamed sets grouped by FIT category, named categories first, in order of appearance.

    ``where`` fills the groups' other fields (activity, workout, span, file name).
    """
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for item in sets:
        if item.exercise is None:
            groups.setdefault(item.fit_category, []).append(item.to_json_dict())
    ordered = sorted(groups.items(), key=lambda pair: pair[0] is None)
    return [SetGroup(category, tuple(items), **where) for category, items in ordered]


def choices_for(category: str | None, favourites: Sequence[str]) -> list[str]:
    """A short list of exercises a category may mean, then the user's usual ones.

    A category the catalog does not know is offered as a new exercise, written "+name".
    """
    names: list[str] = []
    if category is not None:
        names += [name for cat, _words, name in SUBTYPE_RULES if cat == category and name]
        if category in CATEGORY_DEFAULTS:
            names.append(CATEGORY_DEFAULTS[category])
        spoken = category.replace("_", " ")
        found = resolve(spoken, fuzzy=False)
        names += [found.name] if found else [f"+{spoken}"]
        names += suggest(spoken, limit=3)
    names += [*favourites, *COMMON_LIFTS]
    usable = [n for n in names if n in CATALOG or n in favourites or n.startswith("+")]
    return list(dict.fromkeys(usable))[:MAX_CHOICES]


def logged_lines(sets: Iterable[StrengthSet], unit: str) -> tuple[str, ...]:
    """'Bench press 5 × 100 kg, 5 × 100 kg', one line per exercise, in order of appearance."""
    groups: dict[str, list[str]] = {}
    for item in sets:
        if item.exercise:
            groups.setdefault(item.exercise, []).append(_set_text(item.to_json_dict(), unit))
    return tuple(f"{name[:1].upper()}{name[1:]} {', '.join(p)}" for name, p in groups.items())


def describe(group: SetGroup, unit: str) -> str:
    """'3 sets the watch logged as “row”: 10 × 14 kg, 8 × 14 kg, 10' (at most 6 shown)."""
    what = f"as “{group.category.replace('_', ' ')}”" if group.category else "without an exercise"
    parts = [_set_text(item, unit) for item in group.sets[:6]]
    more = f" and {len(group.sets) - 6} more" if len(group.sets) > 6 else ""
    count = len(group.sets)
    return f"{count} set{'s' * (count != 1)} the watch logged {what}: {', '.join(parts)}{more}"


def _set_text(item: dict[str, Any], unit: str) -> str:
    reps, kg = item.get("reps"), item.get("weight_kg")
    if not reps:
        return f"{round(item.get('duration_s') or 0)} s"
    if not kg:
        return f"{reps} reps"
    weight = kg / KG_PER_LB if unit == "lb" else kg
    return f"{reps} × {round(weight, 1):g} {unit}"


def payload_of(groups: Sequence[SetGroup], choices: Sequence[str]) -> dict[str, Any]:
    """What a pending question keeps: the groups still to name and the first one's choices."""
    return {
        "choices": list(choices),
        "groups": [
            {
                "category": g.category,
                "sets": list(g.sets),
                "activity_id": g.activity_id,
                "workout_id": g.workout_id,
                "span": list(g.span),
                "filename": g.filename,
            }
            for g in groups
        ],
    }


def groups_of(payload: dict[str, Any]) -> list[SetGroup]:
    """The groups a pending question holds."""
    return [
        SetGroup(
            g["category"],
            tuple(g["sets"]),
            g["activity_id"],
            g["workout_id"],
            (g["span"][0], g["span"][1]),
            g["filename"],
        )
        for g in payload.get("groups", [])
    ]
