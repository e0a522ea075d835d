"""The deload reminder the evening before a deload week, and the Sunday-evening summary."""

from __future__ import annotations

import datetime as dtm
from collections.abc import AsyncIterator

import pytest
from telegram.ext import Application

from bot.services import Services
from bot.settings import Settings
from tests.bot.program_support import build, join, uid
from tests.conftest import FrozenClock
from tests.faketg import FakeTelegram
from tests.jobs.jobs_support import bot_app, run_pass, texts

ANN = 921
Pair = tuple[Application, Services]
UTC = dtm.UTC


def utc(*args: int) -> dtm.datetime:
    return dtm.datetime(*args, tzinfo=UTC)


@pytest.fixture
async def app(bot_settings: Settings, clock: FrozenClock) -> AsyncIterator[Pair]:
    clock.now = utc(2026, 11, 16, 6, 0)  # Monday 07:00 in Berlin
    async with bot_app(bot_settings, clock) as pair:
        await join(pair[1], ANN)
        await build(pair[1], ANN)
        yield pair


async def log(services: Services, text: str, when: dtm.datetime) -> None:
    await services.logbook.log_text(uid(), ANN, text, when, uid())


SUMMARY = """🗓 Your week, Mon 16 Nov – Sun 22 Nov
Sessions: 2 of 3 planned (Mon ✓, Wed ✓, Fri —)
Hard sets per muscle group (MEV–MRV):
• Glutes 6 (0–16): in range
• Quads 6 (8–20): below
• Chest 3 (10–22): below
• Hamstrings 3 (6–20): below
• Front delts 1.5 (0–12): in range
• Triceps 1.5 (6–18): below
🏆 Records this week:
• Squat e1RM 122.5 kg (was 105 kg)
Training load: 34 this week (+229% on last week's 10); fitness 0 → 1, form -2

💬 That was your week. Consistency is what moves the needle, so keep showing up."""


async def test_the_weekly_summary_arrives_sunday_evening_once_with_its_chart(
    app: Pair, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Sunday 19:00 local: sessions against the plan, hard sets against landmarks, the
    week's records and load trend, then the volume chart; once, not on Saturday."""
    services = app[1]
    await log(services, "squat 3x5 @ 90kg", utc(2026, 11, 9, 17, 0))
    await log(services, "squat 3x5 @ 100kg", utc(2026, 11, 16, 17, 0))
    await log(services, "bench 3x8 @ 60kg rir2", utc(2026, 11, 16, 17, 10))
    await log(services, "squat 3x5 @ 105kg", utc(2026, 11, 18, 17, 0))
    clock.now = utc(2026, 11, 21, 18, 0)  # Saturday 19:00
    assert await run_pass(app, "weekly") == 0
    clock.now = utc(2026, 11, 22, 17, 59)  # Sunday 18:59
    assert await run_pass(app, "weekly") == 0
    clock.advance(minutes=1)
    assert await run_pass(app, "weekly") == 1
    clock.advance(hours=1)
    assert await run_pass(app, "weekly") == 0
    assert texts(tg, ANN) == [SUMMARY]
    (chart,) = [m for m in tg.outputs(ANN) if m.method == "sendPhoto"]
    assert chart.text == "Week of 16 Nov: 4 of 13 muscle groups in range, 4,515 kg lifted"
    assert chart.photo is not None
    assert chart.photo.startswith(b"\x89PNG")


async def test_no_summary_for_an_empty_week_without_a_program(
    bot_settings: Settings, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Nothing logged and no program: nothing is sent (the week is claimed all the same);
    the summary can be switched off."""
    clock.now = utc(2026, 11, 22, 18, 0)
    async with bot_app(bot_settings, clock) as pair:
        await join(pair[1], ANN)
        await join(pair[1], ANN + 1)
        await log(pair[1], "squat 3x5 @ 100kg", utc(2026, 11, 20, 17, 0))
        await pair[1].reminders.change(uid(), ANN, "weekly", 0)
        assert await run_pass(pair, "weekly") == 0
    assert tg.outputs() == []


DELOAD_EVE = """🔻 Your deload week starts tomorrow (week 5 of 8).
Why: a lighter week every 5 weeks lets fatigue clear, so the weeks after it can progress again.
What changes in Full body A:
• Squat: 4 × 4 @ RIR 1.5 → 2 × 7 @ RIR 5
• Bench press: 4 × 4 @ RIR 1.5 → 2 × 7 @ RIR 5
• Chest fly: 3 × 7–11 @ RIR 1.5 → 2 × 7–11 @ RIR 4
• Lateral raise: 3 × 7–11 @ RIR 1.5 → 2 × 7–11 @ RIR 4
• Calf raise: 3 × 7–11 @ RIR 1.5 → 2 × 7–11 @ RIR 4
Log as usual; the week after, the plan picks up where it left off.

💬 Tomorrow is lighter on purpose: the easy week lets the hard ones pay off."""


async def test_the_scheduled_deload_is_announced_the_evening_before_once(
    app: Pair, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Week 5 starts Mon 14 Dec: at 19:00 on Sunday 13 Dec, what changes and why, once."""
    clock.now = utc(2026, 12, 12, 18, 0)  # Saturday
    assert await run_pass(app, "deload_eve") == 0
    clock.now = utc(2026, 12, 13, 17, 59)
    assert await run_pass(app, "deload_eve") == 0
    clock.advance(minutes=1)
    assert await run_pass(app, "deload_eve") == 1
    clock.advance(minutes=30)
    assert await run_pass(app, "deload_eve") == 0
    assert texts(tg, ANN) == [DELOAD_EVE]


async def test_a_triggered_deload_is_announced_with_its_reason(
    app: Pair, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Missed targets on Monday bring week 2's deload forward: Sunday evening says why."""
    services = app[1]
    monday_evening = utc(2026, 11, 16, 17, 0)
    await log(services, "squat 4x7 @ 60 rir0", monday_evening)
    clock.now = monday_evening
    assert (await services.programs.after_session(ANN)).deload is not None
    clock.now = utc(2026, 11, 22, 18, 0)
    assert await run_pass(app, "deload_eve") == 1
    (text,) = texts(tg, ANN)
    lines = text.splitlines()
    assert lines[0] == "🔻 Your deload week starts tomorrow (week 2 of 8)."
    assert lines[1].startswith("Why: brought forward: ")
    assert "missed their reps or RIR target" in lines[1]
    assert "Plan:" not in text
