"""Workouts, log entries and sets: the athlete's logbook."""

from __future__ import annotations

import datetime as dtm
from collections.abc import Iterable, Sequence

from sqlalchemy import case, func, insert, update
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from engine.records import Bests
from storage.tables import LogEntry, SetLog, Workout


async def current_workout(session: AsyncSession, user_id: int) -> Workout | None:
    """The user's newest workout that is not closed, if any."""
    statement = (
        select(Workout)
        .where(Workout.user_id == user_id, col(Workout.closed_at).is_(None))
        .order_by(col(Workout.started_at).desc())
        .limit(1)
    )
    return (await session.exec(statement)).first()


async def workout_for_set(
    session: AsyncSession, user_id: int, now: dtm.datetime, gap: dtm.timedelta
) -> tuple[int, bool]:
    """The id of the open workout if its last set is recent enough, else of a new one; and
    whether it is new. The common case is one UPDATE … RETURNING statement."""
    table = Workout.__table__.c
    connection = await session.connection()
    touched = await connection.execute(
        update(Workout.__table__)
        .where(table.user_id == user_id, table.closed_at.is_(None), table.last_set_at >= now - gap)
        .values(last_set_at=func.max(table.last_set_at, now))
        .returning(table.id)
    )
    workout_id = touched.scalar()
    if workout_id is not None:
        return workout_id, False
    await connection.execute(
        update(Workout.__table__)
        .where(table.user_id == user_id, table.closed_at.is_(None))
        .values(closed_at=table.last_set_at)
    )
    created = await connection.execute(
        insert(Workout.__table__)
        .values(user_id=user_id, started_at=now, last_set_at=now)
        .returning(table.id)
    )
    return created.scalar_one(), True


async def start_workout(session: AsyncSession, user_id: int, now: dtm.datetime) -> Workout:
    """Close any open workout and start a fresh one now."""
    open_workout = await current_workout(session, user_id)
    if open_workout is not None:
        open_workout.closed_at = open_workout.last_set_at
        session.add(open_workout)
    workout = Workout(user_id=user_id, started_at=now, last_set_at=now)
    session.add(workout)
    await session.flush()
    return workout


async def close_workout(session: AsyncSession, user_id: int, now: dtm.datetime) -> Workout | None:
    """Close the open workout (if any) and return it."""
    workout = await current_workout(session, user_id)
    if workout is None:
        return None
    workout.closed_at = now
    session.add(workout)
    await session.flush()
    return workout


async def add_entry(
    session: AsyncSession, entry: LogEntry, sets: Sequence[SetLog]
) -> tuple[LogEntry, list[SetLog]]:
    """Store an entry and its sets with two statements (the sets' own ids stay unset)."""
    connection = await session.connection()
    inserted = await connection.execute(
        insert(LogEntry.__table__)
        .values(**entry.model_dump(exclude={"id"}))
        .returning(LogEntry.__table__.c.id)
    )
    entry.id = inserted.scalar_one()
    return entry, await _insert_sets(session, entry, sets)


async def _insert_sets(
    session: AsyncSession, entry: LogEntry, sets: Sequence[SetLog]
) -> list[SetLog]:
    stored = []
    for position, row in enumerate(sets):
        row.entry_id, row.position = entry.id or 0, position
        row.workout_id, row.user_id = entry.workout_id, entry.user_id
        stored.append(row)
    if stored:
        connection = await session.connection()
        await connection.execute(
            insert(SetLog.__table__), [row.model_dump(exclude={"id"}) for row in stored]
        )
    return stored


async def replace_sets(
    session: AsyncSession, entry: LogEntry, sets: Sequence[SetLog], raw_text: str
) -> list[SetLog]:
    """Swap an entry's sets for corrected ones."""
    await session.exec(delete(SetLog).where(col(SetLog.entry_id) == entry.id))
    entry.raw_text = raw_text
    session.add(entry)
    await session.flush()
    return await _insert_sets(session, entry, sets)


async def entry_sets(session: AsyncSession, entry_id: int) -> list[SetLog]:
    """The sets of one entry, in order."""
    statement = select(SetLog).where(SetLog.entry_id == entry_id).order_by(col(SetLog.position))
    return list((await session.exec(statement)).all())


async def get_entry(session: AsyncSession, user_id: int, entry_id: int) -> LogEntry | None:
    """The user's entry with this id (None for someone else's)."""
    entry = await session.get(LogEntry, entry_id)
    return entry if entry is not None and entry.user_id == user_id else None


async def entry_by_update(session: AsyncSession, update_id: int) -> LogEntry | None:
    """The entry a Telegram update created."""
    return (await session.exec(select(LogEntry).where(LogEntry.update_id == update_id))).first()


async def last_entry(session: AsyncSession, user_id: int) -> LogEntry | None:
    """The user's most recent entry."""
    statement = (
        select(LogEntry).where(LogEntry.user_id == user_id).order_by(col(LogEntry.id).desc())
    )
    return (await session.exec(statement.limit(1))).first()


async def repeat_of(session: AsyncSession, entry_id: int) -> LogEntry | None:
    """The entry that repeated ``entry_id`` with 'Same again', if any."""
    return (await session.exec(select(LogEntry).where(LogEntry.repeat_of == entry_id))).first()


async def delete_entry(session: AsyncSession, entry: LogEntry) -> None:
    """Remove an entry and (by cascade) its sets."""
    await session.exec(delete(SetLog).where(col(SetLog.entry_id) == entry.id))
    await session.delete(entry)
    await session.flush()


async def exercise_sets(
    session: AsyncSession, user_id: int, exercise: str, limit: int | None = None
) -> list[SetLog]:
    """The user's sets of one exercise, oldest first (the newest ``limit`` when given)."""
    statement = (
        select(SetLog)
        .where(SetLog.user_id == user_id, SetLog.exercise == exercise)
        .order_by(col(SetLog.performed_at).desc(), col(SetLog.id).desc())
    )
    if limit is not None:
        statement = statement.limit(limit)
    return list(reversed((await session.exec(statement)).all()))


async def workout_sets(session: AsyncSession, workout_id: int) -> list[SetLog]:
    """Every set of a workout in logging order."""
    statement = (
        select(SetLog)
        .where(SetLog.workout_id == workout_id)
        .order_by(col(SetLog.performed_at), col(SetLog.id))
    )
    return list((await session.exec(statement)).all())


async def recent_workouts(session: AsyncSession, user_id: int, limit: int) -> list[Workout]:
    """The user's newest workouts, newest first."""
    statement = (
        select(Workout)
        .where(Workout.user_id == user_id)
        .order_by(col(Workout.started_at).desc())
        .limit(limit)
    )
    return list((await session.exec(statement)).all())


async def user_sets(
    session: AsyncSession, user_id: int, since: dtm.datetime | None = None
) -> list[SetLog]:
    """All of a user's sets (since a time), oldest first."""
    statement = select(SetLog).where(SetLog.user_id == user_id)
    if since is not None:
        statement = statement.where(SetLog.performed_at >= since)
    statement = statement.order_by(col(SetLog.performed_at), col(SetLog.id))
    return list((await session.exec(statement)).all())


def _load_expr():
    """The load rep records compare (see engine.records.load_of); no load counts as 0."""
    table = SetLog.__table__.c
    return func.coalesce(
        case((table.bodyweight, table.added_weight_kg), else_=table.weight_kg), 0.0
    )


async def exercise_bests(
    session: AsyncSession,
    user_id: int,
    exercise: str,
    loads: Iterable[float] = (),
    *,
    exclude_workout: int | None = None,
    count_workout: int | None = None,
) -> tuple[Bests, int]:
    """The user's bests at an exercise (see engine.records.bests_of) and how many of its sets
    ``count_workout`` already has, in one aggregate query."""
    table = SetLog.__table__.c
    loads = sorted(set(loads))
    columns = [
        func.count(),
        func.count(case((table.workout_id == count_workout, 1))),
        func.max(case((table.bodyweight.is_(False), table.weight_kg))),
        func.max(table.e1rm_kg),
        func.max(case((table.bodyweight.is_(True), table.added_weight_kg))),
        func.max(table.duration_s),
        *(
            func.max(case(((table.reps > 0) & (_load_expr() >= load - 1e-6), table.reps)))
            for load in loads
        ),
    ]
    where = [table.user_id == user_id, table.exercise == exercise]
    if exclude_workout is not None:
        where.append(table.workout_id != exclude_workout)
    row = (await session.exec(select(*columns).where(*where))).one()
    count, in_workout, weight, e1rm, added, duration, *reps = row
    bests = Bests(count, weight, e1rm, added, duration, dict(zip(loads, reps, strict=True)))
    return bests, in_workout
