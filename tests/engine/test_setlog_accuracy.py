"""Exact-match accuracy of the set-log parser over the hand-labelled example messages."""

import json
from pathlib import Path

from engine.errors import SetLogError
from engine.setlog import parse_message, to_contract

EXAMPLES = Path(__file__).parent / "data" / "setlog_examples.jsonl"
# A little below the measured figure, so a regression fails while small wording changes pass.
ACCURACY_FLOOR = 0.98


def load_examples() -> list[dict]:
    """Read the example messages and their expected contract output."""
    with EXAMPLES.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def parsed(text: str) -> object:
    """Return the contract form of a message, or the error it raised."""
    try:
        return to_contract(parse_message(text))
    except SetLogError as exc:
        return f"error: {exc}"


def test_examples_cover_every_notation_family():
    """The example file is big enough and holds plenty of non-logs."""
    examples = load_examples()
    assert len(examples) >= 220
    assert sum(1 for e in examples if e["expected"] == []) >= 40


def test_exact_match_accuracy_stays_above_the_floor():
    """At least the floor fraction of examples parse exactly to their expected output."""
    examples = load_examples()
    misses = [
        (e["text"], e["expected"], got)
        for e in examples
        if (got := parsed(e["text"])) != e["expected"]
    ]
    hits = len(examples) - len(misses)
    accuracy = hits / len(examples)
    print(f"\nset-log exact-match accuracy: {accuracy:.1%} ({hits}/{len(examples)})")
    for text, expected, got in misses:
        print(f"MISS {text!r}\n  expected {json.dumps(expected)}\n  got      {json.dumps(got)}")
    assert accuracy >= ACCURACY_FLOOR


def test_non_logs_give_no_output():
    """Every labelled non-log parses to an empty result (never to sets, never to an error)."""
    for example in load_examples():
        if example["expected"] == []:
            assert parsed(example["text"]) == [], example["text"]
