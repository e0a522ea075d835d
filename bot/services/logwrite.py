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
from storage import setwrite
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
        entry = self._entry(user, text, at, update_id, message_id, repeat_of)
        written = await repo.write_sets(session, entry, rows, _loads(rows), self._gap)
        return _logged(user, written)

    async def store_now(
        self, user: UserView, parsed: tuple[ParsedExercise, ...], text: str,
        at: dtm.datetime, *, update_id: int, message_id: int,
    ) -> Logged:  # fmt: skip
        """The hot path for a plain set log: the whole write is one exactly-once transaction
        in the database thread, so the acknowledgement waits on one thread hop, not ~25."""
        rows = rows_for(parsed, default_unit=user.units, performed_at=at,
                        formula=user.e1rm_formula)  # fmt: skip
        entry = self._entry(user, text, at, update_id, message_id, None)
        written = await self.core.run_once(
            setwrite.write_sets, entry, rows, _loads(rows), self._gap,
            update_id=update_id, user_id=user.id, kind="log",
        )  # fmt: skip
        return _logged(user, written)

    @staticmethod
    def _entry(user: UserView, text: str, at: dtm.datetime, update_id: int | None,
               message_id: int | None, repeat_of: int | None) -> LogEntry:  # fmt: skip
        return LogEntry(user_id=user.id, workout_id=0, update_id=update_id,
                        message_id=message_id, raw_text=text, created_at=at,
                        repeat_of=repeat_of)  # fmt: skip


def quick_parse(text: str) -> tuple[ParsedExercise, ...] | None:
    """The sets of a message that needs nothing from the database to be understood (no
    follow-up, no custom exercise, no question); None otherwise."""
    try:
        result = parse_message(text)
    except SetLogError:
        return None
    if result.ambiguity is not None or not result.exercises:
        return None
    return result.exercises


def _loads(rows: list[SetLog]) -> dict[str, set[float]]:
    exercises = dict.fromkeys(r.exercise for r in rows)
    return {e: loads_of([lift_of(r) for r in rows if r.exercise == e]) for e in exercises}


def _logged(user: UserView, written: setwrite.WrittenSets) -> Logged:
    results = results_for(written.stored, written.counts, written.bests)
    defaulted = any(r.unit_defaulted for r in written.stored)
    return Logged(written.entry.id or 0, results, defaulted, user.units)
