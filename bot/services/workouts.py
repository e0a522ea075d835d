"""Workouts and the logbook's views: /done summary, /last, /history, /prs."""

from __future__ import annotations

import datetime as dtm
from collections.abc import Sequence
from dataclasses import dataclass

from bot.services.core import Core
from bot.services.sets import SetView
from bot.services.summary import lift_of
from engine.catalog import custom_exercise, resolve, suggest
from engine.errors import EngineError
from engine.records import Record, find_records, loads_of
from storage import logbook as repo
from storage import pending, users
from storage.tables import SetLog, Workout


@dataclass(frozen=True, slots=True)
class ExerciseLine:
    """One exercise of a workout: its sets and best e1RM (in the user's unit)."""

    exercise: str
    sets: tuple[SetView, ...]
    best_e1rm: float | None


@dataclass(frozen=True, slots=True)
class WorkoutSummary:
    """A workout at a glance."""

    started_at: dtm.datetime
    duration: dtm.timedelta
    exercises: tuple[ExerciseLine, ...]
    set_count: int
    tonnage: float  # sum of load × reps, in ``unit``
    unit: str
    records: tuple[tuple[str, Record], ...]
    timezone: str


@dataclass(frozen=True, slots=True)
class BestOf:
    """An exercise's records: heaviest set and best e1RM."""

    exercise: str
    heaviest: SetView | None
    best_e1rm: SetView | None
    best_e1rm_at: dtm.datetime | None
    sets: int


def _lines(rows: Sequence[SetLog], unit: str) -> tuple[ExerciseLine, ...]:
    groups: dict[str, list[SetLog]] = {}
    for row in rows:
        groups.setdefault(row.exercise, []).append(row)
    lines = []
    for name, group in groups.items():
        views = tuple(SetView.of(r, unit) for r in group)
        best = max((v.e1rm for v in views if v.e1rm is not None), default=None)
        lines.append(ExerciseLine(name, views, best))
    return tuple(lines)


def tonnage(rows: Sequence[SetLog]) -> float:
    """Sum of external load × reps, in kg."""
    return sum((r.weight_kg or 0) * (r.reps or 0) for r in rows if not r.bodyweight)


class WorkoutService:
    """Start and finish workouts and look back at them."""

    def __init__(self, core: Core) -> None:
        self._core = core

    async def start(self, update_id: int, user_id: int) -> None:
        """Begin a new workout now, closing any open one."""
        async with self._core.once(update_id, user_id, "start-workout") as session:
            if await users.get_user(session, user_id) is None:
                raise EngineError("Send /start first, so I know your units and timezone.")
            await repo.start_workout(session, user_id, self._core.clock())

    async def finish(self, update_id: int, user_id: int) -> WorkoutSummary | None:
        """Close the open workout and summarise it; None when there is none with sets."""
        async with self._core.once(update_id, user_id, "done") as session:
            user = await users.get_user(session, user_id)
            workout = await repo.current_workout(session, user_id)
            if user is None or workout is None:
                return None
            rows = await repo.workout_sets(session, workout.id or 0)
            await repo.close_workout(
                session, user_id, max(workout.last_set_at, workout.started_at)
            )
            if not rows:
                return None
            records = []
            for line in _lines(rows, user.units):
                lifts = [lift_of(r) for r in rows if r.exercise == line.exercise]
                bests, _ = await repo.exercise_bests(
                    session, user_id, line.exercise, loads_of(lifts), exclude_workout=workout.id
                )
                records.extend((line.exercise, r) for r in find_records(bests, lifts))
            return self._summary(workout, rows, user.units, user.timezone, tuple(records))

    def _summary(
        self,
        workout: Workout,
        rows: Sequence[SetLog],
        unit: str,
        tz: str,
        records: tuple[tuple[str, Record], ...],
    ) -> WorkoutSummary:
        factor = 1.0 if unit == "kg" else 1 / 0.45359237
        return WorkoutSummary(
            workout.started_at,
            workout.last_set_at - workout.started_at,
            _lines(rows, unit),
            len(rows),
            tonnage(rows) * factor,
            unit,
            records,
            tz,
        )

    async def resolve_exercise(self, user_id: int, text: str) -> str:
        """The canonical exercise a user means; a friendly error with suggestions otherwise."""
        async with self._core.db.read() as session:
            custom = [
                custom_exercise(c.name) for c in await pending.custom_exercises(session, user_id)
            ]
        found = resolve(text, custom)
        if found is None:
            options = suggest(text, custom)
            hint = f" Did you mean {', '.join(options)}?" if options else ""
            raise EngineError(f"I don't know the exercise “{text[:40]}”.{hint}")
        return found.name

    async def last_session(
        self, user_id: int, exercise: str
    ) -> tuple[dtm.datetime, ExerciseLine] | None:
        """The most recent workout's sets of one exercise."""
        async with self._core.db.read() as session:
            user = await users.get_user(session, user_id)
            rows = await repo.exercise_sets(session, user_id, exercise, limit=200)
            if user is None or not rows:
                return None
            last = [r for r in rows if r.workout_id == rows[-1].workout_id]
        return last[0].performed_at, _lines(last, user.units)[0]

    async def history(self, user_id: int, limit: int = 5) -> list[WorkoutSummary]:
        """The newest workouts with sets, newest first."""
        async with self._core.db.read() as session:
            user = await users.get_user(session, user_id)
            if user is None:
                return []
            summaries = []
            for workout in await repo.recent_workouts(session, user_id, limit * 2):
                rows = await repo.workout_sets(session, workout.id or 0)
                if rows:
                    summaries.append(self._summary(workout, rows, user.units, user.timezone, ()))
        return summaries[:limit]

    async def bests(self, user_id: int) -> tuple[str, str, list[BestOf]]:
        """Per exercise: heaviest set and best e1RM; plus the user's unit and timezone."""
        async with self._core.db.read() as session:
            user = await users.get_user(session, user_id)
            rows = await repo.user_sets(session, user_id)
        if user is None:
            return "kg", "UTC", []
        groups: dict[str, list[SetLog]] = {}
        for row in rows:
            groups.setdefault(row.exercise, []).append(row)
        bests = []
        for name, group in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            loaded = [r for r in group if r.weight_kg]
            heavy = max(loaded, key=lambda r: (r.weight_kg or 0, r.reps or 0), default=None)
            strong = max(
                (r for r in group if r.e1rm_kg), key=lambda r: r.e1rm_kg or 0, default=None
            )
            bests.append(
                BestOf(
                    name,
                    SetView.of(heavy, user.units) if heavy else None,
                    SetView.of(strong, user.units) if strong else None,
                    strong.performed_at if strong else None,
                    len(group),
                )
            )
        return user.units, user.timezone, bests
