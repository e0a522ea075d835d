"""Scheduled deliveries and the reminder settings they follow.

A delivery is claimed by inserting its row (unique per user, kind and key: the local date it
is for, or its week's Monday) before the message goes out, so a message is never sent twice.
"""

from __future__ import annotations

import datetime as dtm
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

from sqlalchemy import exists, func, or_
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.portable import upsert_insert
from storage.tables import Delivery, ProgramRow, ReminderSetting, User

ONBOARDING = ("units", "timezone")  # a user still answering these has no timezone yet


@dataclass(frozen=True, slots=True)
class Recipient:
    """A user as the scheduler sees them: timezone and reminder settings."""

    user_id: int
    first_name: str
    timezone: str
    hour: int
    days: int = 127
    morning: bool = True
    rest_note: bool = False
    weekly: bool = True
    has_program: bool = False
    checkin: int = 3  # readiness questions on the morning message: 3, 1 or 0
    program_start: dtm.date | None = None  # the first day of their active program


async def recipients(session: AsyncSession) -> list[Recipient]:
    """Every onboarded user who has not refused messages, with their settings, oldest first."""
    program = exists().where(
        col(ProgramRow.user_id) == col(User.id), col(ProgramRow.active).is_(True)
    )
    start = (
        select(func.max(ProgramRow.start_date))
        .where(col(ProgramRow.user_id) == col(User.id), col(ProgramRow.active).is_(True))
        .scalar_subquery()
    )
    statement = (
        select(
            User.id,
            User.first_name,
            User.timezone,
            User.morning_hour,
            ReminderSetting.days,
            ReminderSetting.morning,
            ReminderSetting.rest_note,
            ReminderSetting.weekly,
            program.label("has_program"),
            ReminderSetting.checkin,
            start.label("program_start"),
        )
        .outerjoin(ReminderSetting, col(ReminderSetting.user_id) == col(User.id))
        .where(or_(col(User.awaiting).is_(None), col(User.awaiting).not_in(ONBOARDING)))
        .where(col(ReminderSetting.active).is_not(False))  # NULL: no row, the defaults
        .order_by(col(User.created_at), col(User.id))
    )
    found = []
    for row in await session.exec(statement):
        uid, name, tz, hour, days, morning, rest, weekly, has, checkin, begun = row
        if days is None:
            found.append(Recipient(uid, name, tz, hour, has_program=bool(has)))
        else:
            found.append(
                Recipient(uid, name, tz, hour, days, morning, rest, weekly, bool(has), checkin)
            )
        found[-1] = replace(found[-1], program_start=begun)
    return found


async def delivered(
    session: AsyncSession, kinds: Collection[str], keys: Iterable[tuple[int, dtm.date]]
) -> set[tuple[int, str, dtm.date]]:
    """Which (user, kind, key) of these kinds and (user, key) pairs are claimed already."""
    wanted = set(keys)
    if not wanted or not kinds:
        return set()
    statement = select(Delivery.user_id, Delivery.kind, Delivery.local_date).where(
        col(Delivery.kind).in_(set(kinds)),
        col(Delivery.user_id).in_({u for u, _ in wanted}),
        col(Delivery.local_date).in_({d for _, d in wanted}),
    )
    return {(u, k, d) for u, k, d in (await session.exec(statement)).all() if (u, d) in wanted}


async def claim(
    session: AsyncSession, *, user_id: int, kind: str, key: dtm.date, now: dtm.datetime
) -> bool:
    """Insert the delivery row; False when it already exists (it was claimed before)."""
    connection = await session.connection()
    insert = upsert_insert(connection.dialect.name)
    statement = (
        insert(Delivery.__table__)
        .values(user_id=user_id, kind=kind, local_date=key, created_at=now)
        .on_conflict_do_nothing()
        .returning(Delivery.__table__.c.user_id)
    )
    return (await connection.execute(statement)).first() is not None


async def release(session: AsyncSession, *, user_id: int, kind: str, key: dtm.date) -> None:
    """Delete a claim so that a later run tries again."""
    await session.exec(
        delete(Delivery).where(
            col(Delivery.user_id) == user_id,
            col(Delivery.kind) == kind,
            col(Delivery.local_date) == key,
        )
    )


async def reminder_setting(session: AsyncSession, user_id: int) -> ReminderSetting:
    """The user's reminder settings (defaults when they never chose)."""
    row = await session.get(ReminderSetting, user_id)
    return row if row is not None else ReminderSetting(user_id=user_id)


async def save_reminder_setting(
    session: AsyncSession, user_id: int, **changes: object
) -> ReminderSetting:
    """Change some reminder settings, creating the user's row when needed."""
    row = await session.get(ReminderSetting, user_id) or ReminderSetting(user_id=user_id)
    for key, value in changes.items():
        if not hasattr(row, key):
            raise AttributeError(key)
        setattr(row, key, value)
    session.add(row)
    await session.flush()
    return row


async def inactive_users(session: AsyncSession) -> set[int]:
    """Users who refused a message (blocked the bot) and have not written since."""
    statement = select(ReminderSetting.user_id).where(col(ReminderSetting.active).is_(False))
    return set((await session.exec(statement)).all())


async def set_active(session: AsyncSession, user_id: int, *, active: bool) -> None:
    """Mark a user as reachable again, or as refusing messages."""
    await save_reminder_setting(session, user_id, active=active)
