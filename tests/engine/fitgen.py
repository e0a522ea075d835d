"""Build small synthetic FIT files in memory with fit-tool, so tests need no binary fixtures.

Every builder returns the bytes of a complete, valid FIT file (cached: fit-tool is slow).
Times start at ``T0``; HR ramps linearly so every zone is visited.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.hr_message import HrMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.messages.set_message import SetMessage
from fit_tool.profile.messages.sport_message import SportMessage
from fit_tool.profile.profile_type import FileType, Manufacturer, SetType, Sport, SubSport
from fitdecode.utils import compute_crc

T0 = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
FIT_EPOCH_S = 631065600

HrCurve = Callable[[float], int | None]


def ramp(low: int = 90, high: int = 180, seconds: float = 1200) -> HrCurve:
    """Return an HR curve rising linearly from ``low`` to ``high`` over ``seconds``."""
    return lambda t: round(low + (high - low) * min(t / seconds, 1.0))


def _ms(when: datetime) -> int:
    return round(when.timestamp() * 1000)


class Fit:
    """A thin builder: each method adds one kind of message."""

    def __init__(self, file_type: FileType = FileType.ACTIVITY) -> None:
        self.builder = FitFileBuilder(auto_define=True)
        message = FileIdMessage()
        message.type = file_type
        message.manufacturer = Manufacturer.DEVELOPMENT.value
        message.product = 0
        message.serial_number = 1234
        message.time_created = _ms(T0)
        self.builder.add(message)

    def records(
        self,
        start: datetime,
        seconds: int,
        speed: float | Callable[[float], float] | None,
        hr: HrCurve | None = None,
        step: int = 1,
        gps: bool = True,
        distance0: float = 0.0,
    ) -> float:
        """Add one record per ``step`` seconds; return the distance reached."""
        distance = distance0
        for t in range(0, seconds + 1, step):
            record = RecordMessage()
            record.timestamp = _ms(start + timedelta(seconds=t))
            v = speed(t) if callable(speed) else speed
            if v is not None:
                record.speed = v
                record.distance = distance
                distance += v * step
            if gps:
                record.position_lat = 52.5 + t * 1e-5
                record.position_long = 13.4
            record.altitude = 100.0 + 10 * (t // 300 % 2)
            beat = hr(t) if hr is not None else None
            if beat is not None:
                record.heart_rate = beat
            record.cadence = 85
            self.builder.add(record)
        return distance - (v * step if v is not None else 0.0)

    def hr_messages(
        self, start: datetime, seconds: int, hr: HrCurve, per_message: int = 8
    ) -> None:
        """Add beat-to-beat HR in separate ``hr`` messages, one sample per second."""
        for first in range(0, seconds, per_message):
            message = HrMessage()
            message.timestamp = _ms(start + timedelta(seconds=first))
            offsets = range(first, min(first + per_message, seconds))
            message.event_timestamp = [1000.0 + t for t in offsets]
            message.filtered_bpm = [hr(t) for t in offsets]
            self.builder.add(message)

    def lap(self, start: datetime, seconds: float, distance: float, avg_hr: int | None = None):
        lap = LapMessage()
        lap.timestamp = _ms(start + timedelta(seconds=seconds))
        lap.start_time = _ms(start)
        lap.total_elapsed_time = seconds
        lap.total_timer_time = seconds
        lap.total_distance = distance
        if avg_hr is not None:
            lap.avg_heart_rate = avg_hr
        self.builder.add(lap)

    def session(self, start: datetime, seconds: float, distance: float | None, sport, sub, **kw):
        """Add a session; ``kw`` sets further SessionMessage fields (e.g. avg_heart_rate=0)."""
        session = SessionMessage()
        session.timestamp = _ms(start + timedelta(seconds=seconds))
        session.start_time = _ms(start)
        session.total_elapsed_time = seconds
        session.total_timer_time = seconds
        if distance is not None:
            session.total_distance = distance
        session.sport = sport
        session.sub_sport = sub
        for name, value in kw.items():
            setattr(session, name, value)
        self.builder.add(session)

    def strength_set(self, start: datetime, seconds: float, reps, kg, category, subtype=None):
        """Add one active set followed by a 90 s rest set."""
        for active in (True, False):
            message = SetMessage()
            message.timestamp = _ms(start)
            message.start_time = _ms(start if active else start + timedelta(seconds=seconds))
            message.duration = seconds if active else 90.0
            message.set_type = SetType.ACTIVE if active else SetType.REST
            if active:
                message.repetitions = reps
                message.weight = kg
                message.category = [category]
                if subtype is not None:
                    message.category_subtype = [subtype]
            self.builder.add(message)

    def sport(self, sport, sub) -> None:
        message = SportMessage()
        message.sport = sport
        message.sub_sport = sub
        self.builder.add(message)

    def activity(self, end: datetime, sessions: int = 1, local_raw: int | None = None) -> None:
        message = ActivityMessage()
        message.timestamp = _ms(end)
        message.num_sessions = sessions
        if local_raw is not None:
            message.local_timestamp = local_raw
        self.builder.add(message)

    def bytes(self) -> bytes:
        return self.builder.build().to_bytes()


@functools.cache
def run_gps_hr(seconds: int = 1800, speed: float = 3.0) -> bytes:
    """A steady outdoor run with GPS and a rising HR, one lap per 600 s."""
    fit = Fit()
    distance = fit.records(T0, seconds, speed, ramp(90, 180, seconds), step=2)
    for i in range(0, seconds, 600):
        fit.lap(T0 + timedelta(seconds=i), min(600, seconds - i), speed * min(600, seconds - i))
    fit.session(T0, seconds, distance, Sport.RUNNING, SubSport.GENERIC, avg_heart_rate=140)
    fit.activity(T0 + timedelta(seconds=seconds))
    return fit.bytes()


@functools.cache
def ride_no_hr(seconds: int = 900) -> bytes:
    """A road ride without a heart-rate strap."""
    fit = Fit()
    distance = fit.records(T0, seconds, 8.0, None, step=2)
    fit.session(T0, seconds, distance, Sport.CYCLING, SubSport.ROAD)
    fit.activity(T0 + timedelta(seconds=seconds))
    return fit.bytes()


@functools.cache
def walk_as_run(seconds: int = 900) -> bytes:
    """A walk at 1.4 m/s that the watch saved as a run."""
    fit = Fit()
    distance = fit.records(T0, seconds, lambda t: 1.4 + 0.1 * (t % 3 == 0), ramp(80, 110), 2)
    fit.session(T0, seconds, distance, Sport.RUNNING, SubSport.GENERIC)
    fit.activity(T0 + timedelta(seconds=seconds))
    return fit.bytes()


@functools.cache
def multisport() -> bytes:
    """A run of 600 s, then a ride of 600 s: two sessions in one file."""
    fit = Fit()
    bike_start = T0 + timedelta(seconds=601)
    run_m = fit.records(T0, 600, 3.2, ramp(100, 170, 600))
    bike_m = fit.records(bike_start, 600, 9.0, ramp(150, 160, 600), distance0=0.0)
    fit.session(T0, 600, run_m, Sport.RUNNING, SubSport.GENERIC)
    fit.session(bike_start, 600, bike_m, Sport.CYCLING, SubSport.ROAD)
    fit.activity(bike_start + timedelta(seconds=600), sessions=2)
    return fit.bytes()


@functools.cache
def strength() -> bytes:
    """A gym session: bench press, front squat, an unknown exercise; each set has a rest."""
    fit = Fit()
    fit.records(T0, 900, None, ramp(90, 150, 900), step=5, gps=False)
    plan = [(5, 100.0, 0, 1), (5, 100.0, 0, 1), (3, 80.0, 28, 8), (12, 0.0, 65534, None)]
    for i, (reps, kg, category, subtype) in enumerate(plan):
        fit.strength_set(T0 + timedelta(seconds=30 + 180 * i), 40.0, reps, kg, category, subtype)
    fit.session(T0, 900, None, Sport.TRAINING, SubSport.STRENGTH_TRAINING)
    fit.activity(T0 + timedelta(seconds=900))
    return fit.bytes()


@functools.cache
def hr_messages_only(seconds: int = 600) -> bytes:
    """A pool swim whose records carry no HR; the strap's HR comes in ``hr`` messages."""
    fit = Fit()
    fit.records(T0, seconds, 0.9, None, step=2, gps=False)
    fit.hr_messages(T0, seconds, ramp(100, 170, seconds))
    fit.session(T0, seconds, 0.9 * seconds, Sport.SWIMMING, SubSport.LAP_SWIMMING)
    fit.activity(T0 + timedelta(seconds=seconds))
    return fit.bytes()


@functools.cache
def zero_session_hr(seconds: int = 600) -> bytes:
    """A ride whose session says avg/max HR 0 although every record has HR 150."""
    fit = Fit()
    distance = fit.records(T0, seconds, 7.0, lambda t: 150)
    fit.session(
        T0, seconds, distance, Sport.CYCLING, SubSport.GENERIC, avg_heart_rate=0, max_heart_rate=0
    )
    fit.activity(T0 + timedelta(seconds=seconds))
    return fit.bytes()


@functools.cache
def unfinalised(seconds: int = 600) -> bytes:
    """A ride that was never saved: sport message and records, no session, no checksum."""
    fit = Fit()
    fit.sport(Sport.CYCLING, SubSport.GENERIC)
    fit.records(T0, seconds, 6.0, ramp(100, 150, seconds))
    return fit.bytes()[:-2]


@functools.cache
def relative_clock(seconds: int = 300, local_offset_h: int | None = 2) -> bytes:
    """An old-watch run: times count from power-on; the activity message gives local time
    (``local_offset_h`` hours ahead of UTC), or nothing when it is None."""
    fit = Fit()
    boot = datetime.fromtimestamp(FIT_EPOCH_S + 1000, UTC)  # raw FIT time 1000
    distance = fit.records(boot, seconds, 3.0, ramp(100, 160, seconds), gps=False)
    fit.session(boot, seconds, distance, Sport.RUNNING, SubSport.GENERIC)
    local_raw = None
    if local_offset_h is not None:
        local_end = T0 + timedelta(hours=local_offset_h, seconds=seconds)
        local_raw = round(local_end.timestamp()) - FIT_EPOCH_S
    fit.activity(boot + timedelta(seconds=seconds), local_raw=local_raw)
    return fit.bytes()


@functools.cache
def settings_file() -> bytes:
    """A valid FIT file that is a device settings file, not an activity."""
    return Fit(FileType.SETTINGS).bytes()


def with_header_crc(data: bytes, *, valid: bool = True) -> bytes:
    """Rewrite a 12-byte-header file with a 14-byte header carrying a (possibly wrong) CRC."""
    head = bytes([14]) + data[1:12]
    crc = compute_crc(head) ^ (0 if valid else 0xFFFF)
    body = head + crc.to_bytes(2, "little") + data[12:-2]
    return body + compute_crc(body).to_bytes(2, "little")


def undefined_message(data: bytes) -> bytes:
    """Turn the first definition into a data message of an undefined local type (15)."""
    return data[:12] + b"\x0f" + data[13:]


def shared_fit_dir() -> Path | None:
    """Return the shared real-file corpus folder (sibling of the repo), or None if absent."""
    folder = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "fit"
    return folder if folder.is_dir() else None


def long_run(seconds: int) -> bytes:
    """A long run for benchmarks (not cached: it is large)."""
    fit = Fit()
    distance = fit.records(T0, seconds, 3.0, ramp(100, 175, seconds))
    fit.session(T0, seconds, distance, Sport.RUNNING, SubSport.GENERIC)
    fit.activity(T0 + timedelta(seconds=seconds))
    return fit.bytes()
