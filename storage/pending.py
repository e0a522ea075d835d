"""Questions waiting for the user's answer, and users' own exercises."""

from __future__ import annotations

import datetime as dtm
import json
from typing import Any

from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.tables import CustomExercise, PendingInput


async def add_pending(
    session: AsyncSession,
    *,
    user_id: int,
    kind: str,
    raw_text: str,
    payload: dict[str, Any],
    now: dtm.datetime,
    message_id: int | None = None,
) -> PendingInput:
    """Store a question; the user's older questions of the same kind are dropped."""
    await session.exec(
        delete(PendingInput).where(
            col(PendingInput.user_id) == user_id, col(PendingInput.kind) == kind
        )
    )
    pending = PendingInput(
        user_id=user_id,
        kind=kind,
        raw_text=raw_text,
        payload=json.dumps(payload),
        created_at=now,
        message_id=message_id,
    )
    session.add(pending)
    await session.flush()
    return pending


async def take_pending(
    session: AsyncSession, user_id: int, pending_id: int
) -> PendingInput | None:
    """Remove and return the user's question (None when already answered or not theirs)."""
    pending = await session.get(PendingInput, pending_id)
    if pending is None or pending.user_id != user_id:
        return None
    await session.delete(pending)
    await session.flush()
    return pending


def payload_of(pending: PendingInput) -> dict[str, Any]:
    """The decoded payload."""
    return json.loads(pending.payload)


async def custom_exercises(session: AsyncSession, user_id: int) -> list[CustomExercise]:
    """The user's own exercises."""
    statement = select(CustomExercise).where(CustomExercise.user_id == user_id)
    return list((await session.exec(statement)).all())


async def add_custom_exercise(
    session: AsyncSession, *, user_id: int, name: str, bodyweight: bool, now: dtm.datetime
) -> CustomExercise:
    """Add an exercise to the user's catalog (idempotent by name)."""
    statement = select(CustomExercise).where(
        CustomExercise.user_id == user_id, CustomExercise.name == name
    )
    existing = (await session.exec(statement)).first()
    if existing is not None:
        return existing
    row = CustomExercise(user_id=user_id, name=name, bodyweight=bodyweight, created_at=now)
    session.add(row)
    await session.flush()
    return row
