"""Online SQLite backups (safe while the bot runs, WAL included) with simple retention."""

from __future__ import annotations

import datetime as dtm
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url


def database_path(url: str) -> Path:
    """The file behind a SQLite URL."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or not parsed.database:
        raise ValueError("backups are only supported for SQLite file databases")
    return Path(parsed.database)


def backup_database(url: str, dest_dir: Path, now: dtm.datetime, keep: int = 14) -> Path:
    """Copy the database to ``dest_dir/spotter-YYYYmmdd-HHMMSS.db``; keep the newest ``keep``."""
    source_path = database_path(url)
    if not source_path.exists():
        raise FileNotFoundError(source_path)
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / f"spotter-{now:%Y%m%d-%H%M%S}.db"
    with sqlite3.connect(source_path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    with sqlite3.connect(target) as copy:
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise RuntimeError(f"backup {target.name} failed its integrity check")
    for old in sorted(dest_dir.glob("spotter-*.db"))[:-keep]:
        old.unlink()
    return target
