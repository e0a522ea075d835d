"""Command line: print what the set-log parser reads from a message (``python -m bot parse``)."""

from __future__ import annotations

import json
from typing import TextIO

from engine.errors import SetLogError
from engine.setlog import parse_message, to_contract

USAGE = (
    "usage: parse MESSAGE            print the parsed sets as JSON\n"
    '       parse --jsonl < FILE     read {"text": ...} lines, write {"text", "parsed"} lines\n'
)


def _parsed(text: str) -> list[dict[str, object]]:
    """Return the contract form of a message; errors and non-logs give []."""
    try:
        return to_contract(parse_message(text))
    except SetLogError:
        return []


def _jsonl(stdin: TextIO, stdout: TextIO) -> int:
    for line in stdin:
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["text"] if isinstance(item, dict) else None
        except json.JSONDecodeError:
            text = None
        parsed = _parsed(text) if isinstance(text, str) else []
        stdout.write(json.dumps({"text": text, "parsed": parsed}, ensure_ascii=False) + "\n")
    return 0


def run_parse(argv: list[str], stdin: TextIO, stdout: TextIO) -> int:
    """Parse the message given as arguments, or JSON lines from stdin with ``--jsonl``.

    Returns:
        0 on success, 1 when the message raised a set-log error, 2 on a usage error.
    """
    if argv[:1] == ["--"]:  # argparse's end-of-options marker, left in by REMAINDER
        argv = argv[1:]
    if argv == ["--jsonl"]:
        return _jsonl(stdin, stdout)
    if not argv or argv[0].startswith("--"):
        stdout.write(USAGE)
        return 2
    try:
        parsed = to_contract(parse_message(" ".join(argv)))
    except SetLogError as exc:
        stdout.write(json.dumps({"error": str(exc)}, ensure_ascii=False) + "\n")
        return 1
    stdout.write(json.dumps(parsed, ensure_ascii=False) + "\n")
    return 0
