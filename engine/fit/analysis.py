"""Turn a decoded FIT file into one analysed Activity per session."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from engine.fit.activity import Activity, Lap, Track
from engine.fit.decode import decode_fit
from engine.fit.errors import NoActivityError
from engine.fit.model import FitFile, LapMsg, Records, SessionMsg
from engine.fit.stream import (
    ascent_m,
    distance_span,
    merge_hr,
    moving_time_s,
    positive_mean,
    session_start,
    synthetic_session,
    window_bounds,
)
from engine.fit.strength import strength_sets
from engine.hr import (
    AthleteProfile,
    edwards_trimp,
    hrtss_stream,
    mean_hr,
    time_in_zones,
    trimp_stream,
)
from engine.running import best_efforts, classify_gait

FOOT_SPORTS = frozenset({"running", "walking", "hiking"})


def _utc(seconds: float | None) -> datetime | None:
    return datetime.fromtimestamp(seconds, UTC) if seconds is not None else None


def _positive(value: float | None) -> float | None:
    """Return the value when it is a real reading; devices write 0 for 'not measured'."""
    return value if value is not None and value > 0 else None


def _slice(records: Records, lo: float, hi: float) -> Records:
    """Return the records with lo <= time < hi."""
    i, j = bisect_left(records.time_s, lo), bisect_left(records.time_s, hi)
    return Records(*(column[i:j] for column in records.columns()))


def _laps(laps: tuple[LapMsg, ...], lo: float, hi: float, rec: Records) -> tuple[Lap, ...]:
    """Return the laps starting inside the window; missing lap HR is computed from records."""
    result = []
    for lap in laps:
        if lap.start_s is None or not lo <= lap.start_s < hi:
            continue
        avg_hr = lap.avg_hr
        if avg_hr is None and lap.elapsed_s:
            part = _slice(rec, lap.start_s, lap.start_s + lap.elapsed_s)
            avg_hr = mean_hr(part.time_s, part.hr_bpm)
        result.append(Lap(_utc(lap.start_s), lap.elapsed_s, lap.timer_s, lap.distance_m, avg_hr))
    return tuple(result)


def _motion(session: SessionMsg, rec: Records) -> dict[str, Any]:
    """Return time, distance, speed, pace, climb and cadence fields (session summary first)."""
    foot = session.sport in FOOT_SPORTS
    elapsed = session.elapsed_s or (rec.time_s[-1] - rec.time_s[0] if rec.time_s else 0.0)
    timer = session.timer_s if session.timer_s is not None else moving_time_s(rec.time_s)
    distance = session.distance_m
    if distance is None:
        distance = distance_span(rec.distance_m)
    avg = top = None
    if distance:  # no speed without distance (indoor rides, rowing machines, gym sessions)
        avg = _positive(session.avg_speed_mps) or (distance / timer if timer > 0 else None)
        top = _positive(session.max_speed_mps) or max(filter(None, rec.speed_mps), default=None)
    cadence = _positive(session.avg_cadence) or positive_mean(rec.cadence)
    climb = session.ascent_m
    return {
        "elapsed_s": elapsed,
        "timer_s": timer,
        "distance_m": distance,
        "avg_speed_mps": avg,
        "max_speed_mps": top,
        "avg_pace_s_per_km": 1000 / avg if foot and avg else None,
        "best_pace_s_per_km": 1000 / top if foot and top else None,
        "elevation_gain_m": climb if climb is not None else ascent_m(rec.altitude_m),
        "avg_cadence": cadence * 2 if foot and cadence else cadence,  # FIT counts strides
    }


def _heart(session: SessionMsg, rec: Records, athlete: AthleteProfile) -> dict[str, Any]:
    """Return the HR fields; a session HR of 0 or none is replaced from the samples."""
    times, hrs = rec.time_s, rec.hr_bpm
    readings = [h for h in hrs if h is not None]
    zones = time_in_zones(times, hrs, athlete)
    counted = any(zones)
    return {
        "avg_hr": _positive(session.avg_hr) or mean_hr(times, hrs),
        "max_hr": _positive(session.max_hr) or (max(readings) if readings else None),
        "zone_times_s": zones,
        "trimp": trimp_stream(times, hrs, athlete) if counted else None,
        "trimp_edwards": edwards_trimp(zones) if counted else None,
        "hrtss": hrtss_stream(times, hrs, athlete) if counted else None,
        "has_hr": bool(readings),
    }


def _activity(
    fit: FitFile,
    session: SessionMsg,
    start: float,
    window: tuple[float, float],
    athlete: AthleteProfile,
) -> Activity:
    """Build one Activity from its session summary and the samples inside its window."""
    lo, hi = window
    rec = _slice(fit.records, lo, hi)
    foot = session.sport in FOOT_SPORTS
    paces = [1000 / s for s in rec.speed_mps if s]
    offsets = tuple(t - start for t in rec.time_s)
    sets = [s for s in fit.sets if s.start_s is None or lo <= s.start_s < hi]
    running = session.sport == "running"
    return Activity(
        sport=session.sport,
        sub_sport=session.sub_sport,
        start_time=datetime.fromtimestamp(start, UTC),
        **_motion(session, rec),
        **_heart(session, rec, athlete),
        laps=_laps(fit.laps, lo, hi, rec),
        track=Track(offsets, rec.distance_m, rec.speed_mps, rec.hr_bpm, rec.altitude_m),
        best_efforts=best_efforts(rec.time_s, rec.distance_m) if running else {},
        strength_sets=strength_sets(sets),
        gait=classify_gait(paces) if foot and paces else None,
        has_gps=any(lat is not None for lat in rec.lat_deg),
        device=fit.device,
        partial=not fit.complete,
        clock_estimated=fit.clock_estimated,
    )


def analyse(fit: FitFile, athlete: AthleteProfile) -> list[Activity]:
    """Analyse every session of a decoded file; multisport files give several activities.

    Args:
        fit: The output of ``decode_fit``.
        athlete: Used for zones, TRIMP and hrTSS.

    Returns:
        Activities in time order.

    Raises:
        NoActivityError: The file holds no session, record or set.
    """
    starts = [(t, s) for s in fit.sessions if (t := session_start(s)) is not None]
    if not starts and (fallback := synthetic_session(fit)) is not None:
        starts = [(fallback.start_s or 0.0, fallback)]
    if not starts:
        raise NoActivityError(fit.file_type)
    starts.sort(key=lambda pair: pair[0])
    merged = replace(fit, records=merge_hr(fit.records, fit.hr_time_s, fit.hr_bpm))
    windows = window_bounds([t for t, _ in starts])
    return [
        _activity(merged, session, start, window, athlete)
        for (start, session), window in zip(starts, windows, strict=True)
    ]


def analyse_fit(data: bytes, athlete: AthleteProfile, *, check_crc: bool = True) -> list[Activity]:
    """Decode and analyse FIT bytes in one call (see ``decode_fit`` and ``analyse``)."""
    return analyse(decode_fit(data, check_crc=check_crc), athlete)
