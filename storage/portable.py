"""SQL that means the same on SQLite and on PostgreSQL.

- ``UtcDateTime``: times go in aware and come back aware in UTC, as with SQLModel's own
  type, but are stored as naive UTC (``timestamp without time zone``, the migrations' column
  type). SQLModel's type binds aware values: asyncpg refuses those for a naive column, and
  psycopg sends them as ``timestamptz``, which PostgreSQL converts with the session's time
  zone. Binding the naive UTC value stores the same text on SQLite as before. Every
  ``dtm.datetime`` field of a table gets this type (``store_times_as_naive_utc``).
- ``greatest(a, b)``: the larger of two values. SQLite spells it ``max(a, b)`` (two
  arguments); PostgreSQL's ``max`` is only the aggregate, and it has ``GREATEST`` instead.
- ``upsert_insert(dialect)``: ``INSERT ... ON CONFLICT`` through the backend's own dialect.
"""

from __future__ import annotations

import datetime as dtm
from collections.abc import Callable
from typing import Any

from sqlalchemy import Column, DateTime, Interval, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import GenericFunction
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel.sql.sqltypes import UTCDateTime


class UtcDateTime(TypeDecorator[dtm.datetime]):
    """An aware datetime stored as naive UTC and read back aware in UTC."""

    impl = DateTime
    cache_ok = True

    def coerce_compared_value(self, op: Any, value: Any) -> TypeEngine[Any]:  # noqa: ARG002
        # A timedelta beside a time is bound as an interval, as SQLModel's type does.
        return Interval() if isinstance(value, dtm.timedelta) else self

    def process_bind_param(self, value: Any, dialect: Any) -> Any:  # noqa: ARG002
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("datetime values must be timezone-aware (UTC is stored)")
        return value.astimezone(dtm.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Any) -> Any:  # noqa: ARG002
        if value is None:
            return None
        if value.utcoffset() is None:
            return value.replace(tzinfo=dtm.UTC)
        return value.astimezone(dtm.UTC)


def _naive_utc_column(column: Column[Any], _table: Any) -> None:
    if isinstance(column.type, UTCDateTime):
        column.type = UtcDateTime()


def store_times_as_naive_utc() -> None:
    """Give every SQLModel datetime field defined from now on a UtcDateTime column, so a
    new table's times work on PostgreSQL without anyone remembering to ask for it."""
    if not event.contains(Column, "after_parent_attach", _naive_utc_column):
        event.listen(Column, "after_parent_attach", _naive_utc_column)


class greatest(GenericFunction[Any]):  # SQL function names are lower case
    """The larger of its arguments, typed as the first; pass no NULLs (SQLite's ``max``
    returns NULL then, PostgreSQL's ``GREATEST`` ignores them)."""

    inherit_cache = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.type = self.clauses.clauses[0].type


@compiles(greatest)
def _greatest(element: greatest, compiler: SQLCompiler, **kw: Any) -> str:
    return f"greatest({compiler.process(element.clauses, **kw)})"


@compiles(greatest, "sqlite")
def _greatest_sqlite(element: greatest, compiler: SQLCompiler, **kw: Any) -> str:
    return f"max({compiler.process(element.clauses, **kw)})"


def upsert_insert(dialect: str) -> Callable[[Any], Any]:
    """The ``insert`` with ``on_conflict_do_nothing``/``_update`` of a backend (the SQL is
    spelled alike by SQLite and PostgreSQL, but each dialect has its own construct). Ask
    ``.returning(...)`` whether a row went in: psycopg reports no rowcount for an INSERT."""
    return postgresql.insert if dialect == "postgresql" else sqlite.insert
