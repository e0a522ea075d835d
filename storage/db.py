"""The async SQLite engine (WAL, foreign keys on) and exactly-once transactions."""

from __future__ import annotations

import datetime as dtm
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.tables import ProcessedUpdate


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


class Database:
    """Owns the engine and hands out short sessions and exactly-once transactions."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = async_sessionmaker(
            self.engine, class_=AsyncSession, expire_on_commit=False
        )

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
                row = {"update_id": update_id, "user_id": user_id, "kind": kind, "created_at": now}
                connection = await session.connection()
                try:
                    await connection.execute(insert(ProcessedUpdate.__table__), row)
                except IntegrityError as exc:
                    raise AlreadyAppliedError(update_id) from exc
            yield session

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
