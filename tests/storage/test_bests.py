"""SQL bests agree with the engine's in-memory definition."""

from __future__ import annotations

import datetime as dtm

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.recordbook import RecordBook
from engine.records import Lift, bests_of
from storage import logbook, setwrite
from storage.db import Database
from storage.tables import LogEntry, SetLog, User, Workout
from tests.pg_support import both_backends

pytestmark = both_backends

NOW = dtm.datetime(2026, 11, 16, 8, 0, tzinfo=dtm.UTC)
lifts = st.lists(
    st.builds(
        Lift,
        weight_kg=st.one_of(st.none(), st.sampled_from([20.0, 60.0, 80.0, 82.5, 100.0])),
        reps=st.one_of(st.none(), st.integers(1, 12)),
        e1rm_kg=st.one_of(st.none(), st.floats(20, 200)),
        added_kg=st.one_of(st.none(), st.sampled_from([-20.0, 5.0, 10.0])),
        bodyweight=st.booleans(),
        duration_s=st.one_of(st.none(), st.sampled_from([30.0, 60.0])),
    ),
    max_size=8,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=lifts, loads=st.sets(st.sampled_from([0.0, 10.0, 60.0, 80.0, 90.0]), max_size=3))
async def test_sql_bests_match_engine(db_url: str, history: list[Lift], loads: set[float]) -> None:
    """exercise_bests over stored sets equals bests_of over the same lifts."""
    db = Database(db_url)
    try:
        await _store(db, history)
        async with db.read() as session:
            got, _ = await logbook.exercise_bests(session, 1, "bench press", loads)
    finally:
        await db.dispose()
    expected = bests_of(history, loads)
    assert got.count == expected.count
    assert (got.weight_kg, got.added_kg, got.duration_s) == (
        expected.weight_kg,
        expected.added_kg,
        expected.duration_s,
    )
    assert got.e1rm_kg == expected.e1rm_kg
    assert got.reps_at == expected.reps_at


async def _store(db: Database, history: list[Lift]) -> None:
    async with db.write(now=NOW) as session:
        await session.exec(SetLog.__table__.delete())
        if await session.get(User, 1) is None:
            for row in (
                User(id=1, created_at=NOW),
                Workout(id=1, user_id=1, started_at=NOW, last_set_at=NOW),
                LogEntry(id=1, user_id=1, workout_id=1, raw_text="", created_at=NOW),
            ):
                session.add(row)
                await session.flush()  # parents first: the tables declare no ORM relationships
        for lift in history:
            session.add(
                SetLog(
                    entry_id=1,
                    user_id=1,
                    workout_id=1,
                    exercise="bench press",
                    weight_kg=lift.weight_kg,
                    reps=lift.reps,
                    e1rm_kg=lift.e1rm_kg,
                    added_weight_kg=lift.added_kg,
                    bodyweight=lift.bodyweight,
                    duration_s=lift.duration_s,
                    performed_at=NOW,
                )
            )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=lifts)
async def test_record_book_read_from_sql_is_the_engines(db_url: str, history: list[Lift]) -> None:
    """book_on over stored sets is the record book the engine builds from the same lifts."""
    db = Database(db_url)
    try:
        await _store(db, history)
        book, in_workout = await db.run(setwrite.book_on, 1, "bench press", 1, now=NOW)
    finally:
        await db.dispose()
    assert book == RecordBook.of(history)
    assert in_workout == len(history)
