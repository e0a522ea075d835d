"""Readiness check-ins: one row per user and local morning, answered one tap at a time."""

from __future__ import annotations

import datetime as dtm

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.tables import ReadinessCheckin

QUESTIONS = ("sleep", "soreness", "energy", "feel")


async def checkins(
    session: AsyncSession, user_id: int, since: dtm.date, until: dtm.date
) -> list[ReadinessCheckin]:
    """The user's check-ins from ``since`` to ``until`` (both included), oldest first."""
    statement = (
        select(ReadinessCheckin)
        .where(
            col(ReadinessCheckin.user_id) == user_id,
            col(ReadinessCheckin.local_date) >= since,
            col(ReadinessCheckin.local_date) <= until,
        )
        .order_by(col(ReadinessCheckin.local_date))
    )
    return list((await session.exec(statement)).all())


async def answer(
    session: AsyncSession,
    user_id: int,
    day: dtm.date,
    question: str,
    value: int,
    now: dtm.datetime,
) -> ReadinessCheckin:
    """Store one answer of a morning's check-in (a repeated question takes the new one)."""
    if question not in QUESTIONS:
        raise ValueError(f"unknown question {question!r}")
    row = await session.get(ReadinessCheckin, (user_id, day))
    if row is None:
        row = ReadinessCheckin(user_id=user_id, local_date=day, updated_at=now)
    setattr(row, question, value)
    row.updated_at = now
    session.add(row)
    await session.flush()
    return row
