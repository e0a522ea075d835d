"""The migrations and the SQLModel tables describe the same schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import storage.tables  # noqa: F401  (registers the tables)
from storage.migrate import sync_url
from tests.pg_support import both_backends

pytestmark = both_backends


def test_models_match_migrations(db_url: str) -> None:
    """After upgrading to head, autogenerate finds no table or column differences."""
    engine = create_engine(sync_url(db_url))
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    engine.dispose()
    structural = [
        d for d in diff if d[0] in ("add_table", "remove_table", "add_column", "remove_column")
    ]
    assert structural == []


def test_a_new_set_carries_every_set_column_but_ids_and_position() -> None:
    """NewSet mirrors SetLog: a column added to one and not the other would be lost on insert."""
    from storage.tables import NewSet, SetLog

    filled_by_insert = {"id", "entry_id", "user_id", "workout_id", "position"}
    assert set(NewSet.__slots__) == set(SetLog.__table__.c.keys()) - filled_by_insert
