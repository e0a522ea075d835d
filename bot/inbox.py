"""Nothing a user sent is lost: every update is written down before Telegram forgets it.

Telegram forgets a batch of updates when the next ``getUpdates`` confirms it (its offset).
``InboxRequest`` wraps that connection: each batch is written to the inbox (storage.inbox)
while PTB already handles it, and the next poll is not sent before the write is done. So
the write costs the reply nothing, and a crash before it loses nothing either: the batch
was not confirmed, and Telegram delivers it again. A batch that may hold copies delivered
again (ids not above the highest one written) is written first and handed over after.

``Inbox`` remembers which updates this process has started, so a copy is skipped, marks
handled updates done (in batches, shortly after, off the reply path), and hands the ones a
crash left behind to the application at start-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import json
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.error import NetworkError
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

from bot.sending import WrappedRequest
from storage import inbox
from storage.backup import database_path
from storage.db import Database

log = logging.getLogger(__name__)
# Ids of updates started in this process that are remembered, to skip copies delivered again.
REMEMBERED = 10_000
# Done marks wait this long to be written together (a crash meanwhile handles them again).
DONE_DELAY_S = 0.1


class Inbox:
    """The process's side of the durable inbox."""

    def __init__(self, db: Database, clock: Callable[[], dtm.datetime]) -> None:
        self._db, self._clock = db, clock
        self._claimed: set[int] = set()
        self._order: deque[int] = deque()
        self._done: set[int] = set()
        self._flushing: asyncio.Task[None] | None = None
        self.last_poll_at: dtm.datetime | None = None  # the last getUpdates that answered
        self._highest: int | None = None  # the highest update id written down, once read
        self._direct = _direct_inbox(db)
        self._writing: asyncio.Task[None] | None = None  # a batch being written meanwhile
        self._unwritten: list[dict[str, Any]] = []  # a batch whose write failed

    async def record(self, updates: list[dict[str, Any]]) -> None:
        """Write a batch down; copies of updates done earlier are marked to be skipped."""
        now = self._clock()
        if self._highest is None:
            self._highest = await self._db.run(inbox.highest_id, now=now)
        done, self._done = self._done, set()
        try:
            done_before = await self._db.run(
                inbox.record, updates, now, self._highest, done, now=now
            )
        except Exception:
            self._done |= done
            raise
        self._highest = max(self._highest, *(int(raw["update_id"]) for raw in updates))
        for update_id in done_before:
            self._remember(update_id)

    def is_new(self, updates: list[dict[str, Any]]) -> bool:
        """Whether every update of a batch is above the highest id written (no copies)."""
        return self._highest is not None and min(int(u["update_id"]) for u in updates) > (
            self._highest
        )

    def record_new(self, updates: list[dict[str, Any]]) -> None:
        """Write a new batch: at once on a SQLite file that is free, else in the database
        thread meanwhile (``settle`` waits for it before the next poll)."""
        self._highest = max(int(u["update_id"]) for u in updates)
        if self._direct is not None:
            done, self._done = self._done, set()
            try:
                if self._direct.record(updates, self._clock(), done):
                    return
            except Exception as exc:  # the database thread's path reports it, if it persists
                log.debug("direct inbox write failed, using the database thread: %s", exc)
            self._done |= done
        self._writing = asyncio.get_running_loop().create_task(self._write(updates))

    async def _write(self, updates: list[dict[str, Any]]) -> None:
        try:
            await self.record(updates)
        except Exception:
            self._unwritten = updates
            raise

    async def settle(self) -> None:
        """Finish writing the last batch (again, if it failed); raises if it cannot be."""
        writing, self._writing = self._writing, None
        if writing is not None:
            with contextlib.suppress(Exception):
                await writing
        if self._unwritten:
            await self.record(self._unwritten)
            self._unwritten = []

    def now(self) -> dtm.datetime:
        """The inbox's clock."""
        return self._clock()

    def claim(self, update_id: int) -> bool:
        """Whether this update is to be handled now (False: it was started already)."""
        if update_id in self._claimed:
            return False
        self._remember(update_id)
        return True

    def _remember(self, update_id: int) -> None:
        self._claimed.add(update_id)
        self._order.append(update_id)
        if len(self._order) > REMEMBERED:
            self._claimed.discard(self._order.popleft())

    def done(self, update_id: int) -> None:
        """Mark an update handled; written with the next batch."""
        self._done.add(update_id)
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.get_running_loop().create_task(self._flush())

    async def _flush(self) -> None:
        await asyncio.sleep(DONE_DELAY_S)
        with contextlib.suppress(Exception):
            await self.settle()  # a done mark must not come before its row
        while self._done:
            batch, self._done = self._done, set()
            try:
                now = self._clock()
                if self._direct is None or not self._direct.record([], now, batch):
                    await self._db.run(inbox.mark_done, batch, now, now=now)
            except Exception as exc:  # handled again at the next start: effects apply once
                log.warning("could not mark updates done count=%d error=%s", len(batch), exc)

    async def flush(self) -> None:
        """Wait until every update marked handled so far is written."""
        if self._flushing is not None:
            await self._flushing

    def close(self) -> None:
        """Close the direct connection, if any (after the last flush)."""
        if self._direct is not None:
            self._direct.close()
            self._direct = None

    async def replay(self, application: Application) -> int:
        """Queue what a crash left unhandled, ahead of anything polled; returns how many."""
        raws = await self._db.run(inbox.pending, now=self._clock())
        for raw in raws:
            await application.update_queue.put(Update.de_json(raw, application.bot))
        if raws:
            log.info("handling updates left from the last run count=%d", len(raws))
        return len(raws)

    async def prune(self, before: dtm.datetime) -> int:
        """Forget updates done before ``before``."""
        return await self._db.run(inbox.prune, before, now=self._clock())


def _direct_inbox(db: Database) -> inbox.DirectInbox | None:
    """Plain sqlite3 writes for a SQLite file database (see storage.inbox.DirectInbox)."""
    try:
        path = database_path(db.url)
    except ValueError:
        return None
    return inbox.DirectInbox(str(path)) if path.exists() else None


class InboxRequest(WrappedRequest):
    """The getUpdates connection, writing each batch to the inbox before PTB sees it."""

    def __init__(self, inner: BaseRequest, box: Inbox) -> None:
        super().__init__(inner)
        self._box = box

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **timeouts: Any
    ) -> tuple[int, bytes]:
        polling = url.endswith("/getUpdates")
        if polling:
            await self._written(self._box.settle())  # this poll confirms the last batch
        status, payload = await self._inner.do_request(url, method, request_data, **timeouts)
        if status == 200 and polling:
            self._box.last_poll_at = self._box.now()
            updates = json.loads(payload).get("result") or []
            if updates and self._box.is_new(updates):
                await self._written(self._box.record_new(updates))
            elif updates:
                await self._written(self._box.record(updates))
        return status, payload

    @staticmethod
    async def _written(write: Awaitable[None] | None) -> None:
        try:
            if write is not None:
                await write
        except Exception as exc:
            # Unwritten updates must not be confirmed: fail this poll, PTB polls again.
            raise NetworkError(f"could not write the inbox: {exc}") from exc
