"""`spotter check`: configuration, database and Ollama reachability."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from pydantic import SecretStr

from bot.check import run_check
from bot.settings import Settings
from tests.faketg import FakeTelegram


class _Tags(BaseHTTPRequestHandler):
    models: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        body = json.dumps({"models": [{"model": m, "name": m} for m in self.models]}).encode()
        self.send_response(200 if self.path == "/api/tags" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture
def ollama() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Tags)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def make(tmp_path: Path, **values: object) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, **values)  # type: ignore[call-arg]


def test_check_creates_the_database_and_warns_without_ollama(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A fresh data folder gets a migrated database; no Ollama is only a warning."""
    code = run_check(make(tmp_path, ollama_host="http://127.0.0.1:9"))
    out = capsys.readouterr().out
    assert code == 0
    assert (tmp_path / "spotter.db").exists()
    assert "[ok  ] database: schema at revision" in out
    assert "[warn] ollama: not reachable" in out
    assert "[warn] telegram: no token set" in out


def test_check_reports_a_missing_model(
    tmp_path: Path, ollama: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ollama answering without the configured model says how to pull it."""
    _Tags.models = ["qwen2.5:0.5b"]
    run_check(make(tmp_path, ollama_host=ollama, ollama_model="llama3.2:1b"))
    assert "ollama pull llama3.2:1b" in capsys.readouterr().out


def test_check_finds_the_model(
    tmp_path: Path, ollama: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pulled model is reported as available ('llama3.2' means ':latest')."""
    _Tags.models = ["llama3.2:latest"]
    run_check(make(tmp_path, ollama_host=ollama, ollama_model="llama3.2"))
    assert "[ok  ] ollama: llama3.2:latest available" in capsys.readouterr().out


def test_check_fails_on_an_unusable_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A database path that cannot be created is a failure with exit code 1."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code = run_check(make(tmp_path, database_url=f"sqlite+aiosqlite:///{blocker}/x/s.db"))
    assert code == 1
    assert "[FAIL] database" in capsys.readouterr().out


def test_check_asks_telegram_who_the_token_is(
    tmp_path: Path, tg: FakeTelegram, capsys: pytest.CaptureFixture[str]
) -> None:
    """A working token names the bot (getMe); a wrong one fails the check with exit 1."""
    good = make(tmp_path, telegram_token=tg.token, telegram_api_url=tg.api_root,
                ollama_host="http://127.0.0.1:9")  # fmt: skip
    assert run_check(good, settings_files=()) == 0
    out = capsys.readouterr().out
    assert "[ok  ] telegram: token works for @spotter_test_bot" in out
    bad = good.model_copy(update={"telegram_token": SecretStr("123:wrong-token-value")})
    assert run_check(bad, settings_files=()) == 1
    out = capsys.readouterr().out
    assert "[FAIL] telegram: the Bot API refused the token" in out
    assert "wrong-token-value" not in out


def test_check_warns_when_the_settings_file_is_readable_by_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A world-readable .env is a warning naming the file; chmod 600 clears it."""
    env = tmp_path / ".env"
    env.write_text("SPOTTER_TELEGRAM_TOKEN=1:x\n")
    env.chmod(0o644)
    settings = make(tmp_path, ollama_host="http://127.0.0.1:9")
    run_check(settings, settings_files=(env,))
    assert f"[warn] settings files: {env} readable by every user here" in capsys.readouterr().out
    env.chmod(0o600)
    run_check(settings, settings_files=(env,))
    assert "[ok  ] settings files: not readable by other users" in capsys.readouterr().out
