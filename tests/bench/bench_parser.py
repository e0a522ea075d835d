"""Set-log parser throughput over the example messages, next to a one-regex floor."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

from engine.errors import SetLogError
from engine.setlog import LastSet, parse_followup, parse_message
from engine.setlog.message import parse_fully
from tests.bench.harness import Timing, compare, time_calls

EXAMPLES = Path(__file__).resolve().parents[1] / "engine" / "data" / "setlog_examples.jsonl"
COPIES = 5
REPEAT = 15
# The cheapest thing any parser must do: one precompiled pattern over each message.
FLOOR = re.compile(r"(?P<name>[a-z' -]+?)\s*(?P<w>\d+(?:\.\d+)?)\s*x\s*(?P<r>\d+)", re.IGNORECASE)
FOLLOW_UPS = ["x5", "80x5", "same", "+2.5", "-5 x4", "80x5 rir2", "same @9", "5", "thanks"]
# The commonest form, which parse_message reads in one step (engine.setlog.quick).
COMMON = ["bench 80x5 rir2", "squat 100kg x 5", "deadlift 140 x 3 @8", "ohp 42.5x8"] * 250


def _messages() -> list[str]:
    with EXAMPLES.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    return texts * COPIES


def _parse_all(messages: list[str]) -> None:
    for text in messages:
        with contextlib.suppress(SetLogError):
            parse_message(text)


def _rate(timing: Timing, count: int) -> str:
    return f"{count / (timing.median_ms / 1000):,.0f} messages/s"


def run() -> list[str]:
    """Time the parser and the regex floor over the same messages; return the report lines."""
    messages = _messages()
    last = LastSet("bench press", 80.0, "kg", 5)
    follow_ups = FOLLOW_UPS * 200
    parser = time_calls("parse_message", lambda: _parse_all(messages), REPEAT)
    floor = time_calls(
        "one regex fullmatch (floor)", lambda: [FLOOR.fullmatch(m) for m in messages], REPEAT
    )
    follow = time_calls(
        "parse_followup", lambda: [parse_followup(t, last) for t in follow_ups], REPEAT
    )
    common = time_calls("parse_message", lambda: [parse_message(t) for t in COMMON], REPEAT)
    full = time_calls("full parser (parse_fully)", lambda: [parse_fully(t) for t in COMMON],
                      REPEAT)  # fmt: skip
    return [
        compare(f"set-log parser, {len(messages)} messages per call", parser, floor),
        compare(f"commonest form ('bench 80x5 rir2'), {len(COMMON)} messages", common, full),
        f"  parse_message  {_rate(parser, len(messages))}",
        f"  regex floor    {_rate(floor, len(messages))}",
        f"  parse_followup {_rate(follow, len(follow_ups))}",
    ]
