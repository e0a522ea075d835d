"""Clearing out what has gone stale: unanswered questions, expired invites, old claims."""

from __future__ import annotations

import datetime as dtm

from sqlmodel import col, delete, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.tables import Delivery, InviteOpen, PendingInput, TeamInvite


async def expire_pending(session: AsyncSession, before: dtm.datetime) -> int:
    """Delete questions asked before ``before``; returns how many."""
    result = await session.exec(
        delete(PendingInput).where(col(PendingInput.created_at) < before)
    )
    return result.rowcount or 0


async def expire_invites(session: AsyncSession, now: dtm.datetime) -> int:
    """Delete invites past their expiry or revoked, with who opened them; returns how many."""
    stale = select(TeamInvite.id).where(
        or_(col(TeamInvite.expires_at) < now, col(TeamInvite.revoked_at).is_not(None))
    )
    ids = list((await session.exec(stale)).all())
    if not ids:
        return 0
    await session.exec(delete(InviteOpen).where(col(InviteOpen.invite_id).in_(ids)))
    await session.exec(delete(TeamInvite).where(col(TeamInvite.id).in_(ids)))
    return len(ids)


async def prune_deliveries(session: AsyncSession, before: dtm.date) -> int:
    """Delete delivery claims for days before ``before`` (long past every grace window)."""
    result = await session.exec(delete(Delivery).where(col(Delivery.local_date) < before))
    return result.rowcount or 0
