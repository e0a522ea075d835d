"""FIT files for upload tests, generated with fit-tool."""

from __future__ import annotations

import functools
import io
import zipfile
from datetime import UTC, datetime, timedelta

from fit_tool.profile.profile_type import Sport, SubSport

from tests.engine.fitgen import Fit, ramp

DAY1 = datetime(2026, 10, 1, 6, 0, tzinfo=UTC)  # 08:00 in Berlin


@functools.cache
def run_at(start: datetime = DAY1, speed: float = 3.0, seconds: int = 1800) -> bytes:
    """An outdoor run with GPS and rising HR (one record per 5 s keeps fit-tool quick)."""
    fit = Fit()
    distance = fit.records(start, seconds, speed, ramp(100, 175, seconds), step=5)
    fit.session(start, seconds, distance, Sport.RUNNING, SubSport.GENERIC)
    fit.activity(start + timedelta(seconds=seconds))
    return fit.bytes()


@functools.cache
def ride_at(start: datetime, hr: bool = True, gps: bool = True) -> bytes:
    """A 20-minute ride, with or without heart rate and GPS."""
    fit = Fit()
    curve = ramp(110, 160, 1200) if hr else None
    distance = fit.records(start, 1200, 8.0, curve, step=5, gps=gps)
    fit.session(start, 1200, distance, Sport.CYCLING, SubSport.ROAD)
    fit.activity(start + timedelta(seconds=1200))
    return fit.bytes()


@functools.cache
def gym_unnamed(start: datetime = DAY1) -> bytes:
    """A gym session whose two sets carry no exercise the bot can name."""
    fit = Fit()
    fit.records(start, 600, None, ramp(90, 140, 600), step=10, gps=False)
    for i, (reps, kg, category) in enumerate([(10, 20.0, 23), (8, 22.5, 23)]):  # 23: row
        fit.strength_set(start + timedelta(seconds=30 + 150 * i), 40.0, reps, kg, category)
    fit.session(start, 600, None, Sport.TRAINING, SubSport.STRENGTH_TRAINING)
    fit.activity(start + timedelta(seconds=600))
    return fit.bytes()


# (sport, sub-sport, seconds, metres per second) of each leg of a sprint triathlon
TRIATHLON_LEGS = (
    (Sport.SWIMMING, SubSport.OPEN_WATER, 1200, 0.83),  # 1,000 m at 2:00 /100 m
    (Sport.TRANSITION, SubSport.SWIM_TO_BIKE_TRANSITION, 170, 1.2),  # T1, 2:50
    (Sport.CYCLING, SubSport.ROAD, 1800, 8.0),
    (Sport.TRANSITION, SubSport.GENERIC, 60, 1.5),  # T2
    (Sport.RUNNING, SubSport.GENERIC, 1200, 3.2),
)


@functools.cache
def triathlon(start: datetime = DAY1) -> bytes:
    """A multisport file: swim, T1 transition, ride, T2 transition, run; one session each."""
    fit = Fit()
    begin = start
    for sport, sub, seconds, speed in TRIATHLON_LEGS:
        metres = fit.records(begin, seconds, speed, ramp(120, 165, seconds), step=5)
        fit.session(begin, seconds, metres, sport, sub)
        begin += timedelta(seconds=seconds + 1)
    fit.activity(begin, sessions=len(TRIATHLON_LEGS))
    return fit.bytes()


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
