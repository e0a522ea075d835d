"""Teams, their invite links and members (linked groups and opened invites: team_links)."""

from __future__ import annotations

import datetime as dtm
from collections.abc import Collection

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.tables import ActivityRow, Team, TeamInvite, TeamMember, User, Workout


def utc(value: dtm.datetime) -> dtm.datetime:
    """A stored time as an aware UTC datetime (the database keeps naive UTC)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dtm.UTC)


def name_key(name: str) -> str:
    """A team name folded for comparison: one team of a name per coach."""
    return " ".join(name.split()).casefold()


async def get_team(session: AsyncSession, team_id: int) -> Team | None:
    """The team with this id, or None."""
    return await session.get(Team, team_id)


async def team_by_name(session: AsyncSession, *, coach_id: int, name: str) -> Team | None:
    """The coach's team of this name (any case and spacing), or None."""
    statement = select(Team).where(Team.coach_id == coach_id, Team.name_key == name_key(name))
    return (await session.exec(statement)).first()


async def teams_of_coach(session: AsyncSession, *, coach_id: int) -> list[Team]:
    """The coach's teams, oldest first."""
    statement = select(Team).where(Team.coach_id == coach_id).order_by(col(Team.id))
    return list((await session.exec(statement)).all())


async def add_team(session: AsyncSession, *, coach_id: int, name: str, now: dtm.datetime) -> Team:
    """Create a team."""
    team = Team(coach_id=coach_id, name=name, name_key=name_key(name), created_at=now)
    session.add(team)
    await session.flush()
    return team


async def add_invite(
    session: AsyncSession, *, team_id: int, token: str, now: dtm.datetime, ttl: dtm.timedelta
) -> TeamInvite:
    """A new invite link for the team; earlier ones stop working."""
    await revoke_invites(session, team_id=team_id, now=now)
    invite = TeamInvite(team_id=team_id, token=token, created_at=now, expires_at=now + ttl)
    session.add(invite)
    await session.flush()
    return invite


async def revoke_invites(session: AsyncSession, *, team_id: int, now: dtm.datetime) -> int:
    """Revoke every invite of the team that still works; how many there were."""
    live = [i for i in await _invites(session, team_id) if is_live(i, now)]
    for invite in live:
        invite.revoked_at = now
        session.add(invite)
    await session.flush()
    return len(live)


def is_live(invite: TeamInvite, now: dtm.datetime) -> bool:
    """Whether an invite still works: neither revoked nor expired."""
    return invite.revoked_at is None and utc(invite.expires_at) > now


async def live_invite(
    session: AsyncSession, *, team_id: int, now: dtm.datetime
) -> TeamInvite | None:
    """The team's working invite, if any."""
    return next((i for i in await _invites(session, team_id) if is_live(i, now)), None)


async def _invites(session: AsyncSession, team_id: int) -> list[TeamInvite]:
    statement = (
        select(TeamInvite).where(TeamInvite.team_id == team_id).order_by(col(TeamInvite.id).desc())
    )
    return list((await session.exec(statement)).all())


async def invite_by_token(session: AsyncSession, token: str) -> TeamInvite | None:
    """The invite with this payload, or None."""
    return (await session.exec(select(TeamInvite).where(TeamInvite.token == token))).first()


async def get_invite(session: AsyncSession, invite_id: int) -> TeamInvite | None:
    """The invite with this id, or None."""
    return await session.get(TeamInvite, invite_id)


async def membership(session: AsyncSession, *, team_id: int, user_id: int) -> TeamMember | None:
    """The athlete's latest time on the team (current when ``left_at`` is None), or None."""
    statement = (
        select(TeamMember)
        .where(TeamMember.team_id == team_id, TeamMember.user_id == user_id)
        .order_by(col(TeamMember.id).desc())
        .limit(1)
    )
    return (await session.exec(statement)).first()


async def add_member(
    session: AsyncSession, *, team_id: int, user_id: int, now: dtm.datetime
) -> TeamMember:
    """Put an athlete on a team."""
    member = TeamMember(team_id=team_id, user_id=user_id, joined_at=now)
    session.add(member)
    await session.flush()
    return member


async def end_membership(
    session: AsyncSession, member: TeamMember, *, now: dtm.datetime, removed: bool
) -> None:
    """Take an athlete off a team: they left, or the coach removed them."""
    member.left_at, member.removed = now, removed
    session.add(member)
    await session.flush()


async def roster(session: AsyncSession, *, team_id: int) -> list[User]:
    """The athletes on a team now, in the order they joined."""
    statement = (
        select(User)
        .join(TeamMember, col(TeamMember.user_id) == col(User.id))
        .where(TeamMember.team_id == team_id, col(TeamMember.left_at).is_(None))
        .order_by(col(TeamMember.id))
    )
    return list((await session.exec(statement)).all())


async def roster_sizes(session: AsyncSession, team_ids: Collection[int]) -> dict[int, int]:
    """How many athletes each team has now."""
    statement = (
        select(TeamMember.team_id, func.count())
        .where(col(TeamMember.team_id).in_(team_ids), col(TeamMember.left_at).is_(None))
        .group_by(col(TeamMember.team_id))
    )
    return dict((await session.exec(statement)).all())


async def teams_of_athlete(session: AsyncSession, *, user_id: int) -> list[Team]:
    """The teams the athlete is on now."""
    statement = (
        select(Team)
        .join(TeamMember, col(TeamMember.team_id) == col(Team.id))
        .where(TeamMember.user_id == user_id, col(TeamMember.left_at).is_(None))
        .order_by(col(Team.id))
    )
    return list((await session.exec(statement)).all())


async def coached_athletes(session: AsyncSession, *, coach_id: int) -> set[int]:
    """The athletes on any of the coach's teams now."""
    statement = (
        select(TeamMember.user_id)
        .join(Team, col(Team.id) == col(TeamMember.team_id))
        .where(Team.coach_id == coach_id, col(TeamMember.left_at).is_(None))
    )
    return set((await session.exec(statement)).all())


async def last_trained(
    session: AsyncSession, user_ids: Collection[int]
) -> dict[int, dtm.datetime]:
    """When each athlete last trained: their latest set or recorded activity."""
    latest: dict[int, dtm.datetime] = {}
    for column, user_col in (
        (Workout.last_set_at, Workout.user_id),
        (ActivityRow.start_time, ActivityRow.user_id),
    ):
        statement = (
            select(user_col, func.max(column))
            .where(col(user_col).in_(user_ids))
            .group_by(col(user_col))
        )
        for user_id, at in (await session.exec(statement)).all():
            if at is not None and (user_id not in latest or utc(at) > latest[user_id]):
                latest[user_id] = utc(at)
    return latest

