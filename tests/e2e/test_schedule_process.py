"""Scheduled messages from the real bot process and the fake Bot API, with its clock placed
by SPOTTER_CLOCK_OFFSET_S: one morning message when it is due, none more after a crash and
restart, and the deload reminder and weekly summary on the Sunday evening that calls for them.
"""

from __future__ import annotations

import datetime as dtm
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.botproc import BotProcess
from tests.e2e.e2e_support import ANN, onboard
from tests.faketg import FakeTelegram, SentMessage

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]
UTC = dtm.UTC
SETUP_AT = dtm.datetime(2026, 11, 16, 4, 0, tzinfo=UTC)  # Monday 05:00 in Berlin
DUE_SOON = dtm.datetime(2026, 11, 16, 5, 59, 40, tzinfo=UTC)  # 06:59:40: due in 20 s
DELOAD_EVE = dtm.datetime(2026, 12, 13, 18, 0, 20, tzinfo=UTC)  # Sunday before week 5, 19:00
PASS = "deliveries pass kind=morning sent="
ANSWERS = [
    "💪 Strength",
    "🧱 Muscle (hypertrophy)",
    "Just these two",
    "Strength 7 · Muscle 3",
    "3",
    "60 min",
    "🏋️ Full gym",
    "Full body",
    "8 weeks",
]


@pytest.fixture
def bot(tg: FakeTelegram, tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(tg, tmp_path)
    yield process
    process.kill()


def start_at(bot: BotProcess, when: dtm.datetime) -> None:
    """Start the process with its clock showing ``when`` now."""
    bot.env["SPOTTER_CLOCK_OFFSET_S"] = f"{(when - dtm.datetime.now(UTC)).total_seconds():.3f}"
    bot.start()


def sends(tg: FakeTelegram, prefix: str) -> list[SentMessage]:
    return [
        m
        for m in tg.outputs(ANN)
        if m.method == "sendMessage" and (m.text or "").startswith(prefix)
    ]


def tap(tg: FakeTelegram, message: SentMessage, label: str) -> SentMessage:
    data = next(d for text, d in message.buttons if text.startswith(label))
    tg.press_button(ANN, message.message_id, data)
    (edit,) = tg.wait_for(ANN, timeout=20)
    return edit


def build_program(tg: FakeTelegram) -> None:
    tg.send_text(ANN, "/program")
    (question,) = tg.wait_for(ANN, timeout=20)
    for label in [*ANSWERS, "Today"]:
        question = tap(tg, question, label)
    tg.wait_for(ANN, predicate=lambda m: "Week 1" in (m.text or ""), timeout=20)


def passes(bot: BotProcess, since: int = 0) -> list[str]:
    """The morning passes the process logged after log offset ``since``."""
    return [line for line in bot.log()[since:].splitlines() if PASS in line]


def test_one_morning_message_when_due_none_after_a_restart_and_the_sunday_messages(
    bot: BotProcess, tg: FakeTelegram
) -> None:
    start_at(bot, SETUP_AT)
    onboard(tg)
    build_program(tg)
    assert bot.stop() == 0

    start_at(bot, DUE_SOON)  # not due at the first pass, due at the next one
    tg.wait_until(lambda: len(passes(bot)) >= 1, timeout=30)
    assert passes(bot)[0].endswith(f"{PASS}0")
    assert sends(tg, "☀️ Good morning") == []
    tg.wait_until(lambda: len(sends(tg, "☀️ Good morning")) == 1, timeout=120)
    (morning,) = sends(tg, "☀️ Good morning")
    assert "📋 Today — Mon 16 Nov · week 1 of 8, day 1 · Full body A" in morning.text
    assert ("▶️ Start", "am:go:20261116:1.1") in morning.buttons

    bot.kill()  # a crash right after sending, then a restart inside the grace window
    mark = len(bot.log())
    start_at(bot, DUE_SOON + dtm.timedelta(minutes=2))
    tg.wait_until(lambda: len(passes(bot, mark)) >= 1, timeout=30)
    assert passes(bot, mark)[0].endswith(f"{PASS}0")  # logged once the pass is over
    assert len(sends(tg, "☀️ Good morning")) == 1
    assert bot.stop() == 0

    start_at(bot, DELOAD_EVE)
    tg.wait_until(
        lambda: sends(tg, "🔻 Your deload week starts tomorrow") and sends(tg, "🗓 Your week"),
        timeout=30,
    )
    (eve,) = sends(tg, "🔻 Your deload week starts tomorrow")
    assert eve.text.startswith("🔻 Your deload week starts tomorrow (week 5 of 8).")
    (week,) = sends(tg, "🗓 Your week")
    assert week.text.startswith("🗓 Your week, Mon 07 Dec – Sun 13 Dec\nSessions: 0 of 3 planned")
    assert bot.stop() == 0
    assert len(sends(tg, "☀️ Good morning")) == 1
