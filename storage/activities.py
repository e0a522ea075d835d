"""Uploaded files and analysed activities."""

from __future__ import annotations

import datetime as dtm

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.tables import ActivityRow, UploadedFile


async def file_by_hash(session: AsyncSession, user_id: int, sha256: str) -> UploadedFile | None:
    """The user's earlier upload with the same content, if any."""
    statement = select(UploadedFile).where(
        UploadedFile.user_id == user_id, UploadedFile.sha256 == sha256
    )
    return (await session.exec(statement)).first()


async def add_file(session: AsyncSession, row: UploadedFile) -> UploadedFile:
    """Record an upload (its id is filled in)."""
    session.add(row)
    await session.flush()
    return row


async def activity_at(
    session: AsyncSession, user_id: int, start_time: dtm.datetime, sport: str
) -> ActivityRow | None:
    """The user's activity of this sport starting at this instant, if stored already."""
    statement = select(ActivityRow).where(
        ActivityRow.user_id == user_id,
        ActivityRow.start_time == start_time,
        ActivityRow.sport == sport,
    )
    return (await session.exec(statement)).first()


async def add_activity(session: AsyncSession, row: ActivityRow) -> ActivityRow:
    """Store an analysed activity (its id is filled in)."""
    session.add(row)
    await session.flush()
    return row


async def activities_between(
    session: AsyncSession, user_id: int, start: dtm.datetime, end: dtm.datetime
) -> list[ActivityRow]:
    """The user's activities starting in [start, end), oldest first."""
    statement = (
        select(ActivityRow)
        .where(
            ActivityRow.user_id == user_id,
            ActivityRow.start_time >= start,
            ActivityRow.start_time < end,
        )
        .order_by(col(ActivityRow.start_time))
    )
    return list((await session.exec(statement)).all())


async def get_activity(
    session: AsyncSession, user_id: int, activity_id: int
) -> ActivityRow | None:
    """The user's activity with this id (None for someone else's)."""
    row = await session.get(ActivityRow, activity_id)
    return row if row is not None and row.user_id == user_id else None
