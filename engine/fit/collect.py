"""Collect the messages analysis needs from fitdecode frames, then build a FitFile.

Times stay raw FIT seconds (since 1989-12-31 UTC) while reading; ``build`` converts them to
Unix seconds. Values below 0x10000000 are seconds since the device was switched on (old
watches without a clock, e.g. the Forerunner 70); they are anchored on the ``activity``
message's local wall-clock time, which gives the right local day but an unknown UTC offset.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import fitdecode
from fitdecode.types import DevField

from engine.fit import messages as msg
from engine.fit.errors import NoClockError
from engine.fit.messages import Values, bpm, num, values_of
from engine.fit.model import FitFile

FIT_EPOCH_S = 631065600
RELATIVE_LIMIT = 0x10000000
_SEMICIRCLE_DEG = 180 / 2**31


class Collector:
    """Receive frames in file order; keep what analysis needs."""

    def __init__(self) -> None:
        self.parts = 0
        self.part_done = False
        self.end_offset = 0
        self.complete = True
        self.rec: tuple[list[Any], ...] = tuple([] for _ in range(7))
        self.sessions: list[Values] = []
        self.laps: list[Values] = []
        self.sets: list[Values] = []
        self.hr: list[tuple[float, int]] = []
        self.info: Values = {}
        self._hr_anchor: tuple[float, float] | None = None
        self._handlers: dict[str, Callable[[fitdecode.FitDataMessage], None]] = {
            "record": self._record,
            "session": lambda f: self.sessions.append(values_of(f)),
            "lap": lambda f: self.laps.append(values_of(f)),
            "set": lambda f: self.sets.append(values_of(f)),
            "hr": self._hr,
            "file_id": lambda f: self.info.update(file_id=values_of(f)),
            "sport": lambda f: self.info.setdefault("sport", values_of(f)),
            "activity": lambda f: self.info.update(activity=values_of(f)),
        }

    def feed(self, frame: Any) -> None:
        """Take one frame from ``FitReader``."""
        kind = frame.frame_type
        if kind == fitdecode.FIT_FRAME_DATA:
            handler = self._handlers.get(frame.name)
            if handler is not None:
                handler(frame)
        elif kind == fitdecode.FIT_FRAME_HEADER:
            self.parts += 1
            self.part_done = False
            self._hr_anchor = None
            self.end_offset += frame.header_size + frame.body_size + 2
        elif kind == fitdecode.FIT_FRAME_CRC:
            self.part_done = True

    def _record(self, frame: fitdecode.FitDataMessage) -> None:
        v = values_of(frame)
        stamp = num(v.get("timestamp"))
        if stamp is None:
            return  # a sample without a time cannot be placed on the timeline
        lat = num(v.get("position_lat"))
        t, dist, speed, hr, alt, cad, lat_col = self.rec
        t.append(stamp)
        dist.append(num(v.get("distance")))
        speed.append(num(v.get("enhanced_speed", v.get("speed"))))
        hr.append(bpm(v.get("heart_rate")))
        alt.append(num(v.get("enhanced_altitude", v.get("altitude"))))
        cad.append(num(v.get("cadence")))
        lat_col.append(lat * _SEMICIRCLE_DEG if lat is not None else None)

    def _hr(self, frame: fitdecode.FitDataMessage) -> None:
        """Keep beat-to-beat HR samples from an ``hr`` message."""
        stamp, beats, plain, derived = _hr_fields(frame)
        # A message with a timestamp anchors its own event times. fitdecode already adds the
        # anchor to the 12-bit follow-ups (to within the 4 s those 12 bits span: fine here).
        if plain and stamp is not None:
            self._hr_anchor = (stamp, plain[0])
        times = derived
        if plain and self._hr_anchor is not None:
            base, first = self._hr_anchor
            times = [base + (e - first) for e in plain]
        for when, beat in zip(times, beats, strict=False):
            hr = bpm(beat)
            if hr is not None and isinstance(when, int | float):
                self.hr.append((float(when), hr))

    def build(self) -> FitFile:
        """Return the FitFile, with every time in Unix seconds."""
        at, estimated = _clock(self)
        file_id = self.info.get("file_id", {})
        sport = self.info.get("sport", {})
        maker, product = file_id.get("manufacturer"), file_id.get("garmin_product")
        product = product if product is not None else file_id.get("product")
        hr = sorted((at(t), b) for t, b in self.hr)
        return FitFile(
            file_type=msg.text(file_id.get("type")),
            device=" ".join(str(p) for p in (maker, product) if p is not None) or None,
            sport=msg.text(sport.get("sport")),
            sub_sport=msg.text(sport.get("sub_sport")),
            sessions=tuple(msg.session(v, at) for v in self.sessions),
            laps=tuple(msg.lap(v, at) for v in self.laps),
            records=msg.records(self.rec, at),
            hr_time_s=tuple(t for t, _ in hr),
            hr_bpm=tuple(b for _, b in hr),
            sets=tuple(msg.strength_set(v, at) for v in self.sets),
            parts=self.parts,
            complete=self.complete,
            clock_estimated=estimated,
        )


def _hr_fields(frame: fitdecode.FitDataMessage) -> tuple[float | None, tuple, list, list]:
    """Return (timestamp, bpm values, plain event times, event times derived from 12 bits)."""
    stamp, frac, beats = None, 0.0, ()
    plain: list[float] = []
    derived: list[float] = []
    for fd in frame.fields:
        field, value = fd.field, fd.value
        if value is None or field is None or field.__class__ is DevField:
            continue
        name = field.name
        if name == "timestamp":
            stamp = num(value)
        elif name == "fractional_timestamp":
            frac = num(value) or 0.0
        elif name == "filtered_bpm":
            beats = value if isinstance(value, tuple) else (value,)
        elif name == "event_timestamp":
            target = plain if fd.field_def is not None else derived
            target.extend(value if isinstance(value, tuple) else (value,))
    return (stamp + frac if stamp is not None else None), beats, plain, derived


def _clock(c: Collector) -> tuple[Callable[[float | None], Any], bool]:
    """Return the raw→Unix converter and whether it had to anchor relative times."""
    firsts = [c.rec[0][0]] if c.rec[0] else []
    firsts += [num(v.get("start_time")) for v in c.sessions] + [t for t, _ in c.hr[:1]]
    if not any(t is not None and t < RELATIVE_LIMIT for t in firsts):
        return (lambda raw: None if raw is None else raw + FIT_EPOCH_S), False
    activity = c.info.get("activity", {})
    stamp, local = num(activity.get("timestamp")), num(activity.get("local_timestamp"))
    if stamp is None or local is None or local < RELATIVE_LIMIT:
        raise NoClockError
    shift = local - stamp if stamp < RELATIVE_LIMIT else 0.0

    def at(raw: float | None) -> float | None:
        if raw is None:
            return None
        return raw + FIT_EPOCH_S + (shift if raw < RELATIVE_LIMIT else 0.0)

    return at, True
