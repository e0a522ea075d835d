"""The CPU-bound half of an upload, run in a worker thread: unpack, hash, analyse, draw, save."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.charts import ActivityTrace, Chart, NotEnoughDataError, Unit, render_activity
from engine.errors import EngineError, FitError
from engine.fit import Activity, EmptyFitError, ZipLimits, analyse_fit, extract_fit_files
from engine.hr import AthleteProfile

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # the Bot API's download limit for bots
WRONG_TYPE = "Send me a .fit file or a .zip of them (a Garmin export works too)."
ZIP_LIMITS = ZipLimits(max_members=200)
MIN_CHART_S = 120.0  # shorter activities (transitions, false starts) get no chart
TRANSITION = "Transition"  # the label of a multisport file's changeover legs
MIN_CHART_DISTANCE_M = 50.0  # less is a treadmill or gym session: chart over time
log = logging.getLogger(__name__)


class UploadRefusedError(EngineError):
    """The upload cannot be analysed at all (wrong type, too big, unreadable archive)."""


@dataclass(frozen=True, slots=True)
class FitInput:
    """One FIT file of an upload: its name, bytes and content hash."""

    name: str
    data: bytes
    sha256: str


@dataclass(frozen=True, slots=True)
class FileAnalysis:
    """What one FIT file came to: activities in time order, or why it was refused."""

    source: FitInput
    activities: tuple[Activity, ...] = ()
    error: str | None = None


def file_kind(filename: str | None) -> str | None:
    """'fit' or 'zip' from the file name; None for anything else."""
    suffix = Path(filename or "").suffix.lower()
    return {".fit": "fit", ".zip": "zip"}.get(suffix)


def refusal(filename: str | None, size: int | None) -> str | None:
    """Why a document cannot be taken before downloading it, or None when it can."""
    if file_kind(filename) is None:
        return WRONG_TYPE
    if size is not None and size > MAX_DOWNLOAD_BYTES:
        megabytes = size / 1024 / 1024
        return (
            f"That file is {megabytes:.0f} MB, and Telegram lets bots download at most 20 MB. "
            "Send the single .fit files, or a smaller ZIP."
        )
    return None


def unpack(filename: str, data: bytes) -> list[FitInput]:
    """The FIT files of an upload: the file itself, or every .fit inside a ZIP.

    Raises:
        UploadRefusedError: Wrong type, empty, or an archive that is unsafe or holds no FIT.
    """
    kind = file_kind(filename)
    if kind is None:
        raise UploadRefusedError(WRONG_TYPE)
    if not data:
        raise UploadRefusedError(str(EmptyFitError()))
    if kind == "fit":
        members = [(Path(filename).name, data)]
    else:
        try:
            members = extract_fit_files(data, ZIP_LIMITS)
        except FitError as exc:
            raise UploadRefusedError(str(exc)) from exc
    return [FitInput(name.rsplit("/", 1)[-1], raw, sha256(raw)) for name, raw in members]


def sha256(data: bytes) -> str:
    """The hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def analyse_files(inputs: list[FitInput], athlete: AthleteProfile) -> list[FileAnalysis]:
    """Analyse each file on its own, so one damaged file does not sink the others."""
    results = []
    for item in inputs:
        try:
            activities = tuple(analyse_fit(item.data, athlete))
        except FitError as exc:
            results.append(FileAnalysis(item, error=str(exc)))
            continue
        results.append(FileAnalysis(item, activities))
    return results


def keep_original(folder: Path, item: FitInput) -> Path:
    """Store the bytes gzip-compressed as ``<sha256>.fit.gz`` (kept if already there).

    The file is written under a temporary name and renamed, so a crash never leaves a
    half-written file behind under the final name.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{item.sha256}.fit.gz"
    if target.exists():
        return target
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            gz.write(item.data)
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return target


def trace_of(activity: Activity, label: str, day: date) -> ActivityTrace:
    """The chart's view of an activity's samples and laps; flat channels are left out."""
    track = activity.track
    distances = [d for d in track.distance_m if d is not None]
    moved = bool(distances) and max(distances) - min(distances) >= MIN_CHART_DISTANCE_M
    laps = [
        (lap.start_time - activity.start_time).total_seconds()
        for lap in activity.laps
        if lap.start_time is not None
    ]
    return ActivityTrace(
        sport=label,
        day=day,
        elapsed_s=track.offset_s,
        distance_m=track.distance_m if moved else (),
        speed_mps=track.speed_mps if moved and any(track.speed_mps) else (),
        hr_bpm=track.hr_bpm if any(h is not None for h in track.hr_bpm) else (),
        lap_starts_s=laps,
        moving_s=activity.timer_s or None,
    )


def draw(traces: list[ActivityTrace], zones_bpm: tuple[float, ...], unit: Unit) -> list[Chart]:
    """Render each activity chart; transitions, short ones and ones without pace or HR get none."""
    charts = []
    for trace in traces:
        if len(trace.elapsed_s) < 2 or trace.elapsed_s[-1] - trace.elapsed_s[0] < MIN_CHART_S:
            continue
        if trace.sport.startswith(TRANSITION):  # changing shoes is not worth a chart
            continue
        try:
            charts.append(render_activity(trace, zones_bpm, unit))
        except NotEnoughDataError:
            continue
        except ValueError:  # odd sample streams; the summary text still goes out
            log.warning("activity chart failed sport=%s", trace.sport, exc_info=True)
    return charts
