"""Which export a CSV is, told by its header names (never by column position)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.imports.model import CsvImportError

# Header name (normalised: lower case, single spaces) -> neutral field, per format.
# Strong's headers are localized (ECOSYSTEM.md §4.2); English and German are known.
_STRONG = {
    "date": "date", "datum": "date",
    "workout name": "workout", "workout-name": "workout",
    "duration": "duration", "workout duration": "duration", "dauer": "duration",
    "workout-dauer": "duration",
    "exercise name": "exercise", "name der übung": "exercise",
    "set order": "set_order", "reihenfolge festlegen": "set_order",
    "weight": "weight", "gewicht": "weight",
    "weight unit": "weight_unit", "gewichtseinheit": "weight_unit",
    "reps": "reps", "wiederh.": "reps", "wiederholungen": "reps",
    "distance": "distance", "distanz": "distance", "entfernung": "distance",
    "distance unit": "distance_unit", "distanzeinheit": "distance_unit",
    "entfernungseinheit": "distance_unit",
    "seconds": "seconds", "sekunden": "seconds",
    "notes": "notes", "notizen": "notes",
    "workout notes": "workout_notes", "workout-notizen": "workout_notes",
    "rpe": "rpe",
}  # fmt: skip
_HEVY = {
    "title": "workout", "start_time": "date", "end_time": "end", "description": "workout_notes",
    "exercise_title": "exercise", "superset_id": "superset", "exercise_notes": "notes",
    "set_index": "set_order", "set_type": "set_type", "weight_kg": "weight_kg",
    "weight_lbs": "weight_lb", "reps": "reps", "distance_km": "distance_km",
    "distance_miles": "distance_mi", "duration_seconds": "seconds", "rpe": "rpe",
}  # fmt: skip
# Spotter's own export (sets.csv): every column a set_logs column or its workout's.
SPOTTER_COLUMNS = (
    "workout_id", "workout_started_at", "workout_closed_at", "exercise", "position", "set_type",
    "weight_kg", "input_weight", "input_unit", "reps", "rir", "rpe", "bodyweight",
    "added_weight_kg", "duration_s", "distance_m", "performed_at", "raw_text",
)  # fmt: skip
_SPOTTER = {name: name for name in SPOTTER_COLUMNS}

# Other apps' exports, named in the reply rather than "not recognised".
_OTHERS = (
    ("Liftosaur", {"workout datetime", "completed reps", "is warmup set?"}),
    ("FitNotes", {"date", "exercise", "category", "weight unit"}),
)


@dataclass(frozen=True, slots=True)
class CsvFormat:
    key: str
    label: str
    columns: dict[str, str]  # header name -> neutral field
    required: frozenset[str]  # neutral fields that must be present


FORMATS = {
    "strong_classic": CsvFormat(
        "strong_classic", "Strong (classic export)", _STRONG,
        frozenset({"date", "workout", "exercise", "set_order", "weight", "reps"}),
    ),
    "strong": CsvFormat(
        "strong", "Strong", _STRONG,
        frozenset({"date", "workout", "exercise", "set_order", "weight", "weight_unit", "reps"}),
    ),
    "hevy": CsvFormat(
        "hevy", "Hevy", _HEVY, frozenset({"workout", "date", "exercise", "set_type", "reps"})
    ),
    "spotter": CsvFormat(
        "spotter", "Spotter", _SPOTTER,
        frozenset({"workout_id", "workout_started_at", "exercise", "position", "performed_at",
                   "weight_kg", "reps"}),
    ),
}  # fmt: skip

_SPACES = re.compile(r"\s+")


def normalise_header(name: str) -> str:
    return _SPACES.sub(" ", name.strip().strip('"').strip("\ufeff").strip().lower())


def detect_format(header: list[str]) -> tuple[CsvFormat, dict[int, str]]:
    """Tell the export from its header row.

    Args:
        header: The header cells as read.

    Returns:
        The format and a map from column index to neutral field.

    Raises:
        CsvImportError: when no known export has these columns.
    """
    names = [normalise_header(h) for h in header]
    present = set(names)
    order = ("spotter", "hevy", "strong", "strong_classic")
    for key in order:
        fmt = FORMATS[key]
        mapping = {i: fmt.columns[n] for i, n in enumerate(names) if n in fmt.columns}
        fields = set(mapping.values())
        if key == "hevy" and not fields & {"weight_kg", "weight_lb"}:
            continue
        if fmt.required <= fields:
            if key == "strong_classic" and "weight_unit" in fields:
                continue
            return fmt, mapping
    for app, needed in _OTHERS:
        if needed <= present:
            raise CsvImportError(
                f"This looks like a {app} export. I can import CSV exports from Strong, "
                "Hevy and Spotter; nothing was saved."
            )
    raise CsvImportError(
        "I don't recognise this CSV: it has none of the columns of a Strong, Hevy or Spotter "
        "export (Date, Exercise Name, Set Order, … or title, exercise_title, set_type, …). "
        "Nothing was saved."
    )
