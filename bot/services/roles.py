"""Roles: an athlete asks to be a coach (/coach), an admin approves or refuses."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.access import ATHLETE, COACH, COACH_ASKED, Access, Role
from bot.services.core import Core
from bot.services.profile import UserView
from storage import users as repo


@dataclass(frozen=True, slots=True)
class CoachRequest:
    """What /coach did: ``asked`` (the admins are to be asked), ``coach`` or ``admin``
    (nothing to ask), ``no-admins`` (nobody could decide)."""

    outcome: str
    admins: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class RoleDecision:
    """What an admin's tap did: ``approved``, ``refused``, ``already-coach`` or
    ``no-request`` (decided before, withdrawn, or never asked)."""

    outcome: str
    candidate_id: int
    name: str


class RoleService:
    """Coach requests and the admins' decisions on them."""

    def __init__(self, core: Core, access: Access) -> None:
        self._core = core
        self._access = access

    async def request_coach(self, update_id: int, user_id: int) -> CoachRequest:
        """Record the request (asking again is allowed: the admins are asked again)."""
        actor = await self._access.require_started(user_id)
        if actor.role is Role.ADMIN:
            return CoachRequest("admin")
        if actor.role is Role.COACH:
            return CoachRequest("coach")
        admins = self._access.admin_ids()
        if not admins:
            return CoachRequest("no-admins")
        await self._set_role(update_id, user_id, "coach-request", COACH_ASKED)
        return CoachRequest("asked", admins)

    async def decide(
        self, update_id: int, admin_id: int, candidate_id: int, approve: bool
    ) -> RoleDecision:
        """Make the candidate a coach, or leave them an athlete; an admin's call only, and
        only on an open request (an old or forged button changes nothing)."""
        await self._access.require_admin(admin_id)
        profile = await self._core.profile(candidate_id)
        if profile is None:
            return RoleDecision("no-request", candidate_id, "")
        if profile.role == COACH:
            return RoleDecision("already-coach", candidate_id, profile.first_name)
        if profile.role != COACH_ASKED:
            return RoleDecision("no-request", candidate_id, profile.first_name)
        role, outcome = (COACH, "approved") if approve else (ATHLETE, "refused")
        await self._set_role(update_id, candidate_id, "coach-decision", role)
        return RoleDecision(outcome, candidate_id, profile.first_name)

    async def _set_role(self, update_id: int, user_id: int, kind: str, role: str) -> UserView:
        async with self._core.once(update_id, user_id, kind) as session:
            user = await repo.update_user(session, user_id, role=role)
            if user is None:  # removed meanwhile
                raise LookupError(user_id)
            view = UserView.of(user)
        return self._core.remember(view)
