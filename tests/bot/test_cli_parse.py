"""Tests for the set-log parser's command line."""

import io
import json

import pytest

from bot.cli_parse import run_parse


def run(argv: list[str], stdin: str = "") -> tuple[int, str]:
    """Run the command with in-memory streams; return the exit code and the output."""
    out = io.StringIO()
    code = run_parse(argv, io.StringIO(stdin), out)
    return code, out.getvalue()


def test_message_argument_prints_the_contract_json():
    """A message prints one JSON line with the parsed exercises and sets."""
    code, out = run(["squat 2x5 100kg @8"])
    assert code == 0
    parsed = json.loads(out)
    assert [e["exercise"] for e in parsed] == ["squat"]
    assert parsed[0]["sets"][0] == {
        "weight": 100.0, "unit": "kg", "reps": 5, "rir": None, "rpe": 8.0,
        "bodyweight": False, "added_weight": None, "duration_s": None, "distance_m": None,
    }  # fmt: skip
    assert len(parsed[0]["sets"]) == 2


def test_words_given_separately_are_one_message():
    """Unquoted words are joined into one message."""
    assert json.loads(run(["bench", "80x5"])[1])[0]["exercise"] == "bench press"


def test_leading_end_of_options_marker_is_ignored():
    """'-- --jsonl' (as passed through by the bot's command line) selects JSON-lines mode."""
    assert run(["--", "--jsonl"], '{"text": "bench 80x5"}\n')[1].startswith(
        '{"text": "bench 80x5"'
    )


def test_non_log_prints_an_empty_list():
    """A message that is not a log prints []."""
    assert run(["thanks!"]) == (0, "[]\n")


def test_set_log_error_prints_the_error_and_exits_1():
    """An unknown exercise prints {"error": ...} and exits with 1."""
    code, out = run(["zercher 100x5"])
    assert code == 1
    assert "zercher" in json.loads(out)["error"]


def test_jsonl_mode_writes_one_line_per_input():
    """--jsonl reads {"text"} lines and writes {"text", "parsed"} lines; errors give []."""
    lines = [{"text": "bench 80x5"}, {"text": "what now?"}, {"text": "zercher 100x5"}]
    stdin = "\n".join(json.dumps(x) for x in lines) + "\n\nnot json\n"
    code, out = run(["--jsonl"], stdin)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["text"] for r in rows] == ["bench 80x5", "what now?", "zercher 100x5", None]
    assert rows[0]["parsed"][0]["sets"][0]["weight"] == 80.0
    assert [r["parsed"] for r in rows[1:]] == [[], [], []]


@pytest.mark.parametrize("argv", [[], ["--help"], ["--jsonl", "extra"]])
def test_usage_errors_print_usage_and_exit_2(argv):
    """No message, or unknown options, print the usage and exit with 2."""
    code, out = run(argv)
    assert code == 2
    assert out.startswith("usage:")
