"""The bot process as deployed: start-up time to its first getUpdates, idle memory, and memory
growth over a stream of handled messages (several users, at Telegram's sending pace).

Targets: idle RSS under 150 MB on this machine, growth under 10 MB.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from tests.e2e.botproc import BotProcess
from tests.faketg import FakeTelegram
from tests.soak import onboard

MESSAGES = 3000
USERS = tuple(range(5001, 5031))
IDLE_TARGET_MB, GROWTH_TARGET_MB = 150, 10


def _rss_mb(pid: int) -> float:
    match = re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text())
    return int(match[1]) / 1024 if match else 0.0


def _start_to_first_poll(tg: FakeTelegram, tmp: Path) -> tuple[BotProcess, float]:
    bot = BotProcess(tg, tmp, log_level="WARNING")
    start = time.perf_counter()
    bot.start()
    tg.wait_until(lambda: bool(tg.calls_of("getUpdates")), timeout=60)
    return bot, time.perf_counter() - start


def _stream(tg: FakeTelegram) -> None:
    for user in USERS:
        onboard(tg, user)
    for i in range(MESSAGES):
        user = USERS[i % len(USERS)]
        tg.send_text(user, "/help" if i % 10 == 0 else f"squat {40 + (i // len(USERS)) % 80}x5")
        if i % 30 == 29:
            tg.wait_for(user, timeout=60, predicate=lambda _m: True)
            time.sleep(0.5)
    tg.wait_idle(timeout=300, quiet_s=1.0)


def run() -> list[str]:
    if not Path("/proc/self/status").exists():
        return ["  skipped: needs /proc (Linux)"]
    with tempfile.TemporaryDirectory() as tmp, FakeTelegram() as tg:
        bot, startup_s = _start_to_first_poll(tg, Path(tmp))
        try:
            assert bot.process is not None
            time.sleep(2.0)
            idle = _rss_mb(bot.process.pid)
            _stream(tg)
            after = _rss_mb(bot.process.pid)
        finally:
            bot.kill()
    growth = after - idle
    return [
        f"  start-up to the first getUpdates: {startup_s:.2f} s",
        f"  idle RSS: {idle:.0f} MB (target < {IDLE_TARGET_MB} MB)"
        f" -> {'met' if idle < IDLE_TARGET_MB else 'MISSED'}",
        f"  RSS after {MESSAGES} handled messages from {len(USERS)} users: {after:.0f} MB,"
        f" growth {growth:+.1f} MB (target < {GROWTH_TARGET_MB} MB)"
        f" -> {'met' if growth < GROWTH_TARGET_MB else 'MISSED'}",
        f"  python {sys.version.split()[0]}",
    ]
