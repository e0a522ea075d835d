"""Run ``python -m bot run`` as a subprocess pointed at the fake Bot API server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.faketg import FakeTelegram

REPO = Path(__file__).resolve().parents[2]


class BotProcess:
    """The real bot in its own process, logging to a file."""

    def __init__(
        self, tg: FakeTelegram, data_dir: Path, log_level: str = "DEBUG", workers: int = 0
    ) -> None:
        self.tg, self.data_dir = tg, data_dir
        self.log_path = data_dir / "bot.log"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(data_dir),
            "MPLBACKEND": "Agg",
            "SPOTTER_TELEGRAM_TOKEN": tg.token,
            "SPOTTER_TELEGRAM_API_URL": tg.api_root,
            "SPOTTER_DATA_DIR": str(data_dir),
            "SPOTTER_LOG_LEVEL": log_level,
            "SPOTTER_OLLAMA_HOST": "http://127.0.0.1:9",
            # Worker processes are only started where a test is about them (they cost a boot).
            "SPOTTER_WORKERS": str(workers),
        }
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def database(self) -> Path:
        return self.data_dir / "spotter.db"

    def start(self, timeout: float = 30.0) -> None:
        """Start the bot and wait until it has registered its command menu."""
        before = len(self.tg.calls_of("setMyCommands"))
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=self.data_dir,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self.tg.wait_until(lambda: len(self.tg.calls_of("setMyCommands")) > before, timeout)
        except AssertionError:
            self.stop()
            raise AssertionError("bot did not start:\n" + self.log()) from None

    def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM, as systemd does; returns the exit code."""
        if self.process is None:
            return 0
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout)
        self.process = None
        self.assert_no_token()
        return code

    def kill(self) -> None:
        """SIGKILL: a crash with no chance to clean up."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            self.process = None
            self.assert_no_token()

    def assert_no_token(self) -> None:
        """The token is in no line the process logged (checked at every stop)."""
        log = self.log()
        secret = self.tg.token.split(":", 1)[1]
        assert self.tg.token not in log, "the bot token reached the log"
        assert secret not in log, "the bot token's secret part reached the log"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
