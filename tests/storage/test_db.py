"""The database: migrations, WAL, and exactly-once transactions."""

from __future__ import annotations

import datetime as dtm
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.db import AlreadyAppliedError, Database
from storage.migrate import current_revision, head_revision, upgrade
from storage.users import ensure_user, get_user, update_user
from tests.pg_support import both_backends

NOW = dtm.datetime(2026, 11, 16, 8, 0, tzinfo=dtm.UTC)


@both_backends
def test_migrations_bring_a_new_database_to_the_head(db_url: str) -> None:
    """The same migrations create the whole schema on SQLite and on PostgreSQL."""
    assert current_revision(db_url) == head_revision()


async def test_migrations_create_schema_with_wal_and_foreign_keys(db_url: str) -> None:
    """A fresh database is at the head revision, in WAL mode, with foreign keys on."""
    assert current_revision(db_url) == head_revision()
    db = Database(db_url)
    async with db.read() as session:
        mode = (await session.exec(text("PRAGMA journal_mode"))).one()[0]
        fks = (await session.exec(text("PRAGMA foreign_keys"))).one()[0]
    await db.dispose()
    assert (mode, fks) == ("wal", 1)


def test_upgrade_is_idempotent_and_keeps_data(tmp_path: Path) -> None:
    """Running the migrations again on a populated database keeps the rows."""
    path = tmp_path / "nested" / "s.db"
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO users (id, first_name, units, timezone, role, created_at)"
            " VALUES (7, 'Kim', 'lb', 'UTC', 'athlete', '2026-01-01 00:00:00')"
        )
    upgrade(url)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT first_name, units FROM users").fetchall() == [("Kim", "lb")]


@both_backends
async def test_an_update_is_applied_once(db_url: str) -> None:
    """A second transaction with the same update id raises and changes nothing."""
    db = Database(db_url)
    async with db.write(update_id=10, user_id=1, kind="start", now=NOW) as session:
        await ensure_user(
            session, user_id=1, first_name="A", username=None, timezone="UTC", now=NOW
        )
    with pytest.raises(AlreadyAppliedError):
        async with db.write(update_id=10, user_id=1, kind="units", now=NOW) as session:
            await update_user(session, 1, units="lb")
    async with db.read() as session:
        user = await get_user(session, 1)
    await db.dispose()
    assert user is not None
    assert user.units == "kg"


@both_backends
async def test_a_failed_effect_leaves_no_update_record(db_url: str) -> None:
    """When the effect fails, the update id is not recorded either, so a retry applies it."""
    db = Database(db_url)
    with pytest.raises(RuntimeError):  # noqa: PT012 - the raise must happen inside the transaction
        async with db.write(update_id=11, user_id=1, now=NOW) as session:
            await ensure_user(
                session, user_id=1, first_name="A", username=None, timezone="UTC", now=NOW
            )
            raise RuntimeError("crash between the update record and the commit")
    async with db.write(update_id=11, user_id=1, now=NOW) as session:
        user = await ensure_user(
            session, user_id=1, first_name="B", username=None, timezone="UTC", now=NOW
        )
    await db.dispose()
    assert user.first_name == "B"


def test_upgrading_keeps_a_programs_state(tmp_path: Path) -> None:
    """A database at 0005 with a program keeps its JSON when the column becomes 'state'."""
    from alembic import command

    from storage.migrate import alembic_config

    path = tmp_path / "old.db"
    url = f"sqlite+aiosqlite:///{path}"
    command.upgrade(alembic_config(url), "0005")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO users (id, first_name, units, timezone, role, created_at)"
            " VALUES (7, 'Kim', 'kg', 'UTC', 'athlete', '2026-01-01 00:00:00')"
        )
        conn.execute(
            "INSERT INTO programs (user_id, start_date, request, program, created_at)"
            " VALUES (7, '2026-01-05', '{\"applied\": [[1, 1]]}', '{}', '2026-01-01 00:00:00')"
        )
    upgrade(url)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT state FROM programs").fetchall() == [
            ('{"applied": [[1, 1]]}',)
        ]
