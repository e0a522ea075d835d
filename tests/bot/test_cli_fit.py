"""Tests for bot.cli_fit: readable and JSON summaries of FIT files and export ZIPs."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from bot.cli_fit import run_fit
from tests.engine import fitgen


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    code = run_fit(argv, out)
    return code, out.getvalue()


def test_readable_summary_of_a_run(tmp_path):
    """A run prints sport, date, distance, pace, HR, zones and best efforts."""
    path = tmp_path / "run.fit"
    path.write_bytes(fitgen.run_gps_hr())
    code, text = _run([str(path), "--age", "40"])
    assert code == 0
    assert "run.fit: running (generic), 2024-05-01 06:00 UTC" in text
    assert "distance 5.40 km   pace 5:33 /km" in text
    assert "heart rate avg 140 max 180" in text
    assert "Z5 " in text
    assert "best efforts: 400 m 2:13" in text


def test_json_output_is_a_list_of_activity_dicts(tmp_path):
    """--json prints one dict per activity, with the HR settings applied."""
    path = tmp_path / "multi.fit"
    path.write_bytes(fitgen.multisport())
    code, text = _run([str(path), "--json", "--age", "30", "--sex", "f", "--max-hr", "200"])
    assert code == 0
    items = json.loads(text)
    assert [item["sport"] for item in items] == ["running", "cycling"]
    assert items[1]["zone_times_s"][3:5] == [570.0, 30.0]  # 150–159 bpm: Z3 of 200; 160: Z4
    assert all(item["file"] == "multi.fit" for item in items)


def test_strength_sets_are_listed(tmp_path):
    """Strength sets appear with exercise, reps and weight; unknown exercises show '?'."""
    path = tmp_path / "gym.fit"
    path.write_bytes(fitgen.strength())
    code, text = _run([str(path)])
    assert code == 0
    assert "sets: bench press 5×100.0 kg, bench press 5×100.0 kg, front squat 3×80.0 kg" in text
    assert "? 12×0.0 kg" in text


def test_fit_error_prints_the_friendly_message(tmp_path):
    """A damaged file prints the user-safe message and exits 1."""
    path = tmp_path / "bad.fit"
    path.write_bytes(b"%PDF-1.7 not a fit file")
    code, text = _run([str(path)])
    assert code == 1
    assert text.startswith("This is not a FIT file")


def test_zip_export_is_unpacked_and_failures_reported(tmp_path):
    """Each .fit in a ZIP is analysed; a broken member is reported and the exit code is 1."""
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a/ride.fit", fitgen.ride_no_hr())
        archive.writestr("a/broken.fit", b"")
        archive.writestr("a/readme.txt", b"ignored")
    code, text = _run([str(path), "--json"])
    assert code == 1
    items = json.loads(text)
    assert items[0]["file"] == "a/ride.fit"
    assert items[0]["sport"] == "cycling"
    assert items[1] == {"file": "a/broken.fit", "error": "The file is empty."}


def test_zip_without_fit_files(tmp_path):
    """An archive with no .fit member gives its friendly message."""
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", b"nothing")
    assert _run([str(path)]) == (1, "The archive holds no .fit files.\n")


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        ([], "the following arguments are required: file"),
        (["x.fit", "--sex", "q"], "invalid choice"),
        (["x.fit", "--age", "3"], "Age must be between"),
    ],
)
def test_bad_usage_exits_2(argv, fragment):
    """Wrong arguments and impossible profiles print an error and exit 2."""
    code, text = _run(argv)
    assert code == 2
    assert fragment in text


def test_missing_file_exits_1(tmp_path):
    """A path that does not exist is reported without a traceback."""
    code, text = _run([str(tmp_path / "nope.fit")])
    assert code == 1
    assert "cannot read the file" in text
