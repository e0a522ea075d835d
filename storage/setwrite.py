"""Writing logged sets with SQLAlchemy Core on a plain (sync) connection.

One implementation serves two callers: the set-log hot path runs ``write_sets`` as a whole
transaction in the database thread (``Database.run``: one thread hop instead of about 25),
and async code reaches the same functions through ``AsyncConnection.run_sync``.
"""

from __future__ import annotations

import datetime as dtm
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import (
    Connection,
    Select,
    bindparam,
    case,
    func,
    insert,
    literal_column,
    select,
    update,
)

from engine.recordbook import RecordBook, frontier_of
from engine.records import Bests
from storage import ids
from storage.portable import UtcDateTime, greatest
from storage.tables import NEW_SET_FIELDS, LogEntry, NewSet, SetLog, Workout

_WORKOUT = Workout.__table__.c
_SET = SetLog.__table__.c


@dataclass(frozen=True, slots=True)
class WrittenSets:
    """What writing an entry came to: its id, the rows, and what came before them."""

    entry: LogEntry
    stored: list[NewSet]
    counts: dict[str, int]  # sets of each exercise already in the workout
    bests: dict[str, Bests]  # each exercise's bests before this entry


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Where a user's logbook stands after a write: enough to judge the next set from memory."""

    workout_id: int
    last_set_at: dtm.datetime
    books: dict[str, RecordBook]  # each exercise's record book, this entry's sets included
    counts: dict[str, int]  # each exercise's sets in the workout, this entry's included


# Statements are built once with bound parameters, so SQLAlchemy compiles each only once: on
# the set-log hot path that is about a third of the cost of building them per call.
_TOUCH = (
    update(Workout.__table__)
    .where(
        _WORKOUT.user_id == bindparam("b_user"),
        _WORKOUT.closed_at.is_(None),
        _WORKOUT.last_set_at >= bindparam("b_since"),
    )
    .values(last_set_at=greatest(_WORKOUT.last_set_at, bindparam("b_now", type_=UtcDateTime())))
    .returning(_WORKOUT.id)
)
_LAST_SET_AT = select(_WORKOUT.last_set_at).where(_WORKOUT.id == bindparam("b_id"))
_CLOSE_OPEN = (
    update(Workout.__table__)
    .where(_WORKOUT.user_id == bindparam("b_user"), _WORKOUT.closed_at.is_(None))
    .values(closed_at=_WORKOUT.last_set_at)
)
_NEW_WORKOUT = insert(Workout.__table__).returning(_WORKOUT.id)
_NEW_ENTRY = insert(LogEntry.__table__)
_NEW_SETS = insert(SetLog.__table__)
_COLUMNS = (*NEW_SET_FIELDS, "performed_at")


def touch_workout(
    conn: Connection, user_id: int, now: dtm.datetime, gap: dtm.timedelta
) -> tuple[int, bool]:
    """The id of the open workout if its last set is recent enough, else of a new one; and
    whether it is new. The common case is one UPDATE … RETURNING statement."""
    touched = conn.execute(_TOUCH, {"b_user": user_id, "b_since": now - gap, "b_now": now})
    workout_id = touched.scalar()
    if workout_id is not None:
        return workout_id, False
    conn.execute(_CLOSE_OPEN, {"b_user": user_id})
    created = conn.execute(_NEW_WORKOUT, {"user_id": user_id, "started_at": now,
                                          "last_set_at": now})  # fmt: skip
    return created.scalar_one(), True


def _load_expr():
    """The load rep records compare (see engine.records.load_of); no load counts as 0."""
    # 0 is written into the SQL, not bound: PostgreSQL only groups by an expression that is
    # the selected one, and two bound parameters ($1, $2) are not the same expression.
    loaded = case((_SET.bodyweight, _SET.added_weight_kg), else_=_SET.weight_kg)
    return func.coalesce(loaded, literal_column("0.0"))


@lru_cache(maxsize=16)
def _bests_statement(loads: int, exclude_workout: bool) -> Select:
    """The bests query for ``loads`` rep-record loads (bound as load_0, load_1, …)."""
    columns = [
        func.count(),
        func.count(case((_SET.workout_id == bindparam("count_workout"), 1))),
        func.max(case((_SET.bodyweight.is_(False), _SET.weight_kg))),
        func.max(_SET.e1rm_kg),
        func.max(case((_SET.bodyweight.is_(True), _SET.added_weight_kg))),
        func.max(_SET.duration_s),
        *(
            func.max(case(((_SET.reps > 0) & (_load_expr() >= bindparam(f"load_{i}")), _SET.reps)))
            for i in range(loads)
        ),
    ]
    where = [_SET.user_id == bindparam("user_id"), _SET.exercise == bindparam("exercise")]
    if exclude_workout:
        where.append(_SET.workout_id != bindparam("exclude_workout"))
    return select(*columns).where(*where)


_POINTS = (
    select(_load_expr(), func.max(_SET.reps))
    .where(
        _SET.user_id == bindparam("user_id"), _SET.exercise == bindparam("exercise"), _SET.reps > 0
    )
    .group_by(_load_expr())
)


def bests_on(
    conn: Connection,
    user_id: int,
    exercise: str,
    loads: Iterable[float] = (),
    *,
    exclude_workout: int | None = None,
    count_workout: int | None = None,
) -> tuple[Bests, int]:
    """The user's bests at an exercise (see engine.records.bests_of) and how many of its sets
    ``count_workout`` already has, in one aggregate query."""
    loads = sorted(set(loads))
    params: dict[str, object] = {"user_id": user_id, "exercise": exercise,
                                 "count_workout": count_workout,
                                 "exclude_workout": exclude_workout}  # fmt: skip
    # A small tolerance, so 80 kg typed and 80 kg converted from 176.37 lb still match.
    params.update({f"load_{i}": load - 1e-6 for i, load in enumerate(loads)})
    statement = _bests_statement(len(loads), exclude_workout is not None)
    count, in_workout, weight, e1rm, added, duration, *reps = conn.execute(statement, params).one()
    bests = Bests(count, weight, e1rm, added, duration, dict(zip(loads, reps, strict=True)))
    return bests, in_workout


def insert_sets(conn: Connection, entry: LogEntry, sets: Sequence[NewSet]) -> list[NewSet]:
    """Insert an entry's sets in one executemany; returns them, in order."""
    stored = list(sets)
    if stored:
        into = {"entry_id": entry.id, "workout_id": entry.workout_id, "user_id": entry.user_id}
        conn.execute(_NEW_SETS, [
            {name: getattr(row, name) for name in _COLUMNS} | into | {"position": position}
            for position, row in enumerate(stored)
        ])  # fmt: skip
    return stored


def insert_entry(
    conn: Connection, entry: LogEntry, sets: Sequence[NewSet]
) -> tuple[LogEntry, list[NewSet]]:
    """Store an entry and its sets; an entry without an id is given one (see storage.ids)."""
    if entry.id is None:
        entry.id = ids.entry_ids_for(conn.engine.url).take_in(conn)
    conn.execute(_NEW_ENTRY, entry.model_dump())
    ids.mark(conn, entry.id)
    return entry, insert_sets(conn, entry, sets)


def write_sets(
    conn: Connection,
    entry: LogEntry,
    rows: Sequence[NewSet],
    loads: dict[str, set[float]],
    gap: dtm.timedelta,
) -> WrittenSets:
    """Put an entry into the current (or a new) workout, reading the bests it is measured
    against first. ``entry.workout_id`` is filled in; ``loads`` are the rep-record loads of
    each exercise in ``rows``."""
    entry.workout_id, _new = touch_workout(conn, entry.user_id, entry.created_at, gap)
    counts, bests = {}, {}
    for exercise, exercise_loads in loads.items():
        bests[exercise], counts[exercise] = bests_on(
            conn, entry.user_id, exercise, exercise_loads, count_workout=entry.workout_id
        )
    entry, stored = insert_entry(conn, entry, rows)
    return WrittenSets(entry, stored, counts, bests)


def book_on(
    conn: Connection, user_id: int, exercise: str, workout_id: int
) -> tuple[RecordBook, int]:
    """An exercise's record book and how many of its sets the workout has."""
    bests, in_workout = bests_on(conn, user_id, exercise, count_workout=workout_id)
    points = conn.execute(_POINTS, {"user_id": user_id, "exercise": exercise}).all()
    frontier = frontier_of((load, reps) for load, reps in points)
    book = RecordBook(bests.count, bests.weight_kg, bests.e1rm_kg, bests.added_kg,
                      bests.duration_s, frontier)  # fmt: skip
    return book, in_workout


def write_and_stand(
    conn: Connection,
    entry: LogEntry,
    rows: Sequence[NewSet],
    loads: dict[str, set[float]],
    gap: dtm.timedelta,
) -> tuple[WrittenSets, Snapshot]:
    """``write_sets``, then read where the logbook stands for the entry's exercises."""
    written = write_sets(conn, entry, rows, loads, gap)
    workout_id = entry.workout_id
    last_set_at = conn.execute(_LAST_SET_AT, {"b_id": workout_id}).scalar_one()
    books, counts = {}, {}
    for exercise in loads:
        books[exercise], counts[exercise] = book_on(conn, entry.user_id, exercise, workout_id)
    return written, Snapshot(workout_id, last_set_at, books, counts)
