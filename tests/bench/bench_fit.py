"""FIT decode + analysis vs a bare fitdecode pass over the same bytes, and ZIP batch files/s."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable

import fitdecode

from engine.fit import analyse_fit, extract_fit_files
from engine.hr import AthleteProfile
from tests.bench.harness import Timing, compare
from tests.engine import fitgen

REPEAT = 3
BATCH_REPEAT = 1  # one pass over 22 files already takes ~8 s
ATHLETE = AthleteProfile(age=40, sex="m")
LARGEST = "multisport_fenix2_large.fit"
BATCH_EXCLUDE = ("bad_",)
_DEFAULT = object()


def _bare_decode(data: bytes, processor: object = _DEFAULT) -> int:
    """Iterate every frame with fitdecode (default processor unless told): the floor any
    decoder pays. Warnings about misaligned fields are muted as the analysis path does."""
    frames = 0
    options = {} if processor is _DEFAULT else {"processor": processor}
    ignore = fitdecode.ErrorHandling.IGNORE
    with fitdecode.FitReader(io.BytesIO(data), error_handling=ignore, **options) as reader:
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


def _interleaved(repeat: int, **funcs: Callable[[], object]) -> dict[str, Timing]:
    """Time several functions in alternation, so load changes on the machine hit all alike."""
    samples: dict[str, list[float]] = {name: [] for name in funcs}
    for _ in range(repeat):
        for name, func in funcs.items():
            start = time.perf_counter()
            func()
            samples[name].append((time.perf_counter() - start) * 1000)
    return {name: Timing(name, values) for name, values in samples.items()}


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
    t = _interleaved(
        REPEAT,
        **{
            "decode + analyse": lambda: analyse_fit(large, ATHLETE),
            "bare fitdecode (all frames)": lambda: _bare_decode(large),
            "bare fitdecode, processor=None": lambda: _bare_decode(large, None),
        },
    )
    ours = t["decode + analyse"]
    lines.append(compare("largest FIT file", ours, t["bare fitdecode (all frames)"], 1.5))
    # Same reader settings as ours (raw values, no datetime objects): our own overhead.
    raw = t["bare fitdecode, processor=None"]
    lines.append(compare("largest FIT file, raw-value reader as baseline", ours, raw))

    archive = _zip(batch)

    def whole_batch() -> None:
        for _, data in extract_fit_files(archive):
            analyse_fit(data, ATHLETE)

    def bare_batch() -> None:
        for data in batch.values():
            _bare_decode(data)

    b = _interleaved(
        BATCH_REPEAT,
        **{"unzip + decode + analyse": whole_batch, "bare fitdecode, no zip": bare_batch},
    )
    ours_batch, bare_batch_t = b["unzip + decode + analyse"], b["bare fitdecode, no zip"]
    lines.append(compare(f"ZIP batch of {len(batch)} files", ours_batch, bare_batch_t, 1.5))
    lines.append(_batch_rate(ours_batch.name, ours_batch, len(batch)))
    lines.append(_batch_rate(bare_batch_t.name, bare_batch_t, len(batch)))
    return lines
