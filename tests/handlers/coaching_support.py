"""The coach-mode cast of the coaching and broadcast tests: coach Cora, team Squad with Abe
(kg) and Bea (lb); joining goes straight to storage (the invite flow has its own tests)."""

from __future__ import annotations

from bot.services import Services
from storage import teams as team_repo
from tests.conftest import FrozenClock
from tests.faketg import FakeTelegram
from tests.handlers.team_support import ATHLETE, COACH, OTHER_ATHLETE, make_coach, onboard_as


async def squad_of_two(services: Services, tg: FakeTelegram, clock: FrozenClock) -> int:
    """Make the cast; the team's id."""
    await make_coach(tg, COACH)
    await onboard_as(tg, ATHLETE, "Abe")
    await onboard_as(tg, OTHER_ATHLETE, "Bea", units="lb")
    info = await services.teams.create(1_000_001, COACH, "Squad")
    await put_on_team(services, clock, info.id, ATHLETE, OTHER_ATHLETE)
    return info.id


async def put_on_team(services: Services, clock: FrozenClock, team_id: int, *ids: int) -> None:
    """Athletes join a team."""
    async with services.core.db.write(now=clock()) as session:
        for athlete in ids:
            await team_repo.add_member(session, team_id=team_id, user_id=athlete, now=clock())
