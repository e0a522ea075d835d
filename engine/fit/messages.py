"""Turn decoded fitdecode values into the model's messages (profile fields only)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import fitdecode
from fitdecode.types import DevField

from engine.fit.model import LapMsg, Records, SessionMsg, SetMsg

Values = dict[str, Any]
Clock = Callable[[float | None], Any]


def values_of(frame: fitdecode.FitDataMessage) -> Values:
    """Return profile fields by name; developer fields, unknowns and invalid values are skipped."""
    out: Values = {}
    for fd in frame.fields:
        field = fd.field
        if field is None or field.__class__ is DevField or fd.value is None:
            continue
        out.setdefault(field.name, fd.value)
    return out


def num(value: object) -> float | None:
    """Return a plain number, the first of a tuple, or None for anything else."""
    if isinstance(value, tuple):
        value = value[0] if value else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def bpm(value: object) -> int | None:
    """Return a plausible heart rate; 0 means 'no reading' on many devices."""
    hr = num(value)
    return int(hr) if hr is not None and 0 < hr < 255 else None


def text(value: object) -> str | None:
    """Return an enum name as text; unnamed numbers become None."""
    return value if isinstance(value, str) else None


def records(cols: tuple[list[Any], ...], at: Clock) -> Records:
    """Convert the record columns, sorting by time only when the file is out of order."""
    times = [at(t) for t in cols[0]]
    columns = [times, *cols[1:]]
    if any(b < a for a, b in itertools.pairwise(times)):
        order = sorted(range(len(times)), key=times.__getitem__)
        columns = [[col[i] for i in order] for col in columns]
    return Records(*(tuple(col) for col in columns))


def session(v: Values, at: Clock) -> SessionMsg:
    cadence = v.get("avg_running_cadence", v.get("avg_cadence"))
    return SessionMsg(
        start_s=at(num(v.get("start_time"))),
        end_s=at(num(v.get("timestamp"))),
        elapsed_s=num(v.get("total_elapsed_time")),
        timer_s=num(v.get("total_timer_time")),
        distance_m=num(v.get("total_distance")),
        sport=text(v.get("sport")) or "generic",
        sub_sport=text(v.get("sub_sport")),
        avg_hr=num(v.get("avg_heart_rate")),
        max_hr=num(v.get("max_heart_rate")),
        avg_speed_mps=num(v.get("enhanced_avg_speed", v.get("avg_speed"))),
        max_speed_mps=num(v.get("enhanced_max_speed", v.get("max_speed"))),
        ascent_m=num(v.get("total_ascent")),
        avg_cadence=num(cadence),
    )


def lap(v: Values, at: Clock) -> LapMsg:
    return LapMsg(
        start_s=at(num(v.get("start_time"))),
        elapsed_s=num(v.get("total_elapsed_time")),
        timer_s=num(v.get("total_timer_time")),
        distance_m=num(v.get("total_distance")),
        avg_hr=num(v.get("avg_heart_rate")) or None,
    )


def strength_set(v: Values, at: Clock) -> SetMsg:
    reps = num(v.get("repetitions"))
    return SetMsg(
        start_s=at(num(v.get("start_time", v.get("timestamp")))),
        duration_s=num(v.get("duration")),
        reps=int(reps) if reps is not None else None,
        weight_kg=num(v.get("weight")),
        active=v.get("set_type") in ("active", 1),
        category=v.get("category"),
        subtype=v.get("category_subtype"),
    )
