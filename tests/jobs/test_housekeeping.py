"""Housekeeping: the nightly backup when the bot makes it, stale questions and invites out."""

from __future__ import annotations

import datetime as dtm
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.settings import Settings
from engine.schedule_due import backup_due
from storage import pending, teams
from storage.tables import Delivery, PendingInput, TeamInvite
from tests.bot.program_support import join
from tests.conftest import FrozenClock
from tests.jobs.jobs_support import bot_app

UTC = dtm.UTC
BERLIN = ZoneInfo("Europe/Berlin")
ANN = 961


def berlin(day: int, hour: int, minute: int = 0) -> dtm.datetime:
    return dtm.datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("now", "newest", "due"),
    [
        (berlin(16, 3, 29), None, True),  # never made: due at once
        (berlin(16, 3, 29), berlin(15, 3, 30), False),  # last night's is there
        (berlin(16, 3, 30), berlin(15, 3, 30), True),  # tonight's time came
        (berlin(16, 9, 0), berlin(16, 3, 31), False),  # made tonight
        (berlin(16, 9, 0), berlin(15, 23, 0), True),  # down at 03:30: made when back
    ],
)
def test_backup_due(now: dtm.datetime, newest: dtm.datetime | None, due: bool) -> None:
    assert backup_due(now, BERLIN, newest) is due


async def test_the_bot_backs_up_once_a_night_only_when_chosen(
    bot_settings: Settings, clock: FrozenClock
) -> None:
    """Off by default (the systemd timer does it); on, the first run makes one and the runs
    after it none until the next night's 03:30, across a restart."""
    clock.now = berlin(16, 4, 0).astimezone(UTC)
    async with bot_app(bot_settings, clock) as (_, services):
        assert (await services.housekeeping.run()).backup is None
    chosen = bot_settings.model_copy(update={"backup_in_bot": True, "timezone": "Europe/Berlin"})
    async with bot_app(chosen, clock) as (_, services):
        first = await services.housekeeping.run()
        assert first.backup is not None
        assert first.backup.exists()
        clock.advance(hours=12)
        assert (await services.housekeeping.run()).backup is None
    clock.now = berlin(17, 3, 30).astimezone(UTC)
    async with bot_app(chosen, clock) as (_, services):
        assert (await services.housekeeping.run()).backup is not None
        assert len(list(services.housekeeping.backups.glob("spotter-*.db"))) == 2


async def test_stale_questions_expired_invites_and_old_claims_are_cleared(
    bot_settings: Settings, clock: FrozenClock
) -> None:
    """A question of eight days ago goes, yesterday's stays; an expired and a revoked invite
    go, a valid one stays; claims of six weeks ago go. Then nothing again within the hour."""
    now = dtm.datetime(2026, 11, 16, 12, 0, tzinfo=UTC)
    clock.now = now
    async with bot_app(bot_settings, clock) as (_, services):
        await join(services, ANN)
        async with services.core.db.write(now=now) as session:
            for age, kind in ((8, "old"), (1, "new")):
                await pending.add_pending(
                    session, user_id=ANN, kind=kind, raw_text="x", payload={},
                    now=now - dtm.timedelta(days=age),
                )  # fmt: skip
            team = await teams.add_team(session, coach_id=ANN, name="Squad", now=now)
            assert team.id is not None
            for token, made, ttl in (
                ("expired", now - dtm.timedelta(days=20), dtm.timedelta(days=14)),
                ("revoked", now - dtm.timedelta(days=2), dtm.timedelta(days=14)),
                ("valid", now - dtm.timedelta(days=1), dtm.timedelta(days=14)),
            ):
                session.add(
                    TeamInvite(
                        team_id=team.id, token=token, created_at=made, expires_at=made + ttl,
                        revoked_at=now if token == "revoked" else None,
                    )
                )  # fmt: skip
            for days in (42, 2):
                session.add(
                    Delivery(
                        user_id=ANN, kind="morning", created_at=now,
                        local_date=(now - dtm.timedelta(days=days)).date(),
                    )
                )  # fmt: skip
        swept = await services.housekeeping.run()
        assert (swept.pending, swept.invites, swept.deliveries) == (1, 2, 1)
        async with services.core.db.read() as session:
            kinds = (await session.exec(select(PendingInput.kind))).all()
            tokens = (await session.exec(select(TeamInvite.token))).all()
            days = (await session.exec(select(Delivery.local_date))).all()
        assert (list(kinds), list(tokens)) == (["new"], ["valid"])
        assert list(days) == [dtm.date(2026, 11, 14)]
        async with services.core.db.write(now=now) as session:
            await pending.add_pending(
                session, user_id=ANN, kind="later", raw_text="x", payload={},
                now=now - dtm.timedelta(days=9),
            )  # fmt: skip
        clock.advance(minutes=30)
        assert (await services.housekeeping.run()).pending == 0  # once an hour
        clock.advance(minutes=30)
        assert (await services.housekeeping.run()).pending == 1
