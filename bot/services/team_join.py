"""The athlete's side of teams: an invite link opened, the join question, leaving."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services.access import Access, may_leave
from bot.services.core import Core
from storage import team_links, users
from storage import teams as repo
from storage.tables import TeamInvite

# The start parameter of a deep link: at most 64 characters of A-Za-z0-9_-.
PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
# While a new user answers these, the join question waits.
ONBOARDING = ("units", "timezone")


@dataclass(frozen=True, slots=True)
class Invitation:
    """An opened invite link: ``offer`` (ask now), ``later`` (after onboarding), or why not:
    ``invalid`` (unknown, expired or revoked), ``own-team``, ``member``, ``removed``."""

    outcome: str
    invite_id: int = 0
    team: str = ""
    coach_name: str = ""


@dataclass(frozen=True, slots=True)
class JoinAnswer:
    """What a tap on the join question did: ``joined``, ``declined``, or why not:
    ``no-offer`` (never asked, or answered already), ``expired``, ``member``, ``removed``."""

    outcome: str
    team: str = ""
    coach_id: int = 0
    athlete_name: str = ""
    athletes: int = 0


@dataclass(frozen=True, slots=True)
class Leaving:
    """``left`` or ``not-member``, with whom to tell."""

    outcome: str
    team: str = ""
    coach_id: int = 0
    athlete_name: str = ""


class JoinService:
    """Invite links opened, answered, and teams left."""

    def __init__(self, core: Core, access: Access) -> None:
        self._core = core
        self._access = access
        self._waiting: set[int] | None = None  # users with a join question still to put

    async def open(self, user_id: int, payload: str) -> Invitation:
        """Look at an opened link; remember it so the join button works for this user only
        (opening it again is harmless: no update id needed)."""
        if not PAYLOAD.fullmatch(payload):
            return Invitation("invalid")
        profile = await self._core.profile(user_id)
        ready = profile is not None and profile.awaiting not in ONBOARDING
        async with self._core.once(None, user_id, "invite-open") as session:
            invite = await repo.invite_by_token(session, payload)
            if invite is None or not repo.is_live(invite, self._core.clock()):
                return Invitation("invalid")
            invitation = await self._invitation(session, user_id, invite, ready)
            if invitation.outcome in ("offer", "later"):
                await team_links.record_open(
                    session, user_id=user_id, invite_id=invitation.invite_id,
                    now=self._core.clock(), offered=ready,
                )  # fmt: skip
        if invitation.outcome == "later":
            (await self._waiting_users()).add(user_id)
        return invitation

    async def offers_due(self, user_id: int) -> list[Invitation]:
        """The join questions kept through onboarding, once it is over (cheap otherwise)."""
        if user_id not in await self._waiting_users():
            return []
        profile = await self._core.profile(user_id)
        if profile is None or profile.awaiting in ONBOARDING:
            return []
        offers: list[Invitation] = []
        now = self._core.clock()
        async with self._core.once(None, user_id, "invite-offer") as session:
            for row in await team_links.opens_to_offer(session, user_id=user_id):
                row.offered_at = now
                session.add(row)
                invite = await repo.get_invite(session, row.invite_id)
                if invite is not None and repo.is_live(invite, now):
                    offer = await self._invitation(session, user_id, invite, ready=True)
                    if offer.outcome == "offer":
                        offers.append(offer)
        (await self._waiting_users()).discard(user_id)
        return offers

    async def answer(self, update_id: int, user_id: int, invite_id: int, join: bool) -> JoinAnswer:
        """Join the team (or not) from the question put to this user; any other tap (forged,
        someone else's invite, answered before) changes nothing."""
        now = self._core.clock()
        async with self._core.once(update_id, user_id, "invite-answer") as session:
            row = await team_links.get_open(session, user_id=user_id, invite_id=invite_id)
            invite = await repo.get_invite(session, invite_id)
            asked = row is not None and row.offered_at is not None and row.answered_at is None
            if row is None or not asked or invite is None:
                return JoinAnswer("no-offer")
            row.answered_at = now
            session.add(row)
            invitation = await self._invitation(session, user_id, invite, ready=True)
            team = await repo.get_team(session, invite.team_id)
            assert team is not None  # noqa: S101  (an invite's team)
            if not join:
                outcome = "declined"
            elif not repo.is_live(invite, now):
                outcome = "expired"  # revoked or expired since the question was put
            else:
                outcome = "joined" if invitation.outcome == "offer" else invitation.outcome
            if outcome == "joined":
                await repo.add_member(session, team_id=team.id, user_id=user_id, now=now)
            athlete = await users.get_user(session, user_id)
            sizes = await repo.roster_sizes(session, [team.id])
            return JoinAnswer(
                outcome, team.name, team.coach_id,
                athlete.first_name if athlete is not None else "", sizes.get(team.id, 0),
            )  # fmt: skip

    async def teams_on(self, user_id: int, name: str | None = None) -> list[tuple[int, str, str]]:
        """The teams the athlete is on (those of this name only, when given): id, name, coach."""
        async with self._core.db.read() as session:
            teams = await repo.teams_of_athlete(session, user_id=user_id)
            wanted = [t for t in teams if name is None or t.name_key == repo.name_key(name)]
            coaches = {t.coach_id: await users.get_user(session, t.coach_id) for t in wanted}
        return [(t.id, t.name, getattr(coaches[t.coach_id], "first_name", "")) for t in wanted]

    async def leave(self, update_id: int, user_id: int, team_id: int) -> Leaving:
        """Leave a team; the coach no longer sees the athlete's data."""
        actor = await self._access.actor(user_id)
        async with self._core.once(update_id, user_id, "team-leave") as session:
            team = await repo.get_team(session, team_id)
            member = await repo.membership(session, team_id=team_id, user_id=user_id)
            on_team = member is not None and member.left_at is None
            if team is None or member is None or not may_leave(actor, user_id, on_team):
                return Leaving("not-member")
            await repo.end_membership(session, member, now=self._core.clock(), removed=False)
            athlete = await users.get_user(session, user_id)
            name = athlete.first_name if athlete is not None else ""
            return Leaving("left", team.name, team.coach_id, name)

    async def _invitation(
        self, session: AsyncSession, user_id: int, invite: TeamInvite, ready: bool
    ) -> Invitation:
        team = await repo.get_team(session, invite.team_id)
        assert team is not None  # noqa: S101  (an invite's team)
        assert invite.id is not None  # noqa: S101  (a stored invite)
        coach = await users.get_user(session, team.coach_id)
        found = Invitation("", invite.id, team.name, coach.first_name if coach else "")
        member = await repo.membership(session, team_id=team.id, user_id=user_id)
        if team.coach_id == user_id:
            outcome = "own-team"
        elif member is not None and member.left_at is None:
            outcome = "member"
        elif member is not None and member.removed and member.left_at is not None and (
            repo.utc(member.left_at) >= repo.utc(invite.created_at)
        ):
            outcome = "removed"  # a link from before the coach took them off
        else:
            outcome = "offer" if ready else "later"
        return Invitation(outcome, found.invite_id, found.team, found.coach_name)

    async def _waiting_users(self) -> set[int]:
        if self._waiting is None:
            async with self._core.db.read() as session:
                self._waiting = await team_links.users_with_opens_to_offer(session)
        return self._waiting
