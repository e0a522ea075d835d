"""Settings: defaults, validation and the one-line error."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pydantic import ValidationError

from bot.settings import Settings, describe_error


def make(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_defaults_put_the_database_in_the_data_dir() -> None:
    """With nothing set, the database is a SQLite file inside SPOTTER_DATA_DIR."""
    settings = make(data_dir="/srv/spot")
    assert settings.database_url == "sqlite+aiosqlite:////srv/spot/spotter.db"
    assert settings.token == ""


def test_api_url_builds_bot_and_file_roots() -> None:
    """Any Bot API compatible server works: {root}/bot and {root}/file/bot."""
    settings = make(telegram_api_url="http://127.0.0.1:8081/")
    assert settings.bot_base_url == "http://127.0.0.1:8081/bot"
    assert settings.bot_file_url == "http://127.0.0.1:8081/file/bot"


def test_token_is_secret_in_repr() -> None:
    """The token never shows in the settings' repr."""
    settings = make(telegram_token="123:SECRETVALUE")
    assert "SECRETVALUE" not in repr(settings)
    assert settings.token == "123:SECRETVALUE"


def test_admin_ids_accept_commas_and_spaces(monkeypatch: pytest.MonkeyPatch) -> None:
    """SPOTTER_ADMIN_IDS may be written '1, 2 3'."""
    monkeypatch.setenv("SPOTTER_ADMIN_IDS", "1, 2 3")
    assert make().admin_ids == (1, 2, 3)


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("timezone", "Mars/Olympus", "SPOTTER_TIMEZONE"),
        ("log_level", "LOUD", "SPOTTER_LOG_LEVEL"),
        ("telegram_api_url", "ftp://x", "SPOTTER_TELEGRAM_API_URL"),
        ("workout_gap_hours", "-1", "SPOTTER_WORKOUT_GAP_HOURS"),
    ],
)
def test_invalid_values_name_the_variable(field: str, value: str, fragment: str) -> None:
    """A bad value is reported in one line naming the SPOTTER_ variable."""
    with pytest.raises(ValidationError) as info:
        make(**{field: value})
    line = describe_error(info.value)
    assert fragment in line
    assert "\n" not in line


def test_invalid_setting_exits_2_with_one_line(tmp_path) -> None:
    """The process exits with code 2 and a single clear line on stderr."""
    env = {"SPOTTER_TIMEZONE": "Nowhere/Land", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "SPOTTER_TIMEZONE" in result.stderr


def test_parse_jsonl_through_the_entry_point() -> None:
    """`python -m bot parse --jsonl` reads JSON lines and writes the contract per line."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "parse", "--jsonl"],
        input='{"text": "bench 80x5 rir2"}\n{"text": "thanks!"}\n',
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["parsed"][0]["exercise"] == "bench press"
    assert lines[0]["parsed"][0]["sets"][0]["rir"] == 2
    assert lines[1] == {"text": "thanks!", "parsed": []}
