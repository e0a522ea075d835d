"""What ties people and groups to teams: invite links opened, Telegram groups linked."""

from __future__ import annotations

import datetime as dtm

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.tables import InviteOpen, TeamChat


async def record_open(
    session: AsyncSession, *, user_id: int, invite_id: int, now: dtm.datetime, offered: bool
) -> InviteOpen:
    """Remember that the user opened an invite link (again: the question is put afresh)."""
    row = await session.get(InviteOpen, (user_id, invite_id))
    if row is None:
        row = InviteOpen(user_id=user_id, invite_id=invite_id, opened_at=now)
    row.opened_at, row.answered_at = now, None
    row.offered_at = now if offered else None
    session.add(row)
    await session.flush()
    return row


async def get_open(session: AsyncSession, *, user_id: int, invite_id: int) -> InviteOpen | None:
    """The user's opening of this invite, or None (they never opened it)."""
    return await session.get(InviteOpen, (user_id, invite_id))


async def opens_to_offer(session: AsyncSession, *, user_id: int) -> list[InviteOpen]:
    """The invites the user opened whose question is still to be put to them."""
    statement = (
        select(InviteOpen)
        .where(InviteOpen.user_id == user_id, col(InviteOpen.offered_at).is_(None))
        .order_by(col(InviteOpen.opened_at))
    )
    return list((await session.exec(statement)).all())


async def users_with_opens_to_offer(session: AsyncSession) -> set[int]:
    """Everyone with an invite question still to put (new users in onboarding)."""
    statement = select(InviteOpen.user_id).where(col(InviteOpen.offered_at).is_(None))
    return set((await session.exec(statement)).all())


async def chat_link(session: AsyncSession, chat_id: int) -> TeamChat | None:
    """The link of this Telegram group (active or not), or None."""
    return (await session.exec(select(TeamChat).where(TeamChat.chat_id == chat_id))).first()


async def team_group(session: AsyncSession, team_id: int) -> TeamChat | None:
    """The team's active group, or None."""
    statement = select(TeamChat).where(
        TeamChat.team_id == team_id, col(TeamChat.active).is_(True)
    )
    return (await session.exec(statement)).first()


async def link_chat(
    session: AsyncSession,
    *,
    team_id: int,
    chat_id: int,
    title: str,
    coach_id: int,
    now: dtm.datetime,
) -> TeamChat:
    """Link a group to a team; the team's earlier group stops being linked."""
    earlier = await team_group(session, team_id)
    if earlier is not None and earlier.chat_id != chat_id:
        earlier.active = False
        session.add(earlier)
    row = await chat_link(session, chat_id) or TeamChat(
        team_id=team_id, chat_id=chat_id, linked_by=coach_id, linked_at=now
    )
    row.team_id, row.title, row.linked_by, row.linked_at = team_id, title, coach_id, now
    row.active = True
    session.add(row)
    await session.flush()
    return row


async def move_chat(session: AsyncSession, *, old_id: int, new_id: int) -> TeamChat | None:
    """Follow a group that became a supergroup (a new chat id); None when it is not linked."""
    row = await chat_link(session, old_id)
    if row is None or await chat_link(session, new_id) is not None:
        return None
    row.chat_id = new_id
    session.add(row)
    await session.flush()
    return row


async def deactivate_chat(session: AsyncSession, chat_id: int) -> TeamChat | None:
    """Mark a group's link inactive (the bot was removed); None when it had none active."""
    row = await chat_link(session, chat_id)
    if row is None or not row.active:
        return None
    row.active = False
    session.add(row)
    await session.flush()
    return row
