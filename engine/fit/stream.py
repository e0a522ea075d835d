"""Small stream helpers for analysis: HR merging, session windows, ascent, moving time."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import replace

from engine.fit.model import FitFile, Records, SessionMsg
from engine.hr import MAX_GAP_S

HR_HOLD_S = 5.0
"""A beat-to-beat HR sample stands for a record at most this many seconds later."""

ASCENT_THRESHOLD_M = 3.0
"""Rises smaller than this are altimeter noise, not climbing."""

_OVERRUN_TOLERANCE_S = 60.0


def merge_hr(records: Records, hr_time_s: Sequence[float], hr_bpm: Sequence[int]) -> Records:
    """Fill record HR gaps from separate ``hr`` messages (pool swims, triathlon swims)."""
    if not hr_time_s or not records.time_s:
        return records
    merged = list(records.hr_bpm)
    j = 0
    last = len(hr_time_s) - 1
    for i, t in enumerate(records.time_s):
        while j < last and hr_time_s[j + 1] <= t:
            j += 1
        if merged[i] is None and 0 <= t - hr_time_s[j] <= HR_HOLD_S:
            merged[i] = hr_bpm[j]
    return replace(records, hr_bpm=tuple(merged))


def session_start(session: SessionMsg) -> float | None:
    """Return when a session began, repairing a start that overruns the session's own end.

    Some multisport files (a Fenix 2 here) write a first session whose start_time + elapsed
    ends long after its end timestamp and inside the next session; end − elapsed is right.
    """
    start, end, elapsed = session.start_s, session.end_s, session.elapsed_s
    if end is None or elapsed is None:
        return start
    if start is None:
        return end - elapsed
    # Some devices write end == start (a strength watch here); only a real end can overrun.
    if end > start and start + elapsed > end + _OVERRUN_TOLERANCE_S:
        return end - elapsed
    return start


def synthetic_session(fit: FitFile) -> SessionMsg | None:
    """Summarise a file without session message (an unfinalised recording) by its samples."""
    times = fit.records.time_s or tuple(sorted(s.start_s for s in fit.sets if s.start_s))
    if not times:
        return None
    return SessionMsg(
        start_s=times[0],
        end_s=times[-1],
        elapsed_s=times[-1] - times[0],
        timer_s=None,
        distance_m=None,
        sport=fit.sport or "generic",
        sub_sport=fit.sub_sport,
        avg_hr=None,
        max_hr=None,
        avg_speed_mps=None,
        max_speed_mps=None,
        ascent_m=None,
        avg_cadence=None,
    )


def window_bounds(starts: Sequence[float]) -> list[tuple[float, float]]:
    """Cut the timeline at each session start, so no sample belongs to two sessions.

    The first window is open to the left and the last to the right: samples written just
    before the start or after the end still belong to the nearest session.
    """
    lows = [-math.inf, *starts[1:]]
    highs = [*starts[1:], math.inf]
    return list(zip(lows, highs, strict=True))


def moving_time_s(times_s: Sequence[float], max_gap_s: float = MAX_GAP_S) -> float:
    """Return recorded time with pauses capped, for files that lack a timer total."""
    return sum(min(max(b - a, 0.0), max_gap_s) for a, b in itertools.pairwise(times_s))


def distance_span(distances: Sequence[float | None]) -> float | None:
    """Return last minus first known cumulative distance."""
    known = [d for d in distances if d is not None]
    return known[-1] - known[0] if len(known) >= 2 else None


def ascent_m(
    altitudes: Sequence[float | None], threshold: float = ASCENT_THRESHOLD_M
) -> float | None:
    """Return total climbing, counting a rise only once it clears ``threshold`` metres."""
    total, ref = 0.0, None
    for alt in altitudes:
        if alt is None:
            continue
        if ref is None or alt < ref:
            ref = alt
        elif alt > ref + threshold:
            total += alt - ref
            ref = alt
    return round(total, 1) if ref is not None else None


def positive_mean(values: Sequence[float | None]) -> float | None:
    """Return the mean of the values above zero (cadence 0 means coasting or standing)."""
    good = [v for v in values if v is not None and v > 0]
    return sum(good) / len(good) if good else None
