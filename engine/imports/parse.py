"""Reading an export's bytes into neutral sets: encoding, delimiter, numbers, dates, set types."""

from __future__ import annotations

import csv
import datetime as dtm
import io
import re
from collections.abc import Iterator

from engine.imports.formats import CsvFormat, detect_format
from engine.imports.model import KM_PER_MILE, CsvImportError, ImportedSet, ParsedFile

MAX_BYTES = 40 * 1024 * 1024  # about a million sets of Strong CSV is far above this
MAX_ROWS = 300_000  # decades of daily training; a million rows is refused
MAX_FIELD = 20_000  # one cell (notes may be long, not megabytes)

_MONTHS = {
    # English
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
    # German
    "januar": 1, "jän": 1, "februar": 2, "mär": 3, "märz": 3, "mai": 5, "juni": 6,
    "juli": 7, "okt": 10, "oktober": 10, "dez": 12, "dezember": 12,
}  # fmt: skip
_NUMERIC_DATES = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%d %H:%M:%S.%f", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y, %H:%M",
    "%Y/%m/%d %H:%M:%S", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M:%S %p", "%Y-%m-%d",
)  # fmt: skip
_WORDY = re.compile(
    r"^(?:(?P<d1>\d{1,2})\.?\s+(?P<m1>[^\W\d_]+)\.?|(?P<m2>[^\W\d_]+)\.?\s+(?P<d2>\d{1,2}))"
    r",?\s+(?P<y>\d{4}),?\s+(?:um\s+)?(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?$",
    re.IGNORECASE,
)
_DURATION = re.compile(r"^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$")
_SET_TYPES = {
    "normal": "normal", "warmup": "warmup", "warm-up": "warmup", "warm up": "warmup",
    "w": "warmup", "dropset": "drop", "drop set": "drop", "drop": "drop", "d": "drop",
    "failure": "failure", "f": "failure",
}  # fmt: skip


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _encoding_error() from exc
    if b"\x00" in data[:4096]:
        raise CsvImportError(
            "This is not a text CSV file (it holds binary data). Nothing was saved."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _encoding_error() from exc


def _encoding_error() -> CsvImportError:
    return CsvImportError(
        "I can't read this file's text encoding: please export it again from the app "
        "(Strong and Hevy write UTF-8). Nothing was saved."
    )


def _delimiter(first_line: str) -> str:
    outside = re.sub(r'"[^"]*"', "", first_line)
    counts = {d: outside.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_number(text: str) -> float | None:
    """Read '82.5', '82,5', '1.234,5' or '' (None); raise ValueError on anything else."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    return float(text)


def parse_when(text: str) -> dtm.datetime:
    """Read an export's date: ISO-like, German dotted, or Hevy's locale forms."""
    text = " ".join(text.strip().split())
    for fmt in _NUMERIC_DATES:
        try:
            # Exports carry the phone's local time and no zone: naive on purpose.
            return dtm.datetime.strptime(text, fmt)  # noqa: DTZ007
        except ValueError:
            continue
    match = _WORDY.match(text)
    if match is None:
        raise ValueError(text)
    month_name = (match["m1"] or match["m2"]).lower().rstrip(".")
    month = _MONTHS.get(month_name) or _MONTHS.get(month_name[:3])
    if month is None:
        raise ValueError(text)
    hour = int(match["h"])
    if match["ampm"]:
        pm = match["ampm"].lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    return dtm.datetime(  # noqa: DTZ001 (local time, no zone in the file)
        int(match["y"]), month, int(match["d1"] or match["d2"]), hour, int(match["mi"]),
        int(match["s"] or 0),
    )  # fmt: skip


def parse_duration(text: str) -> float | None:
    """Read Strong's '2h 38m', '45m', '1h' or a number of seconds."""
    text = text.strip().lower()
    if not text:
        return None
    match = _DURATION.match(text)
    if match and any(match.groups()):
        h, m, s = (int(g or 0) for g in match.groups())
        return float(h * 3600 + m * 60 + s)
    return parse_number(text)


def _rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:
        raise CsvImportError(
            f"The file's quoting is broken near line {reader.line_num + 1} ({exc}). "
            "Export it again from the app; nothing was saved."
        ) from exc


def parse_csv(data: bytes, unit: str | None = None) -> ParsedFile:
    """Parse an export.

    Args:
        data: The file's bytes.
        unit: For a file without a unit column (Strong classic): "kg" or "lb"; None leaves
            the file's ``needs_unit`` set so the caller asks.

    Returns:
        The parsed file, sets in file order.

    Raises:
        CsvImportError: for anything that is not a readable export of a known app.
    """
    if len(data) > MAX_BYTES:
        raise CsvImportError(
            f"This file is {len(data) / 1048576:.0f} MB; I import CSV files up to "
            f"{MAX_BYTES // 1048576} MB. Nothing was saved."
        )
    text = _decode(data)
    if not text.strip():
        raise CsvImportError("This CSV file is empty. Nothing was saved.")
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))
    first_line = text.lstrip().split("\n", 1)[0]
    rows = _rows(text.lstrip(), _delimiter(first_line))
    _, header = next(rows)
    fmt, mapping = detect_format(header)
    builder = _Builder(fmt, mapping, len(header))
    for count, (line, row) in enumerate(rows, 1):
        if count > MAX_ROWS:
            raise CsvImportError(
                f"This file has more than {MAX_ROWS:,} rows; I import up to {MAX_ROWS:,} sets "
                "at once. Split it by year and send the parts. Nothing was saved."
            )
        builder.add(line, row)
    if not builder.sets:
        raise CsvImportError(f"This {fmt.label} file holds no sets. Nothing was saved.")
    parsed = ParsedFile(
        format=fmt.key, label=fmt.label, sets=tuple(builder.sets),
        needs_unit=fmt.key == "strong_classic", times_utc=fmt.key == "spotter",
        skipped_rows=builder.skipped,
    )  # fmt: skip
    if unit is not None and parsed.needs_unit:
        from engine.imports.model import with_unit

        return with_unit(parsed, unit)
    return parsed


class _Builder:
    """Turns rows of one format into ImportedSets, numbering sets per workout and exercise."""

    def __init__(self, fmt: CsvFormat, mapping: dict[int, str], width: int) -> None:
        self.fmt = fmt
        self.mapping = mapping
        self.width = width
        self.sets: list[ImportedSet] = []
        self.skipped = 0
        self._positions: dict[tuple[str, str], int] = {}

    def add(self, line: int, row: list[str]) -> None:
        if not any(cell.strip() for cell in row):
            return
        if len(row) > self.width:
            raise CsvImportError(
                f"Line {line} has {len(row)} fields but the header {self.width}: the file's "
                "quoting is broken. Export it again from the app; nothing was saved."
            )
        cells = {field: row[i] for i, field in self.mapping.items() if i < len(row)}
        try:
            made = self._make(cells)
        except ValueError as exc:
            raise CsvImportError(
                f"Line {line} has a value I can't read ({str(exc)[:60]!r}). Nothing was saved."
            ) from exc
        if made is None:
            self.skipped += 1
        else:
            self.sets.append(made)

    def _position(self, workout: str, exercise: str) -> int:
        key = (workout, exercise)
        position = self._positions.get(key, 0)
        self._positions[key] = position + 1
        return position

    def _make(self, c: dict[str, str]) -> ImportedSet | None:
        if self.fmt.key == "spotter":
            return _spotter(c)
        return _hevy(self, c) if self.fmt.key == "hevy" else _strong(self, c)


def _num(c: dict[str, str], field: str) -> float | None:
    return parse_number(c.get(field, ""))


def _int(c: dict[str, str], field: str) -> int | None:
    value = _num(c, field)
    return None if value is None else round(value)


def _positive(value: float | None) -> float | None:
    return value if value else None  # exports write 0 for "not applicable"


def _unit(text: str) -> str | None:
    text = text.strip().lower()
    if text in ("kg", "kgs", "kilogram", "kilograms"):
        return "kg"
    if text in ("lb", "lbs", "pound", "pounds"):
        return "lb"
    if not text:
        return None
    raise ValueError(text)


def _distance_m(value: float | None, unit: str) -> float | None:
    if not value:
        return None
    unit = unit.strip().lower()
    factor = {"m": 1.0, "km": 1000.0, "mi": KM_PER_MILE * 1000, "miles": KM_PER_MILE * 1000,
              "ft": 0.3048, "yd": 0.9144}.get(unit)  # fmt: skip
    if factor is None:
        raise ValueError(unit)
    return round(value * factor, 1)


def _strong(b: _Builder, c: dict[str, str]) -> ImportedSet | None:
    started = parse_when(c["date"])
    name = c["workout"].strip()
    exercise = c["exercise"].strip()
    order = c.get("set_order", "").strip()
    set_type = _SET_TYPES.get(order.lower(), "normal") if not order.isdigit() else "normal"
    if order.lower() in ("rest timer", "note") or not exercise:
        return None
    weight = _positive(_num(c, "weight"))
    reps = _int(c, "reps")
    seconds = _positive(_num(c, "seconds"))
    distance = _positive(_num(c, "distance"))
    if not reps and not seconds and not distance:
        return None
    duration = parse_duration(c.get("duration", ""))
    classic = b.fmt.key == "strong_classic"
    unit = None if classic else _unit(c.get("weight_unit", "")) or "kg"
    key = f"{started.isoformat()}|{name}"
    return ImportedSet(
        workout_key=key, workout_name=name, started=started,
        ended=started + dtm.timedelta(seconds=duration) if duration else None,
        exercise=exercise, position=b._position(key, exercise), set_type=set_type,
        input_weight=weight, input_unit=unit if weight is not None else None, reps=reps or None,
        rpe=_positive(_num(c, "rpe")), rir=None,
        distance_m=distance if classic else _distance_m(distance, c.get("distance_unit") or "km"),
        duration_s=seconds, notes=c.get("notes", "").strip(), performed=started,
    )  # fmt: skip


def _hevy(b: _Builder, c: dict[str, str]) -> ImportedSet | None:
    started = parse_when(c["date"])
    end_text = c.get("end", "").strip()
    ended = parse_when(end_text) if end_text else None
    name = c["workout"].strip()
    exercise = c["exercise"].strip()
    if not exercise:
        return None
    raw_type = c.get("set_type", "").strip().lower()
    set_type = _SET_TYPES.get(raw_type)
    if set_type is None:
        raise ValueError(raw_type)
    if "weight_lb" in c:
        weight, unit = _positive(_num(c, "weight_lb")), "lb"
    else:
        weight, unit = _positive(_num(c, "weight_kg")), "kg"
    if "distance_mi" in c:
        distance = _distance_m(_num(c, "distance_mi"), "mi")
    else:
        distance = _distance_m(_num(c, "distance_km"), "km")
    reps = _int(c, "reps")
    seconds = _positive(_num(c, "seconds"))
    if not reps and not seconds and not distance:
        return None
    key = f"{started.isoformat()}|{name}"
    return ImportedSet(
        workout_key=key, workout_name=name, started=started, ended=ended, exercise=exercise,
        position=b._position(key, exercise), set_type=set_type, input_weight=weight,
        input_unit=unit if weight is not None else None, reps=reps or None,
        rpe=_positive(_num(c, "rpe")), rir=None, distance_m=distance, duration_s=seconds,
        notes=c.get("notes", "").strip(), performed=started,
    )  # fmt: skip


def _iso(text: str) -> dtm.datetime | None:
    text = text.strip()
    return dtm.datetime.fromisoformat(text).replace(tzinfo=None) if text else None


def _spotter(c: dict[str, str]) -> ImportedSet:
    started = _iso(c["workout_started_at"])
    performed = _iso(c["performed_at"])
    if started is None or performed is None:
        raise ValueError("time")
    unit = c.get("input_unit", "").strip() or None
    set_type = c.get("set_type", "").strip() or "normal"
    if set_type not in ("normal", "warmup", "drop", "failure"):
        raise ValueError(set_type)
    return ImportedSet(
        workout_key=c["workout_id"].strip(), workout_name="", started=started,
        ended=_iso(c.get("workout_closed_at", "")), exercise=c["exercise"].strip(),
        position=int(c["position"]), set_type=set_type, input_weight=_num(c, "input_weight"),
        input_unit=unit, reps=_int(c, "reps"), rpe=_num(c, "rpe"), rir=_num(c, "rir"),
        distance_m=_num(c, "distance_m"), duration_s=_num(c, "duration_s"),
        notes=c.get("raw_text", ""), performed=performed,
        added_weight_kg=_num(c, "added_weight_kg"),
        bodyweight=c.get("bodyweight", "").strip().lower() in ("1", "true", "yes"),
        weight_kg_exact=_num(c, "weight_kg"),
    )  # fmt: skip
