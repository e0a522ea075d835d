"""The async SQLite engine (WAL, foreign keys on) and exactly-once transactions."""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.ids import EntryIds, entry_ids_for
from storage.tables import ProcessedUpdate

T = TypeVar("T")


class AlreadyAppliedError(Exception):
    """The update was applied before: its effect is already in the database."""


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str) -> AsyncEngine:
    """Create the async engine; every SQLite connection gets WAL and foreign keys."""
    engine = create_async_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _on_connect)
    return engine


_RECORD = insert(ProcessedUpdate.__table__)


def _record_update(conn: Any, update_id: int | None, user_id: int | None, kind: str,
                   now: dtm.datetime) -> None:  # fmt: skip
    if update_id is None:
        return
    row = {"update_id": update_id, "user_id": user_id, "kind": kind, "created_at": now}
    try:
        conn.execute(_RECORD, row)
    except IntegrityError as exc:
        raise AlreadyAppliedError(update_id) from exc


class Database:
    """Owns the engines and hands out short sessions and exactly-once transactions.

    Most work uses the async engine (aiosqlite). A hot path can instead run a whole
    transaction as one synchronous function in the database thread (``run``): every
    aiosqlite statement costs several thread hops, a ``run`` costs one.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = async_sessionmaker(
            self.engine, class_=AsyncSession, expire_on_commit=False
        )
        self._sync: Engine | None = None
        self._thread: ThreadPoolExecutor | None = None
        self._entry_ids = entry_ids_for(url)

    def _sync_engine(self) -> Engine:
        if self._sync is None:
            from storage.migrate import sync_url

            # Every use is an explicit begin() that commits or rolls back: no reset needed.
            self._sync = create_engine(sync_url(self.url), pool_reset_on_return=None)
            if self._sync.dialect.name == "sqlite":
                event.listen(self._sync, "connect", _on_connect)
        return self._sync

    async def run(
        self,
        fn: Callable[..., T],
        *args: Any,
        update_id: int | None = None,
        user_id: int | None = None,
        kind: str = "",
        now: dtm.datetime,
    ) -> T:
        """Run ``fn(connection, *args)`` as one transaction in the database thread; with an
        update id it is applied at most once (AlreadyAppliedError), like ``write``."""
        if self._thread is None:
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="spotter-db")

        def transaction() -> T:
            with self._sync_engine().begin() as conn:
                _record_update(conn, update_id, user_id, kind, now)
                return fn(conn, *args)

        return await asyncio.get_running_loop().run_in_executor(self._thread, transaction)

    @property
    def entry_ids(self) -> EntryIds:
        """Where log-entry ids come from (see storage.ids)."""
        return self._entry_ids

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A session for reads; nothing is committed."""
        async with self._sessions() as session:
            yield session

    @asynccontextmanager
    async def write(
        self,
        *,
        update_id: int | None = None,
        user_id: int | None = None,
        kind: str = "",
        now: dtm.datetime,
    ) -> AsyncIterator[AsyncSession]:
        """A transaction that commits on success; with an update id, it is applied at most once.

        The update id is recorded in the same transaction as the effect, so a redelivered
        update raises AlreadyAppliedError, and a crash before commit leaves neither behind.
        """
        async with self._sessions() as session, session.begin():
            if update_id is not None:
                connection = await session.connection()
                await connection.run_sync(_record_update, update_id, user_id, kind, now)
            yield session

    async def applied(self, update_id: int) -> bool:
        """Whether an update's effect is stored (its id was recorded with it)."""
        async with self.engine.connect() as conn:
            row = await conn.execute(
                select(ProcessedUpdate.__table__.c.update_id).where(
                    ProcessedUpdate.__table__.c.update_id == update_id
                )
            )
            return row.first() is not None

    async def dispose(self) -> None:
        """Close every pooled connection and the database thread."""
        await self.engine.dispose()
        if self._thread is not None:
            self._thread.shutdown(wait=True)
            self._thread = None
        if self._sync is not None:
            self._sync.dispose()
            self._sync = None
