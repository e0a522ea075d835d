"""deploy/: the installer into a temporary root, the uninstaller, the units systemd verifies."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"


def _run(script: str, *args: str) -> str:
    done = subprocess.run(
        ["bash", str(DEPLOY / script), *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A root whose virtualenv already exists (this interpreter), so the installer migrates."""
    venv_bin = tmp_path / "root" / "opt" / "spotter" / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (venv_bin / "python").chmod(0o755)
    return tmp_path / "root"


def test_install_writes_code_settings_units_and_migrates_before_any_start(root: Path) -> None:
    """Each step says what it does; settings are private; the database is at the newest schema."""
    out = _run("install.sh", "--root", str(root), "--no-venv")
    assert [line for line in out.splitlines() if line.startswith("==>")][-1].startswith(
        "==> database migrations"
    )
    code = root / "opt" / "spotter"
    assert (code / "bot" / "__main__.py").is_file()
    assert not (code / ".git").exists()
    assert not (code / ".env").exists()
    env = root / "etc" / "spotter" / "env"
    assert stat.S_IMODE(env.stat().st_mode) == 0o640
    assert "SPOTTER_DATA_DIR=/var/lib/spotter" in env.read_text().splitlines()
    units = {p.name for p in (root / "etc" / "systemd" / "system").iterdir()}
    assert units == {"spotter.service", "spotter-backup.service", "spotter-backup.timer"}
    with sqlite3.connect(root / "var" / "lib" / "spotter" / "spotter.db") as conn:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    from storage.migrate import head_revision

    assert revision == head_revision()


def test_install_again_keeps_settings_and_data_and_replaces_old_code(root: Path) -> None:
    """An upgrade never overwrites the settings; files gone from the code go from the install."""
    _run("install.sh", "--root", str(root), "--no-venv")
    env = root / "etc" / "spotter" / "env"
    env.write_text("SPOTTER_TELEGRAM_TOKEN=123:mine\n")
    stale = root / "opt" / "spotter" / "bot" / "gone.py"
    stale.write_text("")
    out = _run("install.sh", "--root", str(root), "--no-venv")
    assert "kept as it is" in out
    assert env.read_text() == "SPOTTER_TELEGRAM_TOKEN=123:mine\n"
    assert not stale.exists()
    assert (root / "opt" / "spotter" / ".venv" / "bin" / "python").exists()


def test_ollama_on_the_same_machine_adds_the_ordering_drop_in(root: Path) -> None:
    """With an ollama.service present, Spotter is ordered after it (but does not require it)."""
    (root / "etc" / "systemd" / "system").mkdir(parents=True)
    (root / "etc" / "systemd" / "system" / "ollama.service").write_text("[Service]\n")
    _run("install.sh", "--root", str(root), "--no-venv")
    drop_in = root / "etc" / "systemd" / "system" / "spotter.service.d" / "ollama.conf"
    assert "After=ollama.service" in drop_in.read_text()
    assert "\nRequires=" not in drop_in.read_text()


def test_uninstall_keeps_settings_and_data_unless_purged(root: Path) -> None:
    """Code and units go; /etc/spotter and /var/lib/spotter stay until --purge."""
    _run("install.sh", "--root", str(root), "--no-venv")
    _run("uninstall.sh", "--root", str(root))
    assert not (root / "opt" / "spotter").exists()
    assert not (root / "etc" / "systemd" / "system" / "spotter.service").exists()
    assert (root / "etc" / "spotter" / "env").exists()
    assert (root / "var" / "lib" / "spotter" / "spotter.db").exists()
    _run("uninstall.sh", "--root", str(root), "--purge")
    assert not (root / "etc" / "spotter").exists()
    assert not (root / "var" / "lib" / "spotter").exists()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    """No unknown keys or bad values (the binaries point at this interpreter for the check)."""
    names = ["spotter.service", "spotter-backup.service", "spotter-backup.timer"]
    for name in names:
        text = (DEPLOY / name).read_text()
        text = text.replace("/opt/spotter/.venv/bin/python", sys.executable)
        (tmp_path / name).write_text(text.replace("/opt/spotter", str(tmp_path)))
    done = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / n) for n in names)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stderr == "", done.stderr
