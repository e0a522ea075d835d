"""User rows: look-up, creation and preference changes (keyword-only session, as in crud)."""

from __future__ import annotations

import datetime as dtm

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.tables import User


async def get_user(session: AsyncSession, user_id: int) -> User | None:
    """The user with this Telegram id, or None."""
    return await session.get(User, user_id)


async def ensure_user(
    session: AsyncSession,
    *,
    user_id: int,
    first_name: str,
    username: str | None,
    timezone: str,
    now: dtm.datetime,
) -> User:
    """Return the user, creating them (onboarding from the start) when new."""
    user = await session.get(User, user_id)
    if user is None:
        user = User(
            id=user_id,
            first_name=first_name,
            username=username,
            timezone=timezone,
            created_at=now,
        )
        session.add(user)
        await session.flush()
    return user


async def update_user(session: AsyncSession, user_id: int, **changes: object) -> User | None:
    """Apply attribute changes to a user; None when there is no such user."""
    user = await session.get(User, user_id)
    if user is None:
        return None
    for key, value in changes.items():
        if not hasattr(user, key):
            raise AttributeError(key)
        setattr(user, key, value)
    session.add(user)
    await session.flush()
    return user
