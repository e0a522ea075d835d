"""A stream of distinct set logs and what the database made of it, for crash and fault tests."""

from __future__ import annotations

import random
import re
import sqlite3
from collections import Counter
from pathlib import Path

from tests.faketg import FakeTelegram, SentMessage

_ACK = re.compile(r"^✅ Squat (\d+(?:\.\d+)?) kg × 5")
# Holds SQLite's write lock for about a second per set written (a recursive count).
SLOW_WRITES = """
CREATE TRIGGER slow_writes AFTER INSERT ON set_logs BEGIN
  SELECT count(*) FROM (
    WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500000)
    SELECT x FROM c
  );
END
"""


class SetStream:
    """Squat sets of 5 with a different load each, so every message is recognisable."""

    def __init__(self, start_kg: float = 40.0) -> None:
        self._next_kg = start_kg
        self.sent: list[float] = []

    def next(self) -> str:
        kg = self._next_kg
        self._next_kg += 0.5
        self.sent.append(kg)
        return f"squat {kg:g}x5"


def acked_kg(message: SentMessage) -> float | None:
    """The load a set-log acknowledgement confirms, if it is one."""
    match = _ACK.match(message.text or "")
    return float(match[1]) if match else None


def is_ack(message: SentMessage) -> bool:
    return message.method.startswith("send") and acked_kg(message) is not None


def stored_kg(database: Path) -> Counter[float]:
    """How many times each squat load is stored."""
    with sqlite3.connect(database) as conn:
        rows = conn.execute("SELECT weight_kg FROM set_logs WHERE exercise = 'squat'").fetchall()
    return Counter(row[0] for row in rows)


def integrity(database: Path) -> str:
    with sqlite3.connect(database) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def execute(database: Path, sql: str) -> None:
    with sqlite3.connect(database) as conn:
        conn.executescript(sql)


FAULTS = ("502", "drop", "drop-after", "429")


def arm_fault(tg: FakeTelegram, rng: random.Random, methods: tuple[str, ...]) -> str:
    """Arm one random fault on one of ``methods`` (a 429 always on sendMessage); its name."""
    fault, method = rng.choice(FAULTS), rng.choice(methods)
    if fault == "502":
        tg.fail_next(method, status=502, description="Bad Gateway")
    elif fault == "429":
        tg.fail_next("sendMessage", status=429, retry_after=1)
    elif fault == "drop":
        tg.drop_next(method)
    else:
        tg.lose_response_next(method)
    return fault
