"""Workouts, log entries and sets: the athlete's logbook."""

from __future__ import annotations

import datetime as dtm
from collections.abc import Iterable, Sequence

from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from engine.records import Bests
from storage import setwrite
from storage.tables import LogEntry, NewSet, SetLog, Workout


async def current_workout(session: AsyncSession, user_id: int) -> Workout | None:
    """The user's newest workout that is not closed, if any."""
    statement = (
        select(Workout)
        .where(Workout.user_id == user_id, col(Workout.closed_at).is_(None))
        .order_by(col(Workout.started_at).desc())
        .limit(1)
    )
    return (await session.exec(statement)).first()


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
    session: AsyncSession, entry: LogEntry, sets: Sequence[NewSet]
) -> tuple[LogEntry, list[NewSet]]:
    """Store an entry and its sets (the sets' own ids stay unset)."""
    connection = await session.connection()
    return await connection.run_sync(setwrite.insert_entry, entry, sets)


async def write_sets(
    session: AsyncSession,
    entry: LogEntry,
    rows: Sequence[NewSet],
    loads: dict[str, set[float]],
    gap: dtm.timedelta,
) -> setwrite.WrittenSets:
    """See storage.setwrite.write_sets (the same, inside an async transaction)."""
    connection = await session.connection()
    return await connection.run_sync(setwrite.write_sets, entry, rows, loads, gap)


async def replace_sets(
    session: AsyncSession, entry: LogEntry, sets: Sequence[NewSet], raw_text: str
) -> list[NewSet]:
    """Swap an entry's sets for corrected ones."""
    await session.exec(delete(SetLog).where(col(SetLog.entry_id) == entry.id))
    entry.raw_text = raw_text
    session.add(entry)
    await session.flush()
    connection = await session.connection()
    return await connection.run_sync(setwrite.insert_sets, entry, sets)


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


async def entry_by_message(
    session: AsyncSession, user_id: int, message_id: int
) -> LogEntry | None:
    """The user's latest entry logged from this message of their private chat."""
    statement = (
        select(LogEntry)
        .where(LogEntry.user_id == user_id, LogEntry.message_id == message_id)
        .order_by(col(LogEntry.id).desc())
    )
    return (await session.exec(statement.limit(1))).first()


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


async def exercise_bests(
    session: AsyncSession,
    user_id: int,
    exercise: str,
    loads: Iterable[float] = (),
    *,
    exclude_workout: int | None = None,
    count_workout: int | None = None,
) -> tuple[Bests, int]:
    """See storage.setwrite.bests_on: bests at an exercise and its sets in a workout."""
    connection = await session.connection()
    return await connection.run_sync(
        lambda conn: setwrite.bests_on(
            conn,
            user_id,
            exercise,
            loads,
            exclude_workout=exclude_workout,
            count_workout=count_workout,
        )
    )
