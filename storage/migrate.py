"""Create or upgrade the schema with Alembic (run at start-up, so upgrades keep user data)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).with_name("migrations")


# Each async driver and the synchronous one used for the same database (Alembic, Database.run).
SYNC_DRIVERS = {
    "sqlite+aiosqlite": "sqlite",
    "postgresql+asyncpg": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
}


def sync_url(url: str) -> str:
    """The same database with a synchronous driver (Alembic runs synchronously)."""
    parsed = make_url(url)
    if parsed.drivername in SYNC_DRIVERS:
        parsed = parsed.set(drivername=SYNC_DRIVERS[parsed.drivername])
    return parsed.render_as_string(hide_password=False)


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at our migrations and the given database."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", sync_url(url).replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    """Bring the database at ``url`` to the newest schema; creates its folder if needed."""
    parsed = make_url(sync_url(url))
    if parsed.drivername == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), "head")


def current_revision(url: str) -> str | None:
    """The schema revision the database is at, or None when it has none."""
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine

    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str | None:
    """The newest revision the code knows."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
