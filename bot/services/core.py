"""What every service shares: the database, the clock and a few defaults."""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Executor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services.profile import UserView
from bot.settings import Settings
from storage import users
from storage.db import AlreadyAppliedError, Database

Clock = Callable[[], dtm.datetime]
T = TypeVar("T")
log = logging.getLogger(__name__)


def utc_now() -> dtm.datetime:
    """The current time, timezone-aware in UTC."""
    return dtm.datetime.now(dtm.UTC)


def offset_clock(seconds: float) -> Clock:
    """The real clock moved by ``seconds`` (SPOTTER_CLOCK_OFFSET_S, for tests); 0: utc_now."""
    if not seconds:
        return utc_now
    offset = dtm.timedelta(seconds=seconds)
    return lambda: utc_now() + offset


class DuplicateUpdateError(Exception):
    """This Telegram update was applied before; its effect is already stored."""


@dataclass(frozen=True, slots=True)
class Core:
    """Shared plumbing for the feature services."""

    db: Database
    clock: Clock
    default_timezone: str
    settings: Settings
    # Where CPU-heavy work runs: worker processes in production, threads when None.
    workers: Executor | None = None
    # User profiles by id. One process owns the database, and every change to a user goes
    # through ``remember``/``forget`` after its commit, so the cache cannot go stale.
    _profiles: dict[int, UserView] = field(default_factory=dict)
    # How many times each user's data changed through ``once``: what a service keeps in
    # memory about a user (see LogWriter) is good only while this number stays the same.
    _versions: dict[int, int] = field(default_factory=dict)

    def version(self, user_id: int) -> int:
        """The number of changes made to a user's data through ``once`` so far."""
        return self._versions.get(user_id, 0)

    def _changed(self, user_id: int | None) -> None:
        if user_id is not None:
            self._versions[user_id] = self._versions.get(user_id, 0) + 1

    async def offload(self, fn: Callable[..., T], *args: object) -> T:
        """Run CPU-heavy work (FIT analysis, charts) off the event loop, in the workers."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.workers, partial(fn, *args) if args else fn)

    async def run_once(
        self, fn: Callable[..., T], *args: object, update_id: int, user_id: int, kind: str
    ) -> T:
        """Run ``fn(connection, *args)`` as one transaction in the database thread, at most
        once per Telegram update (the fast path; see Database.run)."""
        try:
            return await self.db.run(
                fn, *args, update_id=update_id, user_id=user_id, kind=kind, now=self.clock()
            )
        except AlreadyAppliedError as exc:
            log.info("duplicate update skipped update_id=%s kind=%s", update_id, kind)
            raise DuplicateUpdateError(update_id) from exc

    async def profile(self, user_id: int) -> UserView | None:
        """The user's profile, from the cache or the database; None before /start."""
        cached = self._profiles.get(user_id)
        if cached is not None:
            return cached
        async with self.db.read() as session:
            user = await users.get_user(session, user_id)
        if user is None:
            return None
        return self.remember(UserView.of(user))

    def remember(self, view: UserView) -> UserView:
        """Cache a profile just committed."""
        self._profiles[view.id] = view
        return view

    def forget(self, user_id: int) -> None:
        """Drop a cached profile after a change made outside UserService."""
        self._profiles.pop(user_id, None)

    @asynccontextmanager
    async def once(
        self, update_id: int | None, user_id: int | None, kind: str
    ) -> AsyncIterator[AsyncSession]:
        """A write transaction applied at most once per Telegram update."""
        self._changed(user_id)
        try:
            async with self.db.write(
                update_id=update_id, user_id=user_id, kind=kind, now=self.clock()
            ) as session:
                yield session
        except AlreadyAppliedError as exc:
            log.info("duplicate update skipped update_id=%s kind=%s", update_id, kind)
            raise DuplicateUpdateError(update_id) from exc
        finally:
            self._changed(user_id)
