"""Who may see or change what: the one place that decides.

An athlete sees their own data. A coach sees the data of the athletes on their own teams,
while they are on them. Admins (SPOTTER_ADMIN_IDS) are coaches and decide who else is one.
Every rule is a pure function of the facts it is given (``may_*``); ``Access`` gathers the
facts (roles, team rosters) and raises ``NotAllowedError`` with a reply the user may read.
"""

from __future__ import annotations

import enum
from collections.abc import Collection
from dataclasses import dataclass

from bot.services.core import Core
from engine.errors import EngineError
from storage import teams as team_repo

# What users.role holds: everyone starts an athlete; "coach-asked" is an open /coach request.
ATHLETE, COACH, COACH_ASKED = "athlete", "coach", "coach-asked"

COACHES_ONLY = "That's for coaches. Send /coach to ask for coach rights."
ADMINS_ONLY = "Only an admin of this Spotter can decide that."
NOT_STARTED = "Send /start first, so I know who you are."
NOT_YOUR_TEAM = "That's not one of your teams. /team lists yours."
NOT_YOURS_TO_SEE = "You can see your own training data, and a coach that of their own athletes."


class NotAllowedError(EngineError):
    """The user may not do this; the message says why and is safe to show them."""


class Role(enum.IntEnum):
    """What a user may do, each level including the one below."""

    ATHLETE = 0
    COACH = 1
    ADMIN = 2


@dataclass(frozen=True, slots=True)
class Actor:
    """The user asking, with the role they have right now."""

    user_id: int
    role: Role

    @property
    def is_coach(self) -> bool:
        return self.role >= Role.COACH

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


def role_of(user_id: int, stored_role: str | None, admin_ids: Collection[int]) -> Role:
    """The role of a user: admin by configuration, coach when granted, else athlete."""
    if user_id in admin_ids:
        return Role.ADMIN
    return Role.COACH if stored_role == COACH else Role.ATHLETE


def may_view_athlete(actor: Actor, athlete_id: int, coached: Collection[int]) -> bool:
    """Whether the actor may see this athlete's data (``coached``: the athletes on the
    actor's own teams now)."""
    return actor.user_id == athlete_id or (actor.is_coach and athlete_id in coached)


def may_create_team(actor: Actor) -> bool:
    """Whether the actor may create a team."""
    return actor.is_coach


def may_manage_team(actor: Actor, team_coach_id: int) -> bool:
    """Whether the actor may change a team (invites, roster, group): its own coach only;
    an admin manages roles, not other coaches' teams."""
    return actor.is_coach and actor.user_id == team_coach_id


def may_remove_athlete(actor: Actor, team_coach_id: int, athlete_on_team: bool) -> bool:
    """Whether the actor may take an athlete off a team."""
    return athlete_on_team and may_manage_team(actor, team_coach_id)


def may_leave(actor: Actor, athlete_id: int, athlete_on_team: bool) -> bool:
    """Whether the actor may take this athlete off a team by leaving: themselves only."""
    return athlete_on_team and actor.user_id == athlete_id


def may_decide_roles(actor: Actor) -> bool:
    """Whether the actor may make someone a coach or refuse it."""
    return actor.is_admin


class Access:
    """Gathers the facts the rules need and enforces them."""

    def __init__(self, core: Core) -> None:
        self._core = core

    async def actor(self, user_id: int) -> Actor:
        """The user with their current role (an athlete before their first /start)."""
        profile = await self._core.profile(user_id)
        stored = profile.role if profile is not None else None
        return Actor(user_id, role_of(user_id, stored, self._core.settings.admin_ids))

    def admin_ids(self) -> tuple[int, ...]:
        """The configured admins."""
        return tuple(self._core.settings.admin_ids)

    async def require_started(self, user_id: int) -> Actor:
        """The actor, who must have sent /start (so a row exists for them)."""
        if await self._core.profile(user_id) is None:
            raise NotAllowedError(NOT_STARTED)
        return await self.actor(user_id)

    async def require_coach(self, user_id: int) -> Actor:
        """The actor, who must be a coach (or an admin)."""
        actor = await self.actor(user_id)
        if not may_create_team(actor):
            raise NotAllowedError(COACHES_ONLY)
        return actor

    async def require_admin(self, user_id: int) -> Actor:
        """The actor, who must be an admin."""
        actor = await self.actor(user_id)
        if not may_decide_roles(actor):
            raise NotAllowedError(ADMINS_ONLY)
        return actor

    async def require_team_coach(self, user_id: int, team_coach_id: int | None) -> Actor:
        """The actor, who must be the coach of this team (None: no such team)."""
        actor = await self.actor(user_id)
        if team_coach_id is None or not may_manage_team(actor, team_coach_id):
            raise NotAllowedError(NOT_YOUR_TEAM)
        return actor

    async def coached_athletes(self, coach_id: int) -> frozenset[int]:
        """The athletes on the coach's teams now."""
        async with self._core.db.read() as session:
            return frozenset(await team_repo.coached_athletes(session, coach_id=coach_id))

    async def can_view(self, viewer_id: int, athlete_id: int) -> bool:
        """Whether the viewer may see this athlete's training data."""
        actor = await self.actor(viewer_id)
        if viewer_id == athlete_id or not actor.is_coach:
            return may_view_athlete(actor, athlete_id, ())
        return may_view_athlete(actor, athlete_id, await self.coached_athletes(viewer_id))

    async def require_view(self, viewer_id: int, athlete_id: int) -> Actor:
        """The actor, who must be allowed to see this athlete's training data."""
        if not await self.can_view(viewer_id, athlete_id):
            raise NotAllowedError(NOT_YOURS_TO_SEE)
        return await self.actor(viewer_id)
