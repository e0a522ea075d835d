"""Round trips through the real bot process vs a bare PTB echo bot process (about 35 s).

Both run as deployed: their own processes (``python -m bot run`` and
``python -m tests.bench.echo_bot``), each polling its own fake Bot API server held by this
process, the way Telegram is a server elsewhere. The samples are taken in turn (echo, /help,
set log, echo, …) so that a change in machine load touches every figure alike.

A round trip ends when the reply has fully arrived at the fake server, before the fake
decodes and answers it: that work is Telegram's, and in the fake it is Python that grows
with the size of the reply, which would count against the bigger reply.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.harness import Timing, compare
from tests.e2e.botproc import BotProcess
from tests.faketg import FakeTelegram

# Samples rotate over a few users: one chat at 25 messages a second is no person and would be
# paced (bot.ordering); each user here sends under one message a second.
USERS = tuple(range(4242, 4262))
REPEAT = 150
WARMUP = len(USERS)
# The bot keeps within Telegram's bulk limit (30 messages/s) with a rate limiter; samples are
# spaced so the benchmark measures a reply, not that limiter doing its job.
PAUSE_S = 0.04
USER = 4242
SET_LOG = "bench 80x5 rir2"


def _once(tg: FakeTelegram, text: str, user: int = USER) -> float:
    time.sleep(PAUSE_S)
    start = time.perf_counter()
    tg.send_text(user, text)
    (reply,) = tg.wait_for(user, timeout=30)
    assert reply.received_at is not None
    return (reply.received_at - start) * 1000


def _onboard(tg: FakeTelegram, user: int) -> None:
    tg.send_text(user, "/start")
    (welcome,) = tg.wait_for(user, timeout=30)
    tg.press_button(user, welcome.message_id, "units:kg")
    tg.wait_for(user, predicate=lambda m: "Which timezone" in (m.text or ""))
    tg.send_text(user, "Berlin")
    tg.wait_for(user, predicate=lambda m: "All set" in (m.text or ""))


def _echo_process(tg: FakeTelegram, *flags: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "SPOTTER_TELEGRAM_TOKEN": tg.token,
        "SPOTTER_TELEGRAM_API_URL": tg.api_root,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.bench.echo_bot", *flags],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _measure(tmp: Path) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {"echo": [], "help": [], "log": [], "echo_uvloop": []}
    with FakeTelegram() as echo_tg, FakeTelegram() as tg, FakeTelegram() as uv_tg:
        echoes = [_echo_process(echo_tg), _echo_process(uv_tg, "--uvloop")]
        bot = BotProcess(tg, tmp, log_level="WARNING")
        try:
            bot.start()
            for user in USERS:
                _onboard(tg, user)
            for fake in (echo_tg, uv_tg):
                _once(fake, "ready?")  # returns once that echo bot polls
            for i in range(WARMUP + REPEAT):
                figures = (
                    _once(echo_tg, "/help"),
                    _once(tg, "/help", USERS[i % len(USERS)]),
                    _once(tg, SET_LOG, USERS[i % len(USERS)]),
                    _once(uv_tg, "/help"),
                )
                if i >= WARMUP:
                    for name, value in zip(samples, figures, strict=True):
                        samples[name].append(value)
        finally:
            bot.stop()
            for echo in echoes:
                echo.send_signal(signal.SIGTERM)
                echo.wait(20)
    return samples


def run() -> list[str]:
    """Measure and format."""
    with tempfile.TemporaryDirectory() as tmp:
        samples = _measure(Path(tmp))
    echo = Timing("bare PTB echo bot (process)", samples["echo"])
    log = Timing(f"spotter set log '{SET_LOG}'", samples["log"])
    return [
        f"round trips over loopback, {REPEAT} each, interleaved (send update -> reply arrived)",
        compare("/help", Timing("spotter /help (process)", samples["help"]), echo),
        compare("set log", log, echo, target_ratio=1.3),
        # Spotter runs on uvloop where it is installed; the same echo bot on uvloop shows how
        # much of the figure is the event loop rather than Spotter's own work.
        compare(
            "set log vs the echo bot on uvloop",
            log,
            Timing("bare PTB echo bot on uvloop", samples["echo_uvloop"]),
        ),
    ]
