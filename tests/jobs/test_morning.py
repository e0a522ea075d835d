"""The morning job: each athlete's session at their local hour, once, across restarts."""

from __future__ import annotations

import datetime as dtm
from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.ext import Application

from bot.services import Services
from bot.services.program_text import render_day
from bot.settings import Settings
from jobs.deliveries import schedule, send_due
from tests.bot.program_support import build, join
from tests.conftest import FrozenClock
from tests.faketg import FakeTelegram
from tests.jobs.jobs_support import bot_app, texts

ANN, KEN, BOB = 901, 902, 903  # Berlin, Tokyo, Berlin
MONDAY_0559 = dtm.datetime(2026, 11, 16, 5, 59, tzinfo=dtm.UTC)  # 06:59 in Berlin


@pytest.fixture
async def app(
    bot_settings: Settings, clock: FrozenClock
) -> AsyncIterator[tuple[Application, Services]]:
    clock.now = MONDAY_0559
    async with bot_app(bot_settings, clock) as pair:
        yield pair


async def send_due_mornings(bot: Bot, services: Services) -> int:
    return await send_due(bot, services, "morning")


async def test_sent_once_at_seven_and_never_again_after_a_restart(
    app: tuple[Application, Services],
    tg: FakeTelegram,
    clock: FrozenClock,
    bot_settings: Settings,
) -> None:
    """06:59 sends nothing, 07:00 sends /today's text once; a rerun and a restart send nothing."""
    application, services = app
    await join(services, ANN)
    await build(services, ANN)
    assert await send_due_mornings(application.bot, services) == 0
    clock.advance(minutes=1)
    assert await send_due_mornings(application.bot, services) == 1
    today = render_day(await services.programs.today(ANN))
    (text,) = texts(tg, ANN)
    assert text.startswith(f"☀️ Good morning, Ann!\n\n{today}\n\n💬 ")
    card = await services.morning.card(ANN, dtm.date(2026, 11, 16))
    assert card is not None
    assert card.text == text
    assert await send_due_mornings(application.bot, services) == 0
    clock.advance(hours=1)
    async with bot_app(bot_settings, clock) as (again, fresh):
        assert await send_due_mornings(again.bot, fresh) == 0
    assert len(texts(tg, ANN)) == 1


async def test_each_user_gets_theirs_at_their_own_seven(
    app: tuple[Application, Services], tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Tokyo's 07:00 is the evening before in UTC; a rest day sends nothing."""
    application, services = app
    await join(services, ANN)
    await join(services, KEN, "Asia/Tokyo")
    await build(services, ANN)
    await build(services, KEN)  # starts Mon 16 Nov too: Mon/Wed/Fri
    clock.now = dtm.datetime(2026, 11, 17, 6, 0, tzinfo=dtm.UTC)  # Tue: Berlin rest day
    assert await send_due_mornings(application.bot, services) == 0
    clock.now = dtm.datetime(2026, 11, 17, 21, 59, tzinfo=dtm.UTC)  # Wed 06:59 in Tokyo
    assert await send_due_mornings(application.bot, services) == 0
    clock.advance(minutes=1)
    assert await send_due_mornings(application.bot, services) == 1
    (text,) = texts(tg, KEN)
    assert "📋 Today — Wed 18 Nov · week 1 of 8, day 2 · Full body B" in text
    assert texts(tg, ANN) == []


async def test_a_blocked_user_does_not_stop_the_others(
    app: tuple[Application, Services], tg: FakeTelegram, clock: FrozenClock
) -> None:
    """A 403 for one user is logged and kept as delivered; the next user still gets theirs."""
    application, services = app
    for user in (ANN, BOB):
        await join(services, user)
        await build(services, user)
    tg.block(ANN)
    clock.advance(minutes=1)
    assert await send_due_mornings(application.bot, services) == 1
    assert len(texts(tg, BOB)) == 1
    attempts = len(tg.calls_of("sendMessage"))
    assert await send_due_mornings(application.bot, services) == 0
    assert len(tg.calls_of("sendMessage")) == attempts


async def test_a_transient_failure_is_retried_on_the_next_run(
    app: tuple[Application, Services], tg: FakeTelegram, clock: FrozenClock
) -> None:
    """A 502 that outlasts the retries releases the claim; the next minute's run sends it."""
    application, services = app
    await join(services, ANN)
    await build(services, ANN)
    clock.advance(minutes=1)
    tg.fail_next("sendMessage", status=502, count=4)
    assert await send_due_mornings(application.bot, services) == 0
    clock.advance(minutes=1)
    assert await send_due_mornings(application.bot, services) == 1
    assert len(texts(tg, ANN)) == 1


async def test_a_triggered_deload_is_reminded_once(
    app: tuple[Application, Services], tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Missed targets on Monday bring the deload forward; Wednesday's message reminds once."""
    application, services = app
    await join(services, ANN)
    await build(services, ANN)
    monday_evening = dtm.datetime(2026, 11, 16, 17, 0, tzinfo=dtm.UTC)
    await services.logbook.log_text(99, ANN, "squat 4x7 @ 60 rir0", monday_evening, 1)
    clock.now = monday_evening
    progress = await services.programs.after_session(ANN)
    assert progress.deload is not None
    clock.now = dtm.datetime(2026, 11, 18, 6, 30, tzinfo=dtm.UTC)
    assert await send_due_mornings(application.bot, services) == 1
    clock.now = dtm.datetime(2026, 11, 20, 6, 30, tzinfo=dtm.UTC)
    assert await send_due_mornings(application.bot, services) == 1
    wednesday, friday = texts(tg, ANN)
    assert "🔻 Reminder: Deload next week (week 2)" in wednesday
    assert "Reminder" not in friday


async def test_the_job_is_scheduled_every_minute_and_runs_in_the_app(
    app: tuple[Application, Services], tg: FakeTelegram, clock: FrozenClock
) -> None:
    """schedule() adds a repeating job whose run sends what is due through the app's bot."""
    application, services = app
    await join(services, ANN)
    await build(services, ANN)
    schedule(application)
    assert application.job_queue is not None
    (job,) = application.job_queue.get_jobs_by_name("morning")
    assert job.trigger.interval == dtm.timedelta(seconds=60)
    clock.advance(minutes=1)
    await job.run(application)
    assert len(texts(tg, ANN)) == 1
