"""Command line: summarise a FIT file or a Garmin export ZIP (``python -m bot.cli_fit FILE``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn, TextIO

from bot.formatting import fmt_duration
from engine.errors import EngineError, FitError
from engine.fit import Activity, analyse_fit, extract_fit_files
from engine.hr import AthleteProfile

MAX_INPUT_BYTES = 64 * 1024 * 1024


class _UsageError(Exception):
    """The command line itself is wrong."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> _Parser:
    parser = _Parser(prog="cli_fit", description="Summarise FIT activities.")
    parser.add_argument("file", help="a .fit file or a .zip export holding .fit files")
    parser.add_argument("--json", action="store_true", help="print a JSON list of activities")
    parser.add_argument("--age", type=int, default=35, help="age for HRmax (default 35)")
    parser.add_argument("--sex", choices=["m", "f"], default="m", help="for TRIMP (default m)")
    parser.add_argument("--max-hr", type=float, help="measured max heart rate")
    parser.add_argument("--rest-hr", type=float, help="resting heart rate (default 60)")
    return parser


def _clock(seconds: float | None) -> str:
    return "-" if seconds is None else fmt_duration(seconds)


def _num(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _summary(name: str, a: Activity) -> list[str]:
    """Return the readable lines for one activity."""
    kind = f"{a.sport} ({a.sub_sport})" if a.sub_sport else a.sport
    km = _num(a.distance_m / 1000, 2) if a.distance_m is not None else "-"
    pace = f"   pace {_clock(a.avg_pace_s_per_km)} /km" if a.avg_pace_s_per_km else ""
    zones = " | ".join(f"Z{i} {_clock(s)}" for i, s in enumerate(a.zone_times_s))
    lines = [
        f"{name}: {kind}, {a.start_time:%Y-%m-%d %H:%M} UTC",
        f"  time {_clock(a.elapsed_s)} (moving {_clock(a.timer_s)})   distance {km} km{pace}",
        f"  heart rate avg {_num(a.avg_hr)} max {_num(a.max_hr)}   "
        f"TRIMP {_num(a.trimp, 1)}   hrTSS {_num(a.hrtss, 1)}",
        f"  zones {zones}",
        f"  laps {len(a.laps)}, samples {len(a.track)}, climb {_num(a.elevation_gain_m)} m, "
        f"cadence {_num(a.avg_cadence)}" + (f", gait {a.gait}" if a.gait else ""),
    ]
    if a.best_efforts:
        efforts = ", ".join(f"{k} {_clock(v)}" for k, v in a.best_efforts.items())
        lines.append(f"  best efforts: {efforts}")
    if a.strength_sets:
        sets = ", ".join(
            f"{s.exercise or '?'} {s.reps or '?'}×{_num(s.weight_kg, 1)} kg"
            for s in a.strength_sets
        )
        lines.append(f"  sets: {sets}")
    if a.partial:
        lines.append("  note: the recording was never finalised; analysed from its samples")
    if a.clock_estimated:
        lines.append("  note: the device had no clock; times are its local time")
    return lines


def _inputs(path: Path) -> list[tuple[str, bytes]]:
    """Return (name, FIT bytes) pairs for a .fit file or every .fit inside a ZIP."""
    data = path.read_bytes()
    if path.suffix.lower() == ".zip" or data.startswith(b"PK\x03\x04"):
        return extract_fit_files(data)
    return [(path.name, data)]


def _report(
    inputs: list[tuple[str, bytes]], athlete: AthleteProfile, as_json: bool, out: TextIO
) -> int:
    """Analyse every input; print summaries or JSON; return 1 if any input failed."""
    failed = False
    items: list[dict[str, object]] = []
    for name, data in inputs:
        try:
            activities = analyse_fit(data, athlete)
        except FitError as exc:
            failed = True
            if len(inputs) == 1:
                out.write(f"{exc}\n")
                return 1
            items.append({"file": name, "error": str(exc)})
            if not as_json:
                out.write(f"{name}: {exc}\n")
            continue
        for activity in activities:
            items.append({"file": name, **activity.to_json_dict()})
            if not as_json:
                out.write("\n".join(_summary(name, activity)) + "\n")
    if as_json:
        out.write(json.dumps(items, indent=2) + "\n")
    return 1 if failed else 0


def run_fit(argv: list[str], stdout: TextIO) -> int:
    """Run the command; return the exit code (0 ok, 1 unreadable input, 2 bad usage)."""
    try:
        args = _parser().parse_args(argv)
        athlete = AthleteProfile(args.age, args.sex, max_hr=args.max_hr, rest_hr=args.rest_hr)
    except _UsageError as exc:
        stdout.write(f"{_parser().format_usage()}error: {exc}\n")
        return 2
    except EngineError as exc:
        stdout.write(f"error: {exc}\n")
        return 2
    path = Path(args.file)
    try:
        if path.stat().st_size > MAX_INPUT_BYTES:
            stdout.write(f"{path.name}: the file is larger than 64 MiB.\n")
            return 1
        inputs = _inputs(path)
    except FitError as exc:
        stdout.write(f"{exc}\n")
        return 1
    except OSError as exc:
        stdout.write(f"{path}: cannot read the file ({exc.strerror or exc}).\n")
        return 1
    return _report(inputs, athlete, args.json, stdout)


if __name__ == "__main__":
    sys.exit(run_fit(sys.argv[1:], sys.stdout))
