"""Logging sets from chat: log, acknowledge again, repeat, undo and edit."""

from __future__ import annotations

import datetime as dtm

from bot.services.chat import chat_reply
from bot.services.core import Core
from bot.services.logwrite import (
    NOT_STARTED,
    Logged,
    LogWriter,
    NotALog,
    Outcome,
    Question,
    quick_parse,
)
from bot.services.questions import ask
from bot.services.sets import SetView, copy_row, rows_for
from bot.services.summary import results_for
from engine.errors import EngineError, ImplausibleValueError
from storage import logbook as repo
from storage import users

__all__ = ["NOT_STARTED", "LogbookService", "Logged", "NotALog", "Outcome", "Question"]
# Telegram sends each press of a button as its own update: two within this time are one tap.
DOUBLE_TAP = dtm.timedelta(seconds=2)
DOUBLE_TAPPED = "Counted once: that was a double tap"
ENTRY_GONE = "That entry is gone"


def _aware(when: dtm.datetime) -> dtm.datetime:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    return when if when.tzinfo is not None else when.replace(tzinfo=dtm.UTC)


class LogbookService:
    """Log, repeat, edit and undo sets."""

    def __init__(self, writer: LogWriter) -> None:
        self._writer = writer
        self._core: Core = writer.core

    async def log_text(
        self,
        update_id: int,
        user_id: int,
        text: str,
        sent_at: dtm.datetime,
        message_id: int,
        *,
        ahead: bool = False,
    ) -> Outcome:
        """Parse a message and store its sets, or ask a question, or explain why not.

        With ``ahead``, a set log that memory can judge is returned before it is stored: the
        caller acknowledges it, then awaits ``Logged.store``.
        """
        user = await self._writer.profile(user_id)
        quick = quick_parse(text)
        if quick == ():
            followup = self._writer.followup(user, text, sent_at)
            quick = (followup,) if followup is not None else None
        if quick:
            ids = {"update_id": update_id, "message_id": message_id}
            try:  # rows are checked for plausibility before anything is written
                logged = self._writer.ahead(user, quick, text, sent_at, **ids)
                if logged is None or logged.store is None:
                    return await self._writer.store_now(user, quick, text, sent_at, **ids)
            except ImplausibleValueError as exc:
                return NotALog(str(exc))
            return logged if ahead else await logged.store()
        async with self._core.once(update_id, user_id, "log") as session:
            parsed = await self._writer.parse(session, user, text, sent_at)
            if not isinstance(parsed, tuple):
                return await ask(session, user, text, parsed, message_id, self._core.clock())
            if not parsed:
                return NotALog(chat_reply(text))
            return await self._writer.store(
                session, user, parsed, text, sent_at, update_id=update_id, message_id=message_id
            )

    async def replay(self, update_id: int, user_id: int) -> tuple[int, list[SetView]] | None:
        """The entry a redelivered update created, to acknowledge it again (None if none)."""
        async with self._core.db.read() as session:
            entry = await repo.entry_by_update(session, update_id)
            if entry is None or entry.user_id != user_id:
                return None
            rows = await repo.entry_sets(session, entry.id or 0)
        return entry.id or 0, [SetView.of(r) for r in rows]

    async def entry_of_message(self, user_id: int, message_id: int) -> int | None:
        """The entry a message of the user's private chat was logged as (None if none)."""
        async with self._core.db.read() as session:
            entry = await repo.entry_by_message(session, user_id, message_id)
        return None if entry is None else entry.id

    async def repeat(
        self, update_id: int, user_id: int, entry_id: int
    ) -> Logged | NotALog | None:
        """Log an entry's sets again now ('Same again'): once per press, but a second press
        within ``DOUBLE_TAP`` of the last repeat is a double tap and logs nothing."""
        user = await self._writer.profile(user_id)
        async with self._core.once(update_id, user_id, "repeat") as session:
            entry = await repo.get_entry(session, user_id, entry_id)
            if entry is None:
                return NotALog(ENTRY_GONE)
            # Each repeat points at the one before it, so the chain's end is the latest.
            latest = entry
            while (later := await repo.repeat_of(session, latest.id or 0)) is not None:
                latest = later
            now = self._core.clock()
            if latest is not entry and now - _aware(latest.created_at) < DOUBLE_TAP:
                return NotALog(DOUBLE_TAPPED)
            try:
                rows = [copy_row(r, now) for r in await repo.entry_sets(session, entry_id)]
            except ImplausibleValueError as exc:
                return NotALog(str(exc))
            return await self._writer.store_rows(
                session,
                user,
                rows,
                entry.raw_text,
                now,
                update_id=None,
                message_id=None,
                repeat_of=latest.id,
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
        user = await self._writer.profile(user_id)
        self._core.forget(user_id)
        async with self._core.once(update_id, user_id, "edit") as session:
            await users.update_user(session, user_id, awaiting=None)
            entry = await repo.get_entry(session, user_id, entry_id)
            if entry is None:
                return NotALog("That entry is gone (undone?), so there is nothing to edit.")
            parsed = await self._writer.parse(session, user, text, entry.created_at)
            if not isinstance(parsed, tuple) or not parsed:
                reason = str(parsed) if isinstance(parsed, EngineError) else ""
                return NotALog(reason or "I couldn't read the correction, so nothing changed.")
            try:
                rows = rows_for(
                    parsed,
                    default_unit=user.units,
                    performed_at=entry.created_at,
                    formula=user.e1rm_formula,
                )
            except ImplausibleValueError as exc:
                return NotALog(f"{exc} The entry is unchanged.")
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
