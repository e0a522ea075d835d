"""Programs and the program wizard's answers (scheduled deliveries: storage.deliveries).

A program row keeps the engine's Program as JSON in ``program`` and, in ``state``, the
answers it was built from together with what happened since: which sessions were progressed
and which deloads were triggered.
"""

from __future__ import annotations

import json

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.tables import PendingInput, ProgramRow, User


async def active_program(session: AsyncSession, user_id: int) -> ProgramRow | None:
    """The user's active program, if any."""
    statement = (
        select(ProgramRow)
        .where(ProgramRow.user_id == user_id, col(ProgramRow.active).is_(True))
        .order_by(col(ProgramRow.id).desc())
        .limit(1)
    )
    return (await session.exec(statement)).first()


async def add_program(session: AsyncSession, row: ProgramRow) -> ProgramRow:
    """Store a new active program; the user's older programs stop being active."""
    await session.exec(
        update(ProgramRow)
        .where(col(ProgramRow.user_id) == row.user_id, col(ProgramRow.active).is_(True))
        .values(active=False)
    )
    row.active = True
    session.add(row)
    await session.flush()
    return row


async def save_program(
    session: AsyncSession, program_id: int, *, program: str, state: str
) -> None:
    """Replace a program's plan and its state JSON."""
    await session.exec(
        update(ProgramRow)
        .where(col(ProgramRow.id) == program_id)
        .values(program=program, state=state)
    )


async def programs_with_users(session: AsyncSession) -> list[tuple[ProgramRow, User]]:
    """Every active program with its user, oldest user first."""
    statement = (
        select(ProgramRow, User)
        .join(User, col(User.id) == col(ProgramRow.user_id))
        .where(col(ProgramRow.active).is_(True))
        .order_by(col(User.created_at), col(User.id))
    )
    return [(row, user) for row, user in (await session.exec(statement)).all()]


async def wizard(session: AsyncSession, user_id: int, token: int) -> PendingInput | None:
    """The user's open program questions begun with this token (None when gone or replaced)."""
    statement = (
        select(PendingInput)
        .where(PendingInput.user_id == user_id, PendingInput.kind == "program")
        .order_by(col(PendingInput.id).desc())
        .limit(1)
    )
    row = (await session.exec(statement)).first()
    if row is None or json.loads(row.payload).get("token") != token:
        return None
    return row


async def save_wizard(session: AsyncSession, row: PendingInput, payload: str) -> None:
    """Store the answers given so far."""
    row.payload = payload
    session.add(row)
    await session.flush()
