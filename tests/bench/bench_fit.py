"""FIT decode + analysis vs a bare fitdecode pass over the same bytes, and ZIP batch files/s."""

from __future__ import annotations

import io
import zipfile

import fitdecode

from engine.fit import analyse_fit, extract_fit_files
from engine.hr import AthleteProfile
from tests.bench.harness import Timing, compare, time_calls
from tests.engine import fitgen

REPEAT = 3
ATHLETE = AthleteProfile(age=40, sex="m")
LARGEST = "multisport_fenix2_large.fit"
BATCH_EXCLUDE = ("bad_",)


def _bare_decode(data: bytes) -> int:
    """Iterate every frame with fitdecode's default reader: the floor any decoder pays."""
    frames = 0
    with fitdecode.FitReader(io.BytesIO(data)) as reader:
        for _ in reader:
            frames += 1
    return frames


def _corpus() -> tuple[bytes, dict[str, bytes], str]:
    """Return the large file, the batch members and a note about where they came from."""
    folder = fitgen.shared_fit_dir()
    if folder is None:
        batch = {
            "run.fit": fitgen.run_gps_hr(),
            "ride.fit": fitgen.ride_no_hr(),
            "multi.fit": fitgen.multisport(),
            "gym.fit": fitgen.strength(),
            "swim.fit": fitgen.hr_messages_only(),
        }
        note = "shared corpus absent: using a generated 3 h run and 5 generated files"
        return fitgen.long_run(3 * 3600), batch, note
    batch = {
        p.name: p.read_bytes()
        for p in sorted(folder.glob("*.fit"))
        if not p.name.startswith(BATCH_EXCLUDE)
    }
    return batch[LARGEST], batch, f"{LARGEST} ({len(batch[LARGEST]) / 1e6:.2f} MB)"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(f"export/activities/{name}", data)
    return buffer.getvalue()


def _batch_rate(label: str, timing: Timing, files: int) -> str:
    return f"  {label:<34} {files / (timing.median_ms / 1000):8.1f} files/s"


def run() -> list[str]:
    """Time the largest file and a ZIP batch, each next to a bare fitdecode baseline."""
    large, batch, note = _corpus()
    lines = [f"largest file: {note}"]
    ours = time_calls("decode + analyse", lambda: analyse_fit(large, ATHLETE), REPEAT, warmup=1)
    bare = time_calls("bare fitdecode (all frames)", lambda: _bare_decode(large), REPEAT, warmup=1)
    lines.append(compare("largest FIT file", ours, bare, target_ratio=1.5))

    archive = _zip(batch)

    def whole_batch() -> None:
        for _, data in extract_fit_files(archive):
            analyse_fit(data, ATHLETE)

    def bare_batch() -> None:
        for data in batch.values():
            _bare_decode(data)

    ours_batch = time_calls("unzip + decode + analyse", whole_batch, REPEAT, warmup=1)
    bare_batch_t = time_calls("bare fitdecode, no zip", bare_batch, REPEAT, warmup=1)
    lines.append(compare(f"ZIP batch of {len(batch)} files", ours_batch, bare_batch_t, 1.5))
    lines.append(_batch_rate(ours_batch.name, ours_batch, len(batch)))
    lines.append(_batch_rate(bare_batch_t.name, bare_batch_t, len(batch)))
    return lines
