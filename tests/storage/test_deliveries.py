"""Delivery claims and reminder settings, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dtm

from sqlalchemy import update

from storage import deliveries
from storage.db import Database
from storage.tables import User
from tests.pg_support import both_backends

pytestmark = both_backends

NOW = dtm.datetime(2026, 11, 16, 6, 0, tzinfo=dtm.UTC)
MONDAY = dtm.date(2026, 11, 16)


async def _users(db: Database, *ids: int) -> None:
    async with db.write(now=NOW) as session:
        for n, user_id in enumerate(ids):
            created = NOW + dtm.timedelta(seconds=n)
            user = User(id=user_id, first_name=f"u{user_id}", timezone="Europe/Berlin",
                        created_at=created)  # fmt: skip
            session.add(user)
        # Onboarded: nothing awaited (set after the insert, which keeps the column's default).
        await session.exec(update(User).values(awaiting=None))


async def test_a_delivery_is_claimed_once_and_can_be_released(db_url: str) -> None:
    db = Database(db_url)
    try:
        await _users(db, 1)
        claims = []
        for _ in range(2):
            async with db.write(now=NOW) as session:
                got = await deliveries.claim(
                    session, user_id=1, kind="morning", key=MONDAY, now=NOW
                )
                claims.append(got)
        assert claims == [True, False]
        async with db.read() as session:
            done = await deliveries.delivered(session, ["morning", "weekly"], [(1, MONDAY)])
        assert done == {(1, "morning", MONDAY)}
        async with db.write(now=NOW) as session:
            await deliveries.release(session, user_id=1, kind="morning", key=MONDAY)
            again = await deliveries.claim(session, user_id=1, kind="morning", key=MONDAY, now=NOW)
        assert again is True
    finally:
        await db.dispose()


async def test_recipients_follow_their_settings_and_refusals(db_url: str) -> None:
    db = Database(db_url)
    try:
        await _users(db, 1, 2, 3)
        async with db.write(now=NOW) as session:
            await deliveries.save_reminder_setting(session, 2, days=0b11, weekly=False)
            await deliveries.set_active(session, 3, active=False)
        async with db.read() as session:
            found = await deliveries.recipients(session)
            inactive = await deliveries.inactive_users(session)
        assert [r.user_id for r in found] == [1, 2]
        assert (found[0].days, found[0].weekly) == (127, True)
        assert (found[1].days, found[1].weekly) == (0b11, False)
        assert inactive == {3}
    finally:
        await db.dispose()
