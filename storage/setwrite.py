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

from sqlalchemy import Connection, Select, bindparam, case, func, insert, select, update

from engine.records import Bests
from storage.tables import LogEntry, SetLog, Workout

_WORKOUT = Workout.__table__.c
_SET = SetLog.__table__.c


@dataclass(frozen=True, slots=True)
class WrittenSets:
    """What writing an entry came to: its id, the rows, and what came before them."""

    entry: LogEntry
    stored: list[SetLog]
    counts: dict[str, int]  # sets of each exercise already in the workout
    bests: dict[str, Bests]  # each exercise's bests before this entry


# Statements are built once with bound parameters, so SQLAlchemy compiles each only once: on
# the set-log hot path that is about a third of the cost of building them per call.
_TOUCH = (
    update(Workout.__table__)
    .where(
        _WORKOUT.user_id == bindparam("b_user"),
        _WORKOUT.closed_at.is_(None),
        _WORKOUT.last_set_at >= bindparam("b_since"),
    )
    .values(last_set_at=func.max(_WORKOUT.last_set_at, bindparam("b_now")))
    .returning(_WORKOUT.id)
)
_CLOSE_OPEN = (
    update(Workout.__table__)
    .where(_WORKOUT.user_id == bindparam("b_user"), _WORKOUT.closed_at.is_(None))
    .values(closed_at=_WORKOUT.last_set_at)
)
_NEW_WORKOUT = insert(Workout.__table__).returning(_WORKOUT.id)
_NEW_ENTRY = insert(LogEntry.__table__).returning(LogEntry.__table__.c.id)
_NEW_SETS = insert(SetLog.__table__)


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
    return func.coalesce(case((_SET.bodyweight, _SET.added_weight_kg), else_=_SET.weight_kg), 0.0)


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


def insert_sets(conn: Connection, entry: LogEntry, sets: Sequence[SetLog]) -> list[SetLog]:
    """Insert an entry's sets in one executemany (the rows' own ids stay unset)."""
    stored = []
    for position, row in enumerate(sets):
        row.entry_id, row.position = entry.id or 0, position
        row.workout_id, row.user_id = entry.workout_id, entry.user_id
        stored.append(row)
    if stored:
        conn.execute(_NEW_SETS, [row.model_dump(exclude={"id"}) for row in stored])
    return stored


def insert_entry(
    conn: Connection, entry: LogEntry, sets: Sequence[SetLog]
) -> tuple[LogEntry, list[SetLog]]:
    """Store an entry and its sets with two statements."""
    entry.id = conn.execute(_NEW_ENTRY, entry.model_dump(exclude={"id"})).scalar_one()
    return entry, insert_sets(conn, entry, sets)


def write_sets(
    conn: Connection,
    entry: LogEntry,
    rows: Sequence[SetLog],
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
