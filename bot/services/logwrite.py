"""Parsing a message into sets and storing them: the steps shared by logging, answers and
'Same again'."""

from __future__ import annotations

import datetime as dtm
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services.core import Core
from bot.services.profile import UserView
from bot.services.sets import SetView, rows_for
from bot.services.standing import Prediction, Standing, standing_of
from bot.services.summary import ExerciseResult, lift_of, results_for
from engine.catalog import custom_exercise
from engine.errors import EngineError, ImplausibleValueError, SetLogError
from engine.records import loads_of
from engine.setlog import (
    LastSet,
    NotASetError,
    ParsedExercise,
    ParseResult,
    UnknownExerciseError,
    parse_followup,
    parse_message,
)
from storage import logbook as repo
from storage import pending as questions
from storage import setwrite
from storage.tables import LogEntry, NewSet

NOT_STARTED = "Send /start first, so I know your units and timezone."
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Logged:
    """A stored entry and how to acknowledge it."""

    entry_id: int
    exercises: tuple[ExerciseResult, ...]
    unit_defaulted: bool
    units: str
    edited: bool = False
    # Set when the acknowledgement goes ahead of the write (the fast path): awaiting it stores
    # the sets and returns what the database says they came to.
    store: Callable[[], Awaitable[Logged]] | None = field(default=None, compare=False, repr=False)


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
        self._standing: dict[int, Standing] = {}

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
        if result.note:
            return NotASetError(result.note)
        last = await self._last_set(session, user, now)
        try:
            followup = parse_followup(text, last) if last is not None else None
        except SetLogError as exc:
            return exc
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
    ) -> Logged | NotALog:
        """Store parsed sets in the current (or a new) workout; an absurd set stores nothing."""
        try:
            rows = rows_for(
                parsed, default_unit=user.units, performed_at=at, formula=user.e1rm_formula
            )
        except ImplausibleValueError as exc:
            return NotALog(str(exc))
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
        rows: list[NewSet],
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

    def _current(self, user_id: int) -> Standing | None:
        standing = self._standing.get(user_id)
        if standing is None or standing.version != self.core.version(user_id):
            return None
        return standing

    def followup(self, user: UserView, text: str, at: dtm.datetime) -> ParsedExercise | None:
        """A follow-up ("x5", "same", "+2.5") of the remembered last set; None when memory
        cannot tell (the database path then decides)."""
        standing = self._current(user.id)
        last = standing.last_within(at, self._gap) if standing is not None else None
        if last is None:
            return None
        try:
            return parse_followup(text, last)
        except SetLogError:
            return None

    def ahead(
        self, user: UserView, parsed: tuple[ParsedExercise, ...], text: str,
        at: dtm.datetime, *, update_id: int, message_id: int,
    ) -> Logged | None:  # fmt: skip
        """The acknowledgement of a plain set log judged from memory, its write still to do
        (``Logged.store``); None when memory does not know enough (see ``store_now``)."""
        standing, ids = self._current(user.id), self.core.db.entry_ids
        if standing is None or not ids.ready or update_id <= standing.newest_update:
            return None
        rows = rows_for(parsed, default_unit=user.units, performed_at=at,
                        formula=user.e1rm_formula)  # fmt: skip
        loads = _loads(rows)
        prediction = standing.predict(loads, at, self._gap)
        if prediction is None:
            return None
        entry_id, standing.newest_update = ids.take(), update_id
        results = results_for(rows, prediction.counts, prediction.bests)
        # The entry itself is built after the reply, with the write: it is not needed before.
        entry = partial(self._entry, user, text, at, update_id, message_id, None, entry_id)
        store = partial(self._store_ahead, user, standing, entry, rows, loads, prediction)
        log.debug("set log judged from memory user_id=%s entry_id=%s", user.id, entry_id)
        return Logged(entry_id, results, any(r.unit_defaulted for r in rows), user.units,
                      store=store)  # fmt: skip

    async def _store_ahead(
        self, user: UserView, standing: Standing, new_entry: Callable[[], LogEntry],
        rows: list[NewSet], loads: dict[str, set[float]], prediction: Prediction,
    ) -> Logged:  # fmt: skip
        """Write an entry acknowledged from memory; check memory against the database."""
        entry = new_entry()
        try:
            written = await self.core.run_once(
                setwrite.write_sets, entry, rows, loads, self._gap,
                update_id=entry.update_id or 0, user_id=user.id, kind="log",
            )  # fmt: skip
        except BaseException:
            self._standing.pop(user.id, None)
            raise
        if (written.counts, written.bests) == (prediction.counts, prediction.bests):
            standing.absorb(entry.workout_id, entry.created_at, rows)
        else:
            # Cannot happen while every other change goes through Core.once; if it does, the
            # caller corrects the acknowledgement and the next log reads the database again.
            log.warning("set-log memory disagreed with the database user_id=%s", user.id)
            self._standing.pop(user.id, None)
        return _logged(user, written)

    async def store_now(
        self, user: UserView, parsed: tuple[ParsedExercise, ...], text: str,
        at: dtm.datetime, *, update_id: int, message_id: int,
    ) -> Logged:  # fmt: skip
        """A plain set log that memory cannot judge: one exactly-once transaction in the
        database thread writes it and reads where the logbook then stands, for next time."""
        rows = rows_for(parsed, default_unit=user.units, performed_at=at,
                        formula=user.e1rm_formula)  # fmt: skip
        entry = self._entry(user, text, at, update_id, message_id, None)
        version = self.core.version(user.id)
        written, stored = await self.core.run_once(
            setwrite.write_and_stand, entry, rows, _loads(rows), self._gap,
            update_id=update_id, user_id=user.id, kind="log",
        )  # fmt: skip
        standing = self._current(user.id)
        if standing is None or self.core.version(user.id) != version:
            standing = self._standing[user.id] = standing_of(version, stored, rows)
        else:
            standing.merge(stored, rows)
        standing.newest_update = max(standing.newest_update, update_id)
        return _logged(user, written)

    @staticmethod
    def _entry(user: UserView, text: str, at: dtm.datetime, update_id: int | None,
               message_id: int | None, repeat_of: int | None,
               entry_id: int | None = None) -> LogEntry:  # fmt: skip
        return LogEntry(id=entry_id, user_id=user.id, workout_id=0, update_id=update_id,
                        message_id=message_id, raw_text=text, created_at=at,
                        repeat_of=repeat_of)  # fmt: skip


def quick_parse(text: str) -> tuple[ParsedExercise, ...] | None:
    """The sets of a message that needs nothing from the database to be understood (no
    custom exercise, no question); empty when it names no exercise (maybe a follow-up);
    None otherwise."""
    try:
        result = parse_message(text)
    except SetLogError:
        return None
    return None if result.ambiguity is not None or result.note else result.exercises


def _loads(rows: list[NewSet]) -> dict[str, set[float]]:
    exercises = dict.fromkeys(r.exercise for r in rows)
    return {e: loads_of([lift_of(r) for r in rows if r.exercise == e]) for e in exercises}


def _logged(user: UserView, written: setwrite.WrittenSets) -> Logged:
    results = results_for(written.stored, written.counts, written.bests)
    defaulted = any(r.unit_defaulted for r in written.stored)
    return Logged(written.entry.id or 0, results, defaulted, user.units)
