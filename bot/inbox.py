"""Nothing a user sent is lost: every update is written down before PTB confirms it.

``InboxRequest`` wraps the ``getUpdates`` connection: each batch Telegram returns is
written to the inbox (storage.inbox) before PTB sees it, and so before its next poll tells
Telegram to forget it. ``Inbox`` remembers which updates this process has started, so a
copy Telegram delivers again is skipped, marks handled updates done (in batches, off the
reply path), and hands the ones a crash left behind to the application at start-up.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import logging
from collections import deque
from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.error import NetworkError
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

from bot.sending import WrappedRequest
from storage import inbox
from storage.db import Database

log = logging.getLogger(__name__)
# Ids of updates started in this process that are remembered, to skip copies delivered again.
REMEMBERED = 10_000


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

    async def record(self, updates: list[dict[str, Any]]) -> None:
        """Write a batch down; copies of updates done earlier are marked to be skipped."""
        now = self._clock()
        if self._highest is None:
            self._highest = await self._db.run(inbox.highest_id, now=now)
        done_before = await self._db.run(inbox.record, updates, now, self._highest, now=now)
        self._highest = max(self._highest, *(int(raw["update_id"]) for raw in updates))
        for update_id in done_before:
            self._remember(update_id)

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
        while self._done:
            batch, self._done = self._done, set()
            try:
                now = self._clock()
                await self._db.run(inbox.mark_done, batch, now, now=now)
            except Exception as exc:  # handled again at the next start: effects apply once
                log.warning("could not mark updates done count=%d error=%s", len(batch), exc)

    async def flush(self) -> None:
        """Wait until every update marked handled so far is written."""
        if self._flushing is not None:
            await self._flushing

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


class InboxRequest(WrappedRequest):
    """The getUpdates connection, writing each batch to the inbox before PTB sees it."""

    def __init__(self, inner: BaseRequest, box: Inbox) -> None:
        super().__init__(inner)
        self._box = box

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **timeouts: Any
    ) -> tuple[int, bytes]:
        status, payload = await self._inner.do_request(url, method, request_data, **timeouts)
        if status == 200 and url.endswith("/getUpdates"):
            self._box.last_poll_at = self._box.now()
            updates = json.loads(payload).get("result") or []
            if updates:
                try:
                    await self._box.record(updates)
                except Exception as exc:
                    # Unwritten updates must not be confirmed: fail this poll, PTB polls again.
                    raise NetworkError(f"could not write the inbox: {exc}") from exc
        return status, payload
