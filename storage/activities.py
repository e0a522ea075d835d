"""Uploaded files, analysed activities and the heart-rate settings their analysis uses."""

from __future__ import annotations

import datetime as dtm
from collections.abc import Iterable

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.tables import ActivityRow, UploadedFile, User, Workout


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


async def activities_of_file(
    session: AsyncSession, user_id: int, file_id: int
) -> list[ActivityRow]:
    """The user's activities analysed from one uploaded file, oldest first."""
    statement = (
        select(ActivityRow)
        .where(ActivityRow.user_id == user_id, ActivityRow.file_id == file_id)
        .order_by(col(ActivityRow.start_time))
    )
    return list((await session.exec(statement)).all())


async def known_hashes(session: AsyncSession, user_id: int, hashes: Iterable[str]) -> set[str]:
    """Which of these content hashes the user has uploaded before."""
    wanted = list(set(hashes))
    if not wanted:
        return set()
    statement = select(UploadedFile.sha256).where(
        UploadedFile.user_id == user_id, col(UploadedFile.sha256).in_(wanted)
    )
    return set((await session.exec(statement)).all())


async def effort_history(session: AsyncSession, user_id: int) -> list[tuple[dtm.datetime, str]]:
    """(start time, best-efforts JSON) of the user's activities that have best efforts."""
    statement = (
        select(ActivityRow.start_time, ActivityRow.best_efforts)
        .where(ActivityRow.user_id == user_id, ActivityRow.best_efforts != "{}")
        .order_by(col(ActivityRow.start_time))
    )
    return [(when, efforts) for when, efforts in (await session.exec(statement)).all()]


async def set_activity_load(
    session: AsyncSession, user_id: int, activity_id: int, load: float
) -> None:
    """Change the load an activity adds (its sets now carry it, for example)."""
    row = await get_activity(session, user_id, activity_id)
    if row is not None:
        row.load = load
        session.add(row)
        await session.flush()


async def add_closed_workout(
    session: AsyncSession, user_id: int, started_at: dtm.datetime, ended_at: dtm.datetime
) -> int:
    """Record a finished workout (an uploaded gym session) and return its id.

    It is closed at once, so it never becomes the open workout that live sets join.
    """
    workout = Workout(
        user_id=user_id, started_at=started_at, last_set_at=ended_at, closed_at=ended_at
    )
    session.add(workout)
    await session.flush()
    return workout.id or 0


async def zone_method(session: AsyncSession, user_id: int) -> str | None:
    """The user's chosen heart-rate zone method ("hrmax" or "karvonen")."""
    user = await session.get(User, user_id)
    return user.zone_method if user is not None else None


async def set_zone_method(session: AsyncSession, user_id: int, method: str) -> None:
    """Store the user's zone method."""
    user = await session.get(User, user_id)
    if user is not None:
        user.zone_method = method
        session.add(user)
        await session.flush()
