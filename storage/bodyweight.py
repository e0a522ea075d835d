"""Weigh-ins: stored one row each, read newest or over a span of local days."""

from __future__ import annotations

import datetime as dtm

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.tables import BodyWeight


async def add(session: AsyncSession, row: BodyWeight) -> BodyWeight:
    """Store one weigh-in."""
    session.add(row)
    await session.flush()
    return row


async def latest(session: AsyncSession, user_id: int) -> BodyWeight | None:
    """The user's newest weigh-in, or None."""
    statement = (
        select(BodyWeight)
        .where(col(BodyWeight.user_id) == user_id)
        .order_by(col(BodyWeight.measured_at).desc(), col(BodyWeight.id).desc())
        .limit(1)
    )
    return (await session.exec(statement)).first()


async def since(session: AsyncSession, user_id: int, day: dtm.date) -> list[BodyWeight]:
    """The user's weigh-ins from local day ``day`` on, oldest first."""
    statement = (
        select(BodyWeight)
        .where(col(BodyWeight.user_id) == user_id, col(BodyWeight.local_date) >= day)
        .order_by(col(BodyWeight.measured_at), col(BodyWeight.id))
    )
    return list((await session.exec(statement)).all())
