"""Online backups: a consistent copy while the bot writes, and retention."""

from __future__ import annotations

import datetime as dtm
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from storage.backup import backup_database
from storage.migrate import upgrade

NOW = dtm.datetime(2026, 11, 21, 3, 30, tzinfo=dtm.UTC)


def _database(tmp_path: Path) -> tuple[str, Path]:
    path = tmp_path / "spotter.db"
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url)
    return url, path


def test_backup_copies_rows_still_in_the_wal(tmp_path: Path) -> None:
    """Rows committed but not yet checkpointed into the main file are in the copy."""
    url, path = _database(tmp_path)
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")  # keep the row in the WAL file
    writer.execute(
        "INSERT INTO users (id, first_name, units, timezone, role, created_at)"
        " VALUES (9, 'Lee', 'kg', 'UTC', 'athlete', '2026-01-01 00:00:00')"
    )
    writer.commit()
    copy = backup_database(url, tmp_path / "backups", NOW)
    writer.close()
    assert copy.name == "spotter-20261121-033000.db"
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT first_name FROM users").fetchall() == [("Lee",)]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_backup_keeps_the_newest(tmp_path: Path) -> None:
    """With keep=2, the third backup removes the oldest."""
    url, _ = _database(tmp_path)
    folder = tmp_path / "backups"
    for hours in range(3):
        backup_database(url, folder, NOW + dtm.timedelta(hours=hours), keep=2)
    assert sorted(p.name for p in folder.iterdir()) == [
        "spotter-20261121-043000.db",
        "spotter-20261121-053000.db",
    ]


def test_backup_refuses_what_is_not_a_sqlite_file(tmp_path: Path) -> None:
    """A missing database or a non-SQLite URL is an error, not an empty backup."""
    with pytest.raises(FileNotFoundError):
        backup_database(f"sqlite+aiosqlite:///{tmp_path / 'none.db'}", tmp_path, NOW)
    with pytest.raises(ValueError, match="SQLite"):
        backup_database("postgresql://db/spotter", tmp_path, NOW)


def test_backup_command(tmp_path: Path) -> None:
    """`python -m bot backup` prints the path of a new copy in the data folder."""
    _database(tmp_path)
    env = {"PATH": "/usr/bin:/bin", "SPOTTER_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "backup", "--keep", "3"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    path = Path(result.stdout.strip())
    assert path.parent == tmp_path / "backups"
    assert path.exists()
