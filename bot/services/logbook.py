"""Logging sets from chat: parse, store once, and describe what was logged."""

from __future__ import annotations

import datetime as dtm
import re
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services.core import Core
from bot.services.profile import UserView
from bot.services.sets import SetView, copy_row, rows_for
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
from storage import users
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


class LogbookService:
    """Log, repeat, edit and undo sets."""

    def __init__(self, core: Core) -> None:
        self._core = core

    async def _profile(self, user_id: int) -> UserView:
        user = await self._core.profile(user_id)
        if user is None:
            raise EngineError(NOT_STARTED)
        return user

    @property
    def _gap(self) -> dtm.timedelta:
        return dtm.timedelta(hours=self._core.settings.workout_gap_hours)

    async def log_text(
        self, update_id: int, user_id: int, text: str, sent_at: dtm.datetime, message_id: int
    ) -> Outcome:
        """Parse a message and store its sets, or ask a question, or explain why not."""
        user = await self._profile(user_id)
        async with self._core.once(update_id, user_id, "log") as session:
            parsed = await self._parse(session, user, text, sent_at)
            if not isinstance(parsed, tuple):
                return await self._ask(session, user, text, parsed, message_id)
            if not parsed:
                return NotALog("")
            return await self._store(
                session, user, parsed, text, sent_at, update_id=update_id, message_id=message_id
            )

    async def _parse(
        self, session: AsyncSession, user: UserView, text: str, now: dtm.datetime
    ) -> tuple[ParsedExercise, ...] | ParseResult | UnknownExerciseError | SetLogError:
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

    async def _ask(
        self, session: AsyncSession, user: UserView, text: str, problem: object, message_id: int
    ) -> Question | NotALog:
        now = self._core.clock()
        if isinstance(problem, ParseResult) and problem.ambiguity is not None:
            options = [
                [_contract_of(e) for e in parse] for _label, parse in problem.ambiguity.options
            ]
            pending = await questions.add_pending(
                session,
                user_id=user.id,
                kind="choice",
                raw_text=text,
                payload={"options": options},
                now=now,
                message_id=message_id,
            )
            buttons = tuple(
                (label, f"pick:{pending.id}:{i}")
                for i, (label, _parse) in enumerate(problem.ambiguity.options)
            )
            return Question(
                problem.ambiguity.question + "\nNothing is saved until you pick.",
                (*buttons, ("Cancel", f"pick:{pending.id}:x")),
            )
        if isinstance(problem, UnknownExerciseError):
            pending = await questions.add_pending(
                session,
                user_id=user.id,
                kind="name",
                raw_text=text,
                payload={"name": problem.name, "suggestions": problem.suggestions},
                now=now,
                message_id=message_id,
            )
            buttons = [
                (s.capitalize(), f"name:{pending.id}:{i}")
                for i, s in enumerate(problem.suggestions)
            ]
            buttons.append((f"➕ Add “{problem.name[:24]}”", f"name:{pending.id}:new"))
            hint = "Did you mean one of these?" if problem.suggestions else ""
            return Question(
                f"I don't know the exercise “{problem.name}”. {hint}".strip(),
                (*buttons, ("Cancel", f"name:{pending.id}:x")),
            )
        return NotALog(str(problem))

    async def _store(
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
        rows = rows_for(
            parsed, default_unit=user.units, performed_at=at, formula=user.e1rm_formula
        )
        return await self._store_rows(
            session,
            user,
            rows,
            text,
            at,
            update_id=update_id,
            message_id=message_id,
            repeat_of=repeat_of,
        )

    async def _store_rows(
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

    async def replay(self, update_id: int, user_id: int) -> tuple[int, list[SetView]] | None:
        """The entry a redelivered update created, to acknowledge it again (None if none)."""
        async with self._core.db.read() as session:
            entry = await repo.entry_by_update(session, update_id)
            if entry is None or entry.user_id != user_id:
                return None
            rows = await repo.entry_sets(session, entry.id or 0)
        return entry.id or 0, [SetView.of(r) for r in rows]

    async def answer(
        self, update_id: int, user_id: int, kind: str, pending_id: int, choice: str
    ) -> Outcome | None:
        """Apply the user's answer to a question; None when it was answered before."""
        user = await self._profile(user_id)
        async with self._core.once(update_id, user_id, f"answer-{kind}") as session:
            pending = await questions.take_pending(session, user_id, pending_id)
            if pending is None:
                return None
            if choice == "x":
                return NotALog("Cancelled — nothing was saved.")
            payload = questions.payload_of(pending)
            now = self._core.clock()
            if kind == "pick":
                parsed = tuple(_from_contract(e) for e in payload["options"][int(choice)])
                return await self._store(
                    session,
                    user,
                    parsed,
                    pending.raw_text,
                    now,
                    update_id=None,
                    message_id=pending.message_id,
                )
            name = payload["name"]
            if choice == "new":
                await questions.add_custom_exercise(
                    session, user_id=user_id, name=name.lower(), bodyweight=False, now=now
                )
                text = pending.raw_text
            else:
                chosen = payload["suggestions"][int(choice)]
                text = re.sub(re.escape(name), chosen, pending.raw_text, count=1, flags=re.I)
            parsed = await self._parse(session, user, text, now)
            if not isinstance(parsed, tuple) or not parsed:
                return NotALog("I still couldn't read that; try writing it again.")
            return await self._store(
                session, user, parsed, text, now, update_id=None, message_id=pending.message_id
            )

    async def repeat(self, update_id: int, user_id: int, entry_id: int) -> Logged | None:
        """Log an entry's sets again now ('Same again'); None if already repeated or gone."""
        user = await self._profile(user_id)
        async with self._core.once(update_id, user_id, "repeat") as session:
            entry = await repo.get_entry(session, user_id, entry_id)
            if entry is None or await repo.repeat_of(session, entry_id) is not None:
                return None
            now = self._core.clock()
            rows = [copy_row(r, now) for r in await repo.entry_sets(session, entry_id)]
            return await self._store_rows(
                session,
                user,
                rows,
                entry.raw_text,
                now,
                update_id=None,
                message_id=None,
                repeat_of=entry_id,
            )

    async def undo(
        self, update_id: int, user_id: int, entry_id: int | None
    ) -> list[SetView] | None:
        """Remove an entry (the last one when no id is given); None when there is nothing."""
        async with self._core.once(update_id, user_id, "undo") as session:
            entry = (
                await repo.get_entry(session, user_id, entry_id)
                if entry_id is not None
                else await repo.last_entry(session, user_id)
            )
            if entry is None:
                return None
            removed = [SetView.of(r) for r in await repo.entry_sets(session, entry.id or 0)]
            await repo.delete_entry(session, entry)
            return removed

    async def begin_edit(self, update_id: int, user_id: int, entry_id: int) -> str | None:
        """Expect the corrected text of an entry next; returns its current text."""
        async with self._core.once(update_id, user_id, "begin-edit") as session:
            entry = await repo.get_entry(session, user_id, entry_id)
            if entry is None:
                return None
            await users.update_user(session, user_id, awaiting=f"edit:{entry_id}")
            text = entry.raw_text
        self._core.forget(user_id)
        return text

    async def edit(self, update_id: int, user_id: int, entry_id: int, text: str) -> Outcome:
        """Replace an entry's sets with a corrected line."""
        user = await self._profile(user_id)
        self._core.forget(user_id)
        async with self._core.once(update_id, user_id, "edit") as session:
            await users.update_user(session, user_id, awaiting=None)
            entry = await repo.get_entry(session, user_id, entry_id)
            if entry is None:
                return NotALog("That entry is gone (undone?), so there is nothing to edit.")
            parsed = await self._parse(session, user, text, entry.created_at)
            if not isinstance(parsed, tuple) or not parsed:
                reason = str(parsed) if isinstance(parsed, EngineError) else ""
                return NotALog(reason or "I couldn't read the correction, so nothing changed.")
            rows = rows_for(
                parsed,
                default_unit=user.units,
                performed_at=entry.created_at,
                formula=user.e1rm_formula,
            )
            await repo.replace_sets(session, entry, rows, text)
            stored = await repo.entry_sets(session, entry.id or 0)
            results = results_for(stored, {}, None)
            return Logged(
                entry.id or 0,
                results,
                any(r.unit_defaulted for r in stored),
                user.units,
                edited=True,
            )


_SET_FIELDS = (
    "weight",
    "unit",
    "reps",
    "rir",
    "rpe",
    "bodyweight",
    "added_weight",
    "duration_s",
    "distance_m",
)


def _contract_of(exercise: ParsedExercise) -> dict:
    return {
        "exercise": exercise.exercise,
        "source": exercise.source,
        "sets": [{f: getattr(s, f) for f in _SET_FIELDS} for s in exercise.sets],
    }


def _from_contract(data: dict) -> ParsedExercise:
    from engine.setlog import ParsedSet

    sets = tuple(ParsedSet(**{f: s[f] for f in _SET_FIELDS}) for s in data["sets"])
    return ParsedExercise(data["exercise"], sets, data.get("source", ""))
