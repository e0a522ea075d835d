"""Store one analysed FIT file inside the upload's transaction: file, activities, sets.

Load per activity (the points the load chart adds up): hrTSS when the file has heart rate;
without it, ``NO_HR_LOAD_PER_HOUR`` per moving hour, an hour at about 70 % of threshold heart
rate ((0.7)² × 100 ≈ 50). A gym session whose sets reach the logbook adds no load of its own:
the sets carry it (session RPE × minutes), so it is not counted twice.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services.activities_view import ActivityResult, label_of
from bot.services.athlete import HeartProfile
from bot.services.fit_sets import SetGroup, logged_lines, row_of, unknown_groups
from bot.services.upload_analysis import FileAnalysis, keep_original
from engine.fit import Activity
from engine.running import EFFORT_DISTANCES_M, race_predictions, vdot
from storage import activities as repo
from storage import logbook
from storage.tables import ActivityRow, LogEntry, UploadedFile

NO_HR_LOAD_PER_HOUR = 50.0
RECENT_DAYS = 90  # race predictions use the best efforts of this many days
MIN_VDOT = 30.0  # Daniels' tables start here; below it predictions are guesswork
PREDICTED = ("5 km", "10 km", "half marathon", "marathon")


@dataclass(frozen=True, slots=True)
class Athlete:
    """Who is uploading, and what the analysis and the reply need to know about them."""

    user_id: int
    unit: str
    tz: ZoneInfo
    heart: HeartProfile
    data_dir: Path
    now: dtm.datetime


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one FIT file of an upload."""

    name: str
    results: tuple[ActivityResult, ...] = ()
    duplicates: tuple[ActivityRow, ...] = ()
    error: str | None = None
    groups: tuple[SetGroup, ...] = ()
    repeat: bool = False  # the same bytes were uploaded before


@dataclass(slots=True)
class EffortBook:
    """The user's running best efforts by start time, growing as an upload is stored."""

    items: list[tuple[dtm.datetime, dict[str, float]]] = field(default_factory=list)

    @classmethod
    def of(cls, rows: Iterable[tuple[dtm.datetime, str]]) -> EffortBook:
        return cls([(when, json.loads(text)) for when, text in rows])

    def best(
        self, since: dtm.datetime | None = None, until: dtm.datetime | None = None
    ) -> dict[str, float]:
        """The fastest time per distance among efforts started in [since, until]."""
        best: dict[str, float] = {}
        for when, efforts in self.items:
            if (since and when < since) or (until and when > until):
                continue
            for label, seconds in efforts.items():
                best[label] = min(seconds, best.get(label, seconds))
        return best


def counts_for_records(activity: Activity) -> bool:
    """Whether an activity's efforts are running marks (not a walk saved as a run)."""
    return activity.sport == "running" and activity.gait != "walk" and bool(activity.best_efforts)


def running_marks(activity: Activity, book: EffortBook) -> dict[str, object]:
    """PBs against the history, then race predictions from recent bests; adds the efforts."""
    if not counts_for_records(activity):
        return {}
    efforts = activity.best_efforts
    previous = book.best()
    pbs = tuple(
        (label, seconds, previous[label])
        for label, seconds in efforts.items()
        if label in previous and seconds < previous[label]
    )
    book.items.append((activity.start_time, dict(efforts)))
    since = activity.start_time - dtm.timedelta(days=RECENT_DAYS)
    recent = book.best(since, activity.start_time)
    predicted = race_predictions(recent)
    usable = [vdot(EFFORT_DISTANCES_M[k], s) for k, s in recent.items() if s >= 210]
    best_vdot = max(usable, default=None)
    if best_vdot is None or best_vdot < MIN_VDOT:
        return {"pbs": pbs}
    return {
        "pbs": pbs,
        "predictions": tuple((k, predicted[k]) for k in PREDICTED if k in predicted),
        "vdot": best_vdot,
    }


def activity_load(activity: Activity) -> tuple[float, str]:
    """The load points an activity adds, and what they are based on (see module docstring)."""
    if activity.hrtss is not None:
        return round(activity.hrtss, 1), "hrTSS"
    hours = (activity.timer_s or activity.elapsed_s) / 3600
    return round(hours * NO_HR_LOAD_PER_HOUR, 1), "estimate"


def activity_row(
    a: Activity, user_id: int, file_id: int, load: float, now: dtm.datetime
) -> ActivityRow:
    """The stored form of an analysed activity (Z0..Z5 seconds and efforts as JSON)."""
    return ActivityRow(
        user_id=user_id,
        file_id=file_id,
        sport=a.sport,
        sub_sport=a.sub_sport,
        start_time=a.start_time,
        elapsed_s=a.elapsed_s,
        timer_s=a.timer_s,
        distance_m=a.distance_m,
        avg_hr=a.avg_hr,
        max_hr=a.max_hr,
        elevation_gain_m=a.elevation_gain_m,
        trimp=a.trimp,
        hrtss=a.hrtss,
        load=load,
        zone_times_s=json.dumps(list(a.zone_times_s)),
        best_efforts=json.dumps(a.best_efforts if counts_for_records(a) else {}),
        summary=json.dumps(a.to_json_dict()),
        created_at=now,
    )


def _span(activity: Activity) -> tuple[dtm.datetime, dtm.datetime]:
    return activity.start_time, activity.start_time + dtm.timedelta(seconds=activity.elapsed_s)


async def log_sets(
    session: AsyncSession,
    who: Athlete,
    activity: Activity,
    row: ActivityRow,
    filename: str,
    message_id: int | None,
) -> tuple[tuple[str, ...], list[SetGroup]]:
    """Log the sets the watch named; return their texts and the unnamed sets by category."""
    named = [s for s in activity.strength_sets if s.exercise]
    start, end = _span(activity)
    workout_id = None
    if named:
        workout_id = await repo.add_closed_workout(session, who.user_id, start, end)
        rows = [row_of(s, s.exercise or "", start, who.unit) for s in named]
        entry = LogEntry(
            user_id=who.user_id,
            workout_id=workout_id,
            message_id=message_id,
            raw_text=f"FIT upload: {filename}",
            created_at=start,
        )
        await logbook.add_entry(session, entry, rows)
    texts = logged_lines(named, who.unit)
    groups = unknown_groups(
        activity.strength_sets,
        activity_id=row.id or 0,
        workout_id=workout_id,
        span=(start.isoformat(), end.isoformat()),
        filename=filename,
    )
    return texts, groups


async def store_file(
    session: AsyncSession, who: Athlete, analysis: FileAnalysis, book: EffortBook, **kw
) -> FileOutcome:
    """Store a file's new activities (and its bytes); sessions already stored are skipped."""
    name = analysis.source.name
    if analysis.error is not None:
        return FileOutcome(name, error=analysis.error)
    new, old = [], []
    for activity in analysis.activities:
        found = await repo.activity_at(session, who.user_id, activity.start_time, activity.sport)
        (old if found is not None else new).append(found or activity)
    if not new:
        return FileOutcome(name, duplicates=tuple(old))
    folder = who.data_dir / "uploads" / str(who.user_id)
    path = await asyncio.to_thread(keep_original, folder, analysis.source)
    upload = UploadedFile(
        user_id=who.user_id,
        sha256=analysis.source.sha256,
        filename=name,
        size=len(analysis.source.data),
        stored_path=str(path.relative_to(who.data_dir)),
        created_at=who.now,
    )
    file_id = (await repo.add_file(session, upload)).id or 0
    results, groups = [], []
    for activity in new:
        result, more = await _store_activity(session, who, activity, file_id, name, book, **kw)
        results.append(result)
        groups += more
    return FileOutcome(name, tuple(results), tuple(old), groups=tuple(groups))


async def _store_activity(
    session: AsyncSession,
    who: Athlete,
    activity: Activity,
    file_id: int,
    filename: str,
    book: EffortBook,
    message_id: int | None = None,
) -> tuple[ActivityResult, list[SetGroup]]:
    load, basis = activity_load(activity)
    named = any(s.exercise for s in activity.strength_sets)
    row = activity_row(activity, who.user_id, file_id, 0.0 if named else load, who.now)
    row = await repo.add_activity(session, row)
    logged, groups = await log_sets(session, who, activity, row, filename, message_id)
    result = ActivityResult(
        activity=activity,
        label=label_of(activity.sport, activity.sub_sport, activity.gait),
        start_local=activity.start_time.astimezone(who.tz),
        load=row.load,
        load_basis="sets" if named else basis,
        logged=logged,
        logged_sets=sum(1 for s in activity.strength_sets if s.exercise),
        unnamed=sum(len(g.sets) for g in groups),
        notes=_notes(activity),
        **running_marks(activity, book),  # type: ignore[arg-type]
    )
    return result, groups


def _notes(activity: Activity) -> tuple[str, ...]:
    notes = []
    if activity.partial:
        notes.append("The recording was never finalised; I analysed the samples it has.")
    if activity.clock_estimated:
        notes.append("The device had no clock, so the time shown is its own local time.")
    return tuple(notes)
