"""A coach's teams: creating them, invite links, the roster, removing an athlete."""

from __future__ import annotations

import datetime as dtm
import secrets
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services.access import Access, Actor, NotAllowedError, may_remove_athlete
from bot.services.core import Core
from engine.errors import EngineError
from storage import team_links, users
from storage import teams as repo
from storage.tables import Team

# An invite link works this long, unless revoked; /team invite NAME makes a fresh one.
INVITE_TTL = dtm.timedelta(days=14)
# Deep-link payloads are at most 64 characters of A-Za-z0-9_-; 18 random bytes give 24.
PAYLOAD_PREFIX = "team-"
NAME_LIMIT = 40
NO_SUCH_TEAM = "You have no team called “{name}”. /team lists yours."
TAKEN = "You already have a team called “{name}”. /team lists it."


class TeamNameError(EngineError):
    """A team name that cannot be used: empty, too long, or taken by the coach's own team."""


@dataclass(frozen=True, slots=True)
class TeamInfo:
    """What a coach (or athlete) is shown of a team."""

    id: int
    name: str
    coach_id: int
    coach_name: str
    athletes: int
    invite: str | None = None  # the working invite's payload
    invite_expires: dtm.datetime | None = None
    group: str | None = None  # the linked group's title, while linked


@dataclass(frozen=True, slots=True)
class RosterLine:
    """One athlete on a roster; compliance comes with plans."""

    user_id: int
    name: str
    last_trained: dtm.date | None  # in the athlete's own timezone


@dataclass(frozen=True, slots=True)
class Roster:
    team: TeamInfo
    athletes: tuple[RosterLine, ...]


@dataclass(frozen=True, slots=True)
class Removal:
    """``removed``, or ``not-member`` (left or removed already: an old button)."""

    outcome: str
    athlete_id: int
    athlete_name: str
    roster: Roster


def clean_name(text: str) -> str:
    """A team name as stored: spacing collapsed; refused when empty or too long."""
    name = " ".join(text.split())
    if not name:
        raise TeamNameError("Give the team a name, e.g. /team new Squad A")
    if len(name) > NAME_LIMIT:
        raise TeamNameError(f"A team name has at most {NAME_LIMIT} characters.")
    return name


def new_payload() -> str:
    """An unguessable invite payload, valid as a deep-link start parameter."""
    return PAYLOAD_PREFIX + secrets.token_urlsafe(18)


class TeamService:
    """The coach's side of teams; every change checked by Access."""

    def __init__(self, core: Core, access: Access) -> None:
        self._core = core
        self._access = access

    async def create(self, update_id: int, coach_id: int, text: str) -> TeamInfo:
        """Create a team with a working invite link."""
        await self._access.require_coach(coach_id)
        name, now = clean_name(text), self._core.clock()
        async with self._core.once(update_id, coach_id, "team-new") as session:
            same = await repo.team_by_name(session, coach_id=coach_id, name=name)
            if same is not None:
                raise TeamNameError(TAKEN.format(name=same.name))
            team = await repo.add_team(session, coach_id=coach_id, name=name, now=now)
            await self._issue(session, team)
            return await self._info(session, team)

    async def new_invite(self, update_id: int, coach_id: int, name: str) -> TeamInfo:
        """A fresh invite link for one of the coach's teams; the old one stops working."""
        actor = await self._access.require_coach(coach_id)
        async with self._core.once(update_id, coach_id, "team-invite") as session:
            team = await self._own_team(session, actor, name)
            await self._issue(session, team)
            return await self._info(session, team)

    async def revoke(self, update_id: int, coach_id: int, name: str) -> tuple[TeamInfo, int]:
        """Revoke the team's invite link; the team and how many links were revoked."""
        actor = await self._access.require_coach(coach_id)
        async with self._core.once(update_id, coach_id, "team-revoke") as session:
            team = await self._own_team(session, actor, name)
            count = await repo.revoke_invites(session, team_id=team.id, now=self._core.clock())
            return await self._info(session, team), count

    async def coached(self, coach_id: int) -> tuple[TeamInfo, ...]:
        """The teams the user coaches (none for an athlete)."""
        actor = await self._access.actor(coach_id)
        if not actor.is_coach:
            return ()
        async with self._core.db.read() as session:
            teams = await repo.teams_of_coach(session, coach_id=coach_id)
            return tuple([await self._info(session, team) for team in teams])

    async def joined(self, user_id: int) -> tuple[TeamInfo, ...]:
        """The teams the user is on as an athlete."""
        async with self._core.db.read() as session:
            teams = await repo.teams_of_athlete(session, user_id=user_id)
            return tuple([await self._info(session, team) for team in teams])

    async def rosters(self, coach_id: int, name: str | None) -> tuple[Roster, ...]:
        """The roster of one of the coach's teams, or of all of them."""
        actor = await self._access.require_coach(coach_id)
        async with self._core.db.read() as session:
            if name:
                teams = [await self._own_team(session, actor, name)]
            else:
                teams = await repo.teams_of_coach(session, coach_id=coach_id)
            return tuple([await self._roster(session, team) for team in teams])

    async def remove(
        self, update_id: int, coach_id: int, team_id: int, athlete_id: int
    ) -> Removal:
        """Take an athlete off the coach's team (a tap on the roster's button)."""
        async with self._core.once(update_id, coach_id, "team-remove") as session:
            team = await repo.get_team(session, team_id)
            actor = await self._access.require_team_coach(coach_id, team and team.coach_id)
            assert team is not None  # noqa: S101  (require_team_coach refused None)
            member = await repo.membership(session, team_id=team_id, user_id=athlete_id)
            on_team = member is not None and member.left_at is None
            athlete = await users.get_user(session, athlete_id)
            name = athlete.first_name if athlete is not None else str(athlete_id)
            outcome = "not-member"
            if member is not None and may_remove_athlete(actor, team.coach_id, on_team):
                now = self._core.clock()
                await repo.end_membership(session, member, now=now, removed=True)
                outcome = "removed"
            return Removal(outcome, athlete_id, name, await self._roster(session, team))

    async def _issue(self, session: AsyncSession, team: Team) -> None:
        assert team.id is not None  # noqa: S101  (a stored team)
        token, now = new_payload(), self._core.clock()
        await repo.add_invite(session, team_id=team.id, token=token, now=now, ttl=INVITE_TTL)

    async def _own_team(self, session: AsyncSession, actor: Actor, name: str) -> Team:
        team = await repo.team_by_name(session, coach_id=actor.user_id, name=name)
        if team is None:
            raise NotAllowedError(NO_SUCH_TEAM.format(name=" ".join(name.split())[:NAME_LIMIT]))
        return team

    async def _info(self, session: AsyncSession, team: Team) -> TeamInfo:
        assert team.id is not None  # noqa: S101  (a stored team)
        coach = await users.get_user(session, team.coach_id)
        sizes = await repo.roster_sizes(session, [team.id])
        invite = await repo.live_invite(session, team_id=team.id, now=self._core.clock())
        group = await team_links.team_group(session, team.id)
        return TeamInfo(
            team.id,
            team.name,
            team.coach_id,
            coach.first_name if coach is not None else "",
            sizes.get(team.id, 0),
            invite.token if invite is not None else None,
            repo.utc(invite.expires_at) if invite is not None else None,
            group.title if group is not None else None,
        )

    async def _roster(self, session: AsyncSession, team: Team) -> Roster:
        info = await self._info(session, team)
        athletes = await repo.roster(session, team_id=info.id)
        latest = await repo.last_trained(session, [a.id for a in athletes])
        lines = tuple(
            RosterLine(
                a.id,
                a.first_name,
                latest[a.id].astimezone(ZoneInfo(a.timezone)).date() if a.id in latest else None,
            )
            for a in athletes
        )
        return Roster(info, lines)
