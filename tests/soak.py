"""The long run of the resilience tests (``make soak``, not in CI): the real bot process,
several users, random Bot API faults and kill -9 at random moments, restarted each time on
the same database. Prints messages, faults, kills, lost, doubled, crashes and leaks.

``python -m tests.soak [--messages N] [--kills K] [--seed S]``
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from tests.e2e.botproc import BotProcess
from tests.e2e.crash_support import SetStream, arm_fault, integrity
from tests.faketg import FakeTelegram

USERS = tuple(range(901, 921))


def onboard(tg: FakeTelegram, user: int) -> None:
    tg.send_text(user, "/start")
    (welcome,) = tg.wait_for(user, timeout=30)
    tg.press_button(user, welcome.message_id, "units:kg")
    tg.wait_for(user, predicate=lambda m: "Which timezone" in (m.text or ""), timeout=30)
    tg.send_text(user, "Berlin")
    tg.wait_for(user, predicate=lambda m: "All set" in (m.text or ""), timeout=30)


def _rss_kb(bot: BotProcess) -> int:
    if bot.process is None:
        return 0
    status = Path(f"/proc/{bot.process.pid}/status")
    match = re.search(r"VmRSS:\s+(\d+)", status.read_text()) if status.exists() else None
    return int(match[1]) if match else 0


def soak(messages: int, kills: int, seed: int, tmp: Path) -> dict[str, object]:
    rng = random.Random(seed)
    kill_at = set(rng.sample(range(50, messages), kills))
    streams = {user: SetStream() for user in USERS}
    faults: Counter[str] = Counter()
    rss: list[int] = []
    crashes = 0
    with FakeTelegram() as tg:
        bot = BotProcess(tg, tmp, log_level="INFO")
        bot.start()
        for user in USERS:
            onboard(tg, user)
        started = time.monotonic()
        for i in range(messages):
            if i % 7 == 0:
                faults[arm_fault(tg, rng, ("sendMessage", "getUpdates"))] += 1
            user = rng.choice(USERS)
            tg.send_text(user, streams[user].next())
            time.sleep(rng.uniform(0.0, 0.1))  # about 10 a second in all, 1 in 2 s a user
            if i in kill_at:
                rss.append(_rss_kb(bot))
                bot.kill()
                bot.start()
            elif bot.process is not None and bot.process.poll() is not None:
                crashes += 1
                bot.start()
        for user in USERS:
            tg.send_text(user, "/history")
            tg.wait_for(user, predicate=lambda m: "sets ·" in (m.text or ""), timeout=120)
        rss.append(_rss_kb(bot))
        bot.stop()
        with sqlite3.connect(bot.database) as conn:
            not_done = conn.execute("SELECT count(*) FROM inbox WHERE done_at IS NULL").fetchone()
        elapsed = time.monotonic() - started
        log = bot.log()
        texts = [m.text or "" for m in tg.outputs()]
        with sqlite3.connect(bot.database) as conn:
            rows = conn.execute("SELECT user_id, weight_kg FROM set_logs").fetchall()
    stored = Counter((user, kg) for user, kg in rows)
    expected = Counter((u, kg) for u, s in streams.items() for kg in s.sent)
    return {
        "messages": messages,
        "seconds": round(elapsed, 1),
        "faults injected": dict(faults),
        "kills": kills,
        "lost": sum((expected - stored).values()),
        "doubled": sum((stored - expected).values()),
        "apologies": sum("Sorry" in t for t in texts),
        "crashes": crashes,
        "tracebacks logged": log.count("Traceback"),
        "token leaks": int(tg.token.split(":", 1)[1] in log),
        "integrity": integrity(bot.database),
        "updates left not done at the end": not_done[0],
        "'Already logged' replies": sum(t.startswith("✅ Already logged") for t in texts),
        "rss kB at each kill and at the end": rss,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.soak")
    parser.add_argument("--messages", type=int, default=1500)
    parser.add_argument("--kills", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="spotter-soak-") as tmp:
        figures = soak(args.messages, args.kills, args.seed, Path(tmp))
    for name, value in figures.items():
        print(f"{name}: {value}")
    ok = figures["lost"] == figures["doubled"] == figures["token leaks"] == 0
    return 0 if ok and figures["integrity"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
