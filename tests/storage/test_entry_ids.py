"""Log-entry ids are handed out before the insert and never given twice, restarts included."""

from __future__ import annotations

import datetime as dtm

import pytest
from sqlalchemy import delete, text

from storage import setwrite
from storage.db import Database
from storage.ids import EntryIds
from storage.tables import LogEntry, NewSet, User
from tests.pg_support import both_backends

pytestmark = both_backends

NOW = dtm.datetime(2026, 11, 21, 9, 0, tzinfo=dtm.UTC)
GAP = dtm.timedelta(hours=3)


def _entry() -> LogEntry:
    return LogEntry(user_id=1, workout_id=0, raw_text="bench 80x5", created_at=NOW)


def _write(conn, entry: LogEntry) -> int:
    row = NewSet(exercise="bench press", performed_at=NOW, weight_kg=80.0, reps=5)
    setwrite.write_sets(conn, entry, [row], {"bench press": {80.0}}, GAP)
    return entry.id or 0


async def _user(db: Database) -> None:
    async with db.write(now=NOW) as session:
        session.add(User(id=1, created_at=NOW))


async def test_ids_given_ahead_and_by_the_insert_never_collide(db_url: str) -> None:
    """An id taken for an acknowledgement is skipped by inserts that take their own."""
    db = Database(db_url)
    try:
        await _user(db)
        first = await db.run(_write, _entry(), now=NOW)  # loads the counter
        ahead = db.entry_ids.take()
        second = await db.run(_write, _entry(), now=NOW)
        given = _entry()
        given.id = ahead
        third = await db.run(_write, given, now=NOW)
    finally:
        await db.dispose()
    assert (first, ahead, second, third) == (first, first + 1, first + 2, first + 1)


async def test_an_undone_entrys_id_is_not_reused_after_a_restart(db_url: str) -> None:
    """After Undo removes the newest entry, a fresh process still gives a higher id."""
    db = Database(db_url)
    try:
        await _user(db)
        undone = await db.run(_write, _entry(), now=NOW)

        def undo(conn) -> None:
            conn.execute(delete(LogEntry.__table__).where(LogEntry.__table__.c.id == undone))

        await db.run(undo, now=NOW)
        restarted = EntryIds()  # what a new process starts from
        fresh = await db.run(restarted.take_in, now=NOW)
        mark = await db.run(lambda conn: conn.execute(text("SELECT value FROM id_marks")).all(),
                            now=NOW)  # fmt: skip
    finally:
        await db.dispose()
    assert fresh == undone + 1
    assert mark == [(undone,)]


def test_ids_wait_for_the_database_before_the_first() -> None:
    """Without the highest id read once, no id is handed out from memory."""
    ids = EntryIds()
    assert not ids.ready
    with pytest.raises(RuntimeError):
        ids.take()
