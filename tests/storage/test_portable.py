"""SQL that means the same on SQLite and PostgreSQL: times in UTC, greatest(), driver URLs."""

from __future__ import annotations

import datetime as dtm
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import DateTime, column, make_url, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel import SQLModel

from storage import logbook
from storage.db import Database
from storage.migrate import sync_url
from storage.portable import UtcDateTime, greatest, upsert_insert
from storage.tables import IdMark, LogEntry, NewSet, User, Workout
from tests.pg_support import both_backends

BERLIN = ZoneInfo("Europe/Berlin")
# 09:30 in Berlin in November is 08:30 UTC.
BERLIN_MORNING = dtm.datetime(2026, 11, 16, 9, 30, tzinfo=BERLIN)
UTC_MORNING = dtm.datetime(2026, 11, 16, 8, 30, tzinfo=dtm.UTC)


def _is_time(kind: TypeEngine) -> bool:
    return isinstance(kind, DateTime | TypeDecorator) and (
        isinstance(kind, DateTime) or isinstance(kind.impl_instance, DateTime)
    )


def test_every_time_column_is_stored_as_utc() -> None:
    """A table column holding a time uses UtcDateTime (a bare ``dtm.datetime`` field gets
    SQLModel's type, which binds aware values that asyncpg refuses for the naive column)."""
    plain = [
        f"{table.name}.{col.name}"
        for table in SQLModel.metadata.tables.values()
        for col in table.columns
        if _is_time(col.type) and not isinstance(col.type, UtcDateTime)
    ]
    assert plain == []


@pytest.mark.parametrize(
    ("dialect", "sql"),
    [(sqlite.dialect(), "max(a, b)"), (postgresql.dialect(), "greatest(a, b)")],
)
def test_greatest_is_spelled_for_each_backend(dialect, sql: str) -> None:
    """SQLite's two-argument max is PostgreSQL's GREATEST (whose max is an aggregate only)."""
    statement = select(greatest(column("a"), column("b")))
    assert str(statement.compile(dialect=dialect)).startswith(f"SELECT {sql}")


@pytest.mark.parametrize(
    ("url", "sync"),
    [
        ("sqlite+aiosqlite:////var/lib/spotter/spotter.db", "sqlite:////var/lib/spotter/spotter.db"),
        ("postgresql+asyncpg://bot:pw@db:5432/spotter", "postgresql+psycopg://bot:pw@db:5432/spotter"),
        ("postgresql+asyncpg://bot@/spotter?host=/run/pg", "postgresql+psycopg://bot@/spotter?host=/run/pg"),
    ],
)  # fmt: skip
def test_sync_url_names_the_same_database_with_a_sync_driver(url: str, sync: str) -> None:
    """Alembic and the database thread reach the bot's database with a synchronous driver."""
    assert make_url(sync_url(url)) == make_url(sync)


@both_backends
async def test_a_time_with_an_offset_is_stored_as_its_utc_instant(db_url: str) -> None:
    """09:30 Berlin is stored as 08:30 UTC, read back in UTC, and found by UTC bounds."""
    db = Database(db_url)
    try:
        async with db.write(now=BERLIN_MORNING) as session:
            session.add(User(id=1, created_at=BERLIN_MORNING))
            workout = Workout(user_id=1, started_at=BERLIN_MORNING, last_set_at=BERLIN_MORNING)
            session.add(workout)
            await session.flush()
            entry = LogEntry(
                user_id=1, workout_id=workout.id, raw_text="x", created_at=UTC_MORNING
            )
            await logbook.add_entry(
                session, entry, [NewSet(exercise="squat", performed_at=BERLIN_MORNING, reps=5)]
            )
        async with db.read() as session:
            user = await session.get(User, 1)
            since = dtm.datetime(2026, 11, 16, 8, 30, tzinfo=dtm.UTC)
            found = await logbook.user_sets(session, 1, since=since)
            later = await logbook.user_sets(session, 1, since=since + dtm.timedelta(seconds=1))
    finally:
        await db.dispose()
    assert user is not None
    assert (user.created_at, user.created_at.tzinfo) == (UTC_MORNING, dtm.UTC)
    assert [(s.performed_at, s.performed_at.tzinfo) for s in found] == [(UTC_MORNING, dtm.UTC)]
    assert later == []


@both_backends
async def test_times_are_stored_as_naive_utc_text(db_url: str) -> None:
    """The stored value itself is the UTC wall time, with no offset, on both backends."""
    db = Database(db_url)
    try:
        async with db.write(now=BERLIN_MORNING) as session:
            session.add(User(id=1, created_at=BERLIN_MORNING))
        async with db.read() as session:
            stored = (await session.exec(text("SELECT created_at FROM users"))).one()[0]
    finally:
        await db.dispose()
    assert str(stored) in ("2026-11-16 08:30:00.000000", "2026-11-16 08:30:00")


@both_backends
async def test_an_insert_that_conflicts_does_nothing_on_either_backend(db_url: str) -> None:
    """The dialect's own INSERT ... ON CONFLICT DO NOTHING: the second claim finds the row.
    RETURNING tells whether a row went in (psycopg gives no rowcount for an INSERT)."""
    db = Database(db_url)
    marks = IdMark.__table__

    def claim(conn) -> bool:
        insert = upsert_insert(conn.dialect.name)
        statement = insert(marks).values(name="x", value=1).on_conflict_do_nothing()
        return conn.execute(statement.returning(marks.c.name)).first() is not None

    try:
        first = await db.run(claim, now=BERLIN_MORNING)
        second = await db.run(claim, now=BERLIN_MORNING)
    finally:
        await db.dispose()
    assert (first, second) == (True, False)
