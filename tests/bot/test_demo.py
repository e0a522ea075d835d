"""`spotter demo`: a terminal chat with the real bot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_demo(lines: list[str], cwd: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--out", str(cwd / "out")],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=90,
        cwd=cwd,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path.cwd())},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_demo_onboards_and_shows_help(tmp_path: Path) -> None:
    """Typing /start, tapping units and timezone, then /help, works with no token."""
    out = run_demo(["/start", ":2", ":2", "/help", "/settings"], tmp_path)
    assert "Which units do you use?" in out
    assert "Units: lb ✓" in out
    assert "Which timezone" in out
    assert "Timezone: Europe/Berlin" in out
    assert "/settings — change units and timezone" in out
    assert "Units: lb\n" in out.replace("     ", "")
    assert not list(tmp_path.glob("*.db")), "the demo database is thrown away"


def test_demo_writes_photos_to_the_output_folder(tmp_path: Path) -> None:
    """A chart the bot sends is saved as a PNG file and its path printed."""
    out = run_demo(["/start", ":1", ":8", "bench 80x5 rir2", "/calendar"], tmp_path)
    saved = [line for line in out.splitlines() if line.startswith("[photo saved to ")]
    assert len(saved) == 1
    path = Path(saved[0].removeprefix("[photo saved to ").rstrip("]"))
    png = (path if path.is_absolute() else tmp_path / path).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
