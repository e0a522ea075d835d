"""Coach mode's records: completion notices per team, coached sessions, athletes' sets."""

from __future__ import annotations

import datetime as dtm
from collections.abc import Collection
from dataclasses import dataclass

from sqlmodel import col, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.tables import (
    Broadcast,
    BroadcastRecipient,
    CoachSession,
    SetLog,
    Team,
    TeamNotice,
)

MODES = ("each", "daily", "off")


async def notice(session: AsyncSession, team_id: int) -> TeamNotice:
    """How the team's coach hears of finished workouts (each one, by default)."""
    row = await session.get(TeamNotice, team_id)
    return row if row is not None else TeamNotice(team_id=team_id)


async def notices(session: AsyncSession, team_ids: Collection[int]) -> dict[int, TeamNotice]:
    """The notice settings of several teams (defaults for teams without a row)."""
    statement = select(TeamNotice).where(col(TeamNotice.team_id).in_(set(team_ids)))
    found = {row.team_id: row for row in (await session.exec(statement)).all()}
    return {t: found.get(t) or TeamNotice(team_id=t) for t in team_ids}


async def save_notice(session: AsyncSession, team_id: int, *, mode: str, hour: int) -> TeamNotice:
    """Store a team's notice setting."""
    if mode not in MODES:
        raise ValueError(mode)
    row = await session.get(TeamNotice, team_id) or TeamNotice(team_id=team_id)
    row.mode, row.hour = mode, hour
    session.add(row)
    await session.flush()
    return row


async def digest_hours(session: AsyncSession) -> dict[int, int]:
    """Coaches with a daily digest on any team, and its local hour (the earliest chosen)."""
    statement = (
        select(Team.coach_id, TeamNotice.hour)
        .join(Team, col(Team.id) == col(TeamNotice.team_id))
        .where(TeamNotice.mode == "daily")
    )
    hours: dict[int, int] = {}
    for coach_id, hour in (await session.exec(statement)).all():
        hours[coach_id] = min(hour, hours.get(coach_id, hour))
    return hours


async def coach_sessions(
    session: AsyncSession, user_ids: Collection[int], since: dtm.date, until: dtm.date
) -> list[CoachSession]:
    """The athletes' coached sessions between two local days (inclusive), by day."""
    statement = (
        select(CoachSession)
        .where(
            col(CoachSession.user_id).in_(set(user_ids)),
            col(CoachSession.local_date) >= since,
            col(CoachSession.local_date) <= until,
        )
        .order_by(col(CoachSession.local_date), col(CoachSession.id))
    )
    return list((await session.exec(statement)).all())


@dataclass(frozen=True, slots=True)
class SetFacts:
    """What compliance reads of a logged set (plain columns: a roster's 90 days of sets are
    tens of thousands of rows, too many to build as table objects)."""

    user_id: int
    exercise: str
    reps: int | None
    weight_kg: float | None
    rir: float | None
    rpe: float | None
    performed_at: dtm.datetime


async def sets_of(
    session: AsyncSession, user_ids: Collection[int], since: dtm.datetime
) -> list[SetFacts]:
    """Every set of these athletes since a time (UTC), oldest first."""
    statement = (
        select(
            SetLog.user_id,
            SetLog.exercise,
            SetLog.reps,
            SetLog.weight_kg,
            SetLog.rir,
            SetLog.rpe,
            SetLog.performed_at,
        )
        .where(col(SetLog.user_id).in_(set(user_ids)), col(SetLog.performed_at) >= since)
        .order_by(col(SetLog.performed_at), col(SetLog.id))
    )
    return [SetFacts(*row) for row in (await session.exec(statement)).all()]


async def broadcast_of(
    session: AsyncSession, *, team_id: int, plan_name: str, week_start: dtm.date
) -> Broadcast | None:
    """The broadcast of a plan's week to a team, if it was made."""
    statement = select(Broadcast).where(
        Broadcast.team_id == team_id,
        Broadcast.plan_name == plan_name,
        Broadcast.week_start == week_start,
    )
    return (await session.exec(statement)).first()


async def recipients(session: AsyncSession, broadcast_id: int) -> list[BroadcastRecipient]:
    """A broadcast's athletes, in the order they were added."""
    statement = (
        select(BroadcastRecipient)
        .where(BroadcastRecipient.broadcast_id == broadcast_id)
        .order_by(col(BroadcastRecipient.user_id))
    )
    return list((await session.exec(statement)).all())


async def claim_recipient(
    session: AsyncSession, *, broadcast_id: int, user_id: int, now: dtm.datetime
) -> bool:
    """Move a recipient from pending to sending; False when someone claimed them first."""
    statement = (
        update(BroadcastRecipient)
        .where(
            col(BroadcastRecipient.broadcast_id) == broadcast_id,
            col(BroadcastRecipient.user_id) == user_id,
            col(BroadcastRecipient.status) == "pending",
        )
        .values(status="sending", updated_at=now)
    )
    result = await session.exec(statement)  # type: ignore[call-overload]
    return bool(result.rowcount)


async def set_recipient(
    session: AsyncSession, *, broadcast_id: int, user_id: int, status: str, now: dtm.datetime
) -> None:
    """Record how a recipient's message went: sent, unopened, blocked (or pending again)."""
    row = await session.get(BroadcastRecipient, (broadcast_id, user_id))
    if row is None:
        row = BroadcastRecipient(broadcast_id=broadcast_id, user_id=user_id, updated_at=now)
    row.status, row.updated_at = status, now
    session.add(row)
    await session.flush()


async def sessions_of_broadcast(
    session: AsyncSession, broadcast_id: int, user_id: int
) -> list[CoachSession]:
    """One athlete's sessions of a broadcast, by day."""
    statement = (
        select(CoachSession)
        .where(CoachSession.broadcast_id == broadcast_id, CoachSession.user_id == user_id)
        .order_by(col(CoachSession.local_date))
    )
    return list((await session.exec(statement)).all())
