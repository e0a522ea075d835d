"""Parsing a message into sets and storing them: the steps shared by logging, answers and
'Same again'."""

from __future__ import annotations

import datetime as dtm
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services.core import Core
from bot.services.profile import UserView
from bot.services.sets import SetView, rows_for
from bot.services.summary import ExerciseResult, lift_of, results_for
from engine.catalog import custom_exercise
from engine.errors import EngineError, SetLogError
from engine.records import loads_of
from engine.setlog import (
    LastSet,
    ParsedExercise,
    ParseResult,
    UnknownExerciseError,
    parse_followup,
    parse_message,
)
from storage import logbook as repo
from storage import pending as questions
from storage.tables import LogEntry, SetLog

NOT_STARTED = "Send /start first, so I know your units and timezone."


@dataclass(frozen=True, slots=True)
class Logged:
    """A stored entry and how to acknowledge it."""

    entry_id: int
    exercises: tuple[ExerciseResult, ...]
    unit_defaulted: bool
    units: str
    edited: bool = False


@dataclass(frozen=True, slots=True)
class Question:
    """Nothing saved yet: the user must pick one of the buttons."""

    text: str
    buttons: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class NotALog:
    """The text is not a set log; ``reason`` is a friendly explanation."""

    reason: str


Outcome = Logged | Question | NotALog
Parsed = tuple[ParsedExercise, ...] | ParseResult | UnknownExerciseError | SetLogError


class LogWriter:
    """Parse messages in the context of a user's workout, and store sets."""

    def __init__(self, core: Core) -> None:
        self.core = core

    async def profile(self, user_id: int) -> UserView:
        """The user's profile; a friendly error before /start."""
        user = await self.core.profile(user_id)
        if user is None:
            raise EngineError(NOT_STARTED)
        return user

    @property
    def _gap(self) -> dtm.timedelta:
        return dtm.timedelta(hours=self.core.settings.workout_gap_hours)

    async def parse(
        self, session: AsyncSession, user: UserView, text: str, now: dtm.datetime
    ) -> Parsed:
        """Sets (possibly a follow-up of the last set), or the parse that needs a question."""
        try:
            result = parse_message(text)
        except UnknownExerciseError as exc:
            # Only now read the user's own exercises: most messages never need them.
            rows = await questions.custom_exercises(session, user.id)
            if not rows:
                return exc
            try:
                result = parse_message(text, [custom_exercise(c.name) for c in rows])
            except SetLogError as again:
                return again
        except SetLogError as exc:
            return exc
        if result.ambiguity is not None:
            return result
        if result.exercises:
            return result.exercises
        last = await self._last_set(session, user, now)
        followup = parse_followup(text, last) if last is not None else None
        return (followup,) if followup is not None else ()

    async def _last_set(
        self, session: AsyncSession, user: UserView, now: dtm.datetime
    ) -> LastSet | None:
        workout = await repo.current_workout(session, user.id)
        if workout is None or now - workout.last_set_at > self._gap:
            return None
        sets = await repo.workout_sets(session, workout.id or 0)
        if not sets:
            return None
        row = sets[-1]
        view = SetView.of(row)
        return LastSet(
            row.exercise, view.weight, row.input_unit, row.reps, row.bodyweight, view.added
        )

    async def store(
        self,
        session: AsyncSession,
        user: UserView,
        parsed: tuple[ParsedExercise, ...],
        text: str,
        at: dtm.datetime,
        *,
        update_id: int | None,
        message_id: int | None,
        repeat_of: int | None = None,
    ) -> Logged:
        """Store parsed sets in the current (or a new) workout."""
        rows = rows_for(
            parsed, default_unit=user.units, performed_at=at, formula=user.e1rm_formula
        )
        return await self.store_rows(
            session,
            user,
            rows,
            text,
            at,
            update_id=update_id,
            message_id=message_id,
            repeat_of=repeat_of,
        )

    async def store_rows(
        self,
        session: AsyncSession,
        user: UserView,
        rows: list[SetLog],
        text: str,
        at: dtm.datetime,
        *,
        update_id: int | None,
        message_id: int | None,
        repeat_of: int | None = None,
    ) -> Logged:
        """Store rows, with set numbers and records measured against what came before."""
        workout_id, _new = await repo.workout_for_set(session, user.id, at, self._gap)
        counts, bests = {}, {}
        for exercise in dict.fromkeys(r.exercise for r in rows):
            loads = loads_of([lift_of(r) for r in rows if r.exercise == exercise])
            bests[exercise], counts[exercise] = await repo.exercise_bests(
                session, user.id, exercise, loads, count_workout=workout_id
            )
        entry = LogEntry(
            user_id=user.id,
            workout_id=workout_id,
            update_id=update_id,
            message_id=message_id,
            raw_text=text,
            created_at=at,
            repeat_of=repeat_of,
        )
        entry, stored = await repo.add_entry(session, entry, rows)
        results = results_for(stored, counts, bests)
        return Logged(entry.id or 0, results, any(r.unit_defaulted for r in stored), user.units)
