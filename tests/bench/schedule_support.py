"""Many athletes with programs in one database, for the scheduler benches: one built through
the services, the rest copied from it in plain SQL (the same program, other ids)."""

from __future__ import annotations

import datetime as dtm
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.services import Services
from tests.bot.program_support import build, join

FIRST = 100_000


def _copy(conn: sqlite3.Connection, table: str, key: str, ids: list[int]) -> None:
    """Copy the first athlete's row of a table once per other id (column names: the schema's)."""
    schema = [c[1] for c in conn.execute(f"PRAGMA table_info({table})")]
    columns = [c for c in schema if c != "id" or key == "id"]  # a new row id, or the user's
    names, marks = ", ".join(columns), ", ".join("?" * len(columns))
    (row,) = conn.execute(f"SELECT {names} FROM {table} WHERE {key} = ?", (ids[0],))  # noqa: S608
    at = columns.index(key)
    conn.executemany(
        f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608
        [(*row[:at], uid, *row[at + 1 :]) for uid in ids[1:]],
    )


async def seed(services: Services, database: Path, count: int) -> list[int]:
    """``count`` onboarded athletes in Berlin, each with the same active program; their ids."""
    await join(services, FIRST)
    await build(services, FIRST)
    ids = list(range(FIRST, FIRST + count))
    with sqlite3.connect(database) as conn:
        _copy(conn, "users", "id", ids)
        _copy(conn, "programs", "user_id", ids)
    return ids


def berlin(day: dtm.date, hour: int, minute: int = 0) -> dtm.datetime:
    """A Berlin wall-clock time as UTC."""
    there = dtm.datetime.combine(day, dtm.time(hour, minute), ZoneInfo("Europe/Berlin"))
    return there.astimezone(dtm.UTC)
