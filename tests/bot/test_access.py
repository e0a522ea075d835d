"""The authorization rules, case by case: who may see or change what."""

from __future__ import annotations

import dataclasses

import pytest

from bot.services import Services
from bot.services.access import (
    COACH,
    COACH_ASKED,
    Actor,
    NotAllowedError,
    Role,
    may_create_team,
    may_decide_roles,
    may_leave,
    may_manage_team,
    may_remove_athlete,
    may_view_athlete,
    role_of,
)
from bot.settings import Settings

ATHLETE, OTHER, COACH_ID, OTHER_COACH, ADMIN = 1, 2, 10, 11, 99
athlete = Actor(ATHLETE, Role.ATHLETE)
other = Actor(OTHER, Role.ATHLETE)
coach = Actor(COACH_ID, Role.COACH)
other_coach = Actor(OTHER_COACH, Role.COACH)
admin = Actor(ADMIN, Role.ADMIN)
ROSTER = frozenset({ATHLETE})  # the athletes on coach's teams now


@pytest.mark.parametrize(
    ("user_id", "stored", "expected"),
    [
        (ATHLETE, "athlete", Role.ATHLETE),
        (ATHLETE, None, Role.ATHLETE),  # before /start
        (ATHLETE, COACH_ASKED, Role.ATHLETE),  # asking is not being one
        (COACH_ID, COACH, Role.COACH),
        (ADMIN, "athlete", Role.ADMIN),  # SPOTTER_ADMIN_IDS wins over the stored role
        (ADMIN, None, Role.ADMIN),
    ],
)
def test_role_of(user_id: int, stored: str | None, expected: Role) -> None:
    """Admins come from the configuration, coaches from a granted role."""
    assert role_of(user_id, stored, admin_ids=(ADMIN,)) is expected


@pytest.mark.parametrize(
    ("actor", "athlete_id", "coached", "allowed"),
    [
        (athlete, ATHLETE, frozenset(), True),  # one's own data
        (other, ATHLETE, frozenset(), False),  # another athlete's
        (coach, ATHLETE, ROSTER, True),  # an athlete on the coach's team
        (coach, OTHER, ROSTER, False),  # not on the coach's team
        (coach, ATHLETE, frozenset(), False),  # former athlete: no longer on it
        (other_coach, ATHLETE, frozenset(), False),  # coach of another team
        (admin, ATHLETE, frozenset(), False),  # admins manage roles, not everyone's data
        (admin, ATHLETE, ROSTER, True),  # an admin coaching the athlete
        (Actor(ATHLETE, Role.ATHLETE), OTHER, frozenset({OTHER}), False),  # not a coach
    ],
)
def test_may_view_athlete(
    actor: Actor, athlete_id: int, coached: frozenset[int], allowed: bool
) -> None:
    """Own data, or a coach's own athletes while they are on the team; nobody else."""
    assert may_view_athlete(actor, athlete_id, coached) is allowed


@pytest.mark.parametrize(
    ("actor", "create", "manage", "decide"),
    [
        (athlete, False, False, False),
        (coach, True, True, False),
        (other_coach, True, False, False),
        (admin, True, False, True),
    ],
)
def test_team_and_role_rules(actor: Actor, create: bool, manage: bool, decide: bool) -> None:
    """Coaches create teams, each manages only their own; only admins decide roles."""
    assert may_create_team(actor) is create
    assert may_manage_team(actor, team_coach_id=COACH_ID) is manage
    assert may_decide_roles(actor) is decide


@pytest.mark.parametrize(
    ("actor", "on_team", "remove", "leave"),
    [
        (athlete, True, False, True),  # leaves, cannot remove
        (athlete, False, False, False),  # former athlete: nothing to leave
        (other, True, False, False),  # nobody leaves for someone else
        (coach, True, True, False),
        (coach, False, False, False),  # already gone
        (other_coach, True, False, False),
        (admin, True, False, False),
    ],
)
def test_remove_and_leave(actor: Actor, on_team: bool, remove: bool, leave: bool) -> None:
    """The team's coach removes an athlete on it; an athlete leaves only for themselves."""
    assert may_remove_athlete(actor, COACH_ID, on_team) is remove
    assert may_leave(actor, ATHLETE, on_team) is leave


@pytest.fixture
def admin_services(services: Services) -> Services:
    """The services with ADMIN configured as admin."""
    settings: Settings = services.core.settings.model_copy(update={"admin_ids": (ADMIN,)})
    core = dataclasses.replace(services.core, settings=settings)
    return dataclasses.replace(services, core=core)


async def test_access_reads_roles_and_refuses_with_a_reason(admin_services: Services) -> None:
    """The service turns stored roles and the admin list into actors, and refuses with a
    message the user can read."""
    from bot.services.access import Access

    access = Access(admin_services.core)
    await admin_services.users.start(1, ATHLETE, "Ann", None)
    assert (await access.actor(ATHLETE)).role is Role.ATHLETE
    assert (await access.actor(ADMIN)).role is Role.ADMIN
    with pytest.raises(NotAllowedError, match=r"That's for coaches\. Send /coach"):
        await access.require_coach(ATHLETE)
    with pytest.raises(NotAllowedError, match="Only an admin"):
        await access.require_admin(ATHLETE)
    with pytest.raises(NotAllowedError, match="Send /start first"):
        await access.require_started(OTHER)
    assert (await access.require_admin(ADMIN)).is_coach
