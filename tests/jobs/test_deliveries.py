"""One exactly-once mechanism for every scheduled message: refusals, start-up, DST."""

from __future__ import annotations

import datetime as dtm
from collections.abc import AsyncIterator
from zoneinfo import ZoneInfo

import pytest
from telegram.ext import Application

from bot.services import Services
from bot.settings import Settings
from jobs.deliveries import FIRST_RUN_S, JOBS, schedule
from tests.bot.program_support import build, join, uid
from tests.conftest import FrozenClock
from tests.faketg import FakeTelegram
from tests.jobs.jobs_support import bot_app, run_pass, texts

ANN = 911
MONDAY_0700 = dtm.datetime(2026, 11, 16, 6, 0, tzinfo=dtm.UTC)  # 07:00 in Berlin
Pair = tuple[Application, Services]


@pytest.fixture
async def app(bot_settings: Settings, clock: FrozenClock) -> AsyncIterator[Pair]:
    clock.now = MONDAY_0700
    async with bot_app(bot_settings, clock) as pair:
        yield pair


async def athlete(services: Services, user_id: int = ANN, tz: str = "Europe/Berlin") -> None:
    await join(services, user_id, tz)
    await build(services, user_id)


async def test_a_blocked_user_is_skipped_until_they_write_again(
    bot_settings: Settings, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """A 403 keeps the claim and marks the user inactive: Wednesday is not even tried.
    Once they write again, Friday's message goes out."""
    clock.now = MONDAY_0700
    async with bot_app(bot_settings, clock, polling=True) as pair:
        await athlete(pair[1])
        tg.block(ANN)
        assert await run_pass(pair, "morning") == 0
        clock.now += dtm.timedelta(days=2)
        attempts = len(tg.calls_of("sendMessage"))
        assert await run_pass(pair, "morning") == 0
        assert len(tg.calls_of("sendMessage")) == attempts
        tg.block(ANN, blocked=False)
        tg.send_text(ANN, "/week")
        await tg.await_for(ANN)
        clock.now += dtm.timedelta(days=2)
        assert await run_pass(pair, "morning") == 1
    assert texts(tg, ANN)[-1].startswith("☀️ Good morning, Ann!\n\n📋 Today — Fri 20 Nov")


@pytest.mark.parametrize(
    ("local_time", "sent"),
    [(dtm.time(8, 59), 1), (dtm.time(9, 0), 0)],
    ids=["inside-grace", "outside-grace"],
)
async def test_a_delivery_missed_while_down_is_sent_on_start_up_inside_its_grace(
    bot_settings: Settings,
    tg: FakeTelegram,
    clock: FrozenClock,
    local_time: dtm.time,
    sent: int,
) -> None:
    """The bot was down at 07:00: started at 08:59 it sends the morning message, at 09:00
    (two hours after) it skips it, and nothing is sent later that day."""
    clock.now = MONDAY_0700 - dtm.timedelta(hours=2)
    async with bot_app(bot_settings, clock) as (_, services):
        await athlete(services)
    berlin = ZoneInfo("Europe/Berlin")
    clock.now = dtm.datetime.combine(dtm.date(2026, 11, 16), local_time, berlin)
    async with bot_app(bot_settings, clock) as pair:
        schedule(pair[0])
        assert pair[0].job_queue is not None
        (job,) = pair[0].job_queue.get_jobs_by_name("morning")
        await job.run(pair[0])  # the first run, FIRST_RUN_S after start-up
        clock.advance(hours=3)
        assert await run_pass(pair, "morning") == 0
    assert len(texts(tg, ANN)) == sent
    assert FIRST_RUN_S <= 10


async def test_every_kind_has_its_job_every_minute(app: Pair) -> None:
    """Morning, deload reminder, weekly summary, coach digest: one per-minute job each."""
    application, _ = app
    schedule(application)
    assert application.job_queue is not None
    for name in JOBS.values():
        (job,) = application.job_queue.get_jobs_by_name(name)
        assert job.trigger.interval == dtm.timedelta(seconds=60)
    assert set(JOBS.values()) == {"morning", "deload reminder", "weekly summary", "coach digest"}


async def test_rest_days_send_a_note_only_when_asked(
    app: Pair, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Tuesday is a rest day: silence by default; with the note on, a short note once."""
    await athlete(app[1])
    clock.now += dtm.timedelta(days=1)
    assert await run_pass(app, "morning") == 0
    await app[1].reminders.change(uid(), ANN, "rest", 1)
    clock.now += dtm.timedelta(days=2)  # Thursday
    assert await run_pass(app, "morning") == 1
    assert await run_pass(app, "morning") == 0
    assert texts(tg, ANN) == [
        "☀️ Good morning, Ann!\n\n😌 Rest day — Thu 19 Nov.\nNext: Fri 20 Nov — Full body C."
    ]


async def test_per_weekday_settings_and_off(
    app: Pair, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Monday unticked: nothing on Monday, Wednesday's arrives; switched off: nothing Friday."""
    await athlete(app[1])
    await app[1].reminders.change(uid(), ANN, "day", 0)
    assert await run_pass(app, "morning") == 0
    clock.now += dtm.timedelta(days=2)
    assert await run_pass(app, "morning") == 1
    await app[1].reminders.change(uid(), ANN, "on", 0)
    clock.now += dtm.timedelta(days=2)
    assert await run_pass(app, "morning") == 0
    assert [t.splitlines()[2][:25] for t in texts(tg, ANN)] == ["📋 Today — Wed 18 Nov · we"]


async def test_a_new_hour_applies_from_the_next_day_and_never_twice_a_day(
    app: Pair, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Sent at 07:00; moved to 09:00 the same morning, nothing more that day; Wednesday 09:00."""
    await athlete(app[1])
    assert await run_pass(app, "morning") == 1
    await app[1].reminders.change(uid(), ANN, "hour", 9)
    clock.advance(hours=2)
    assert await run_pass(app, "morning") == 0
    clock.now = dtm.datetime(2026, 11, 18, 7, 59, tzinfo=dtm.UTC)  # Wed 08:59
    assert await run_pass(app, "morning") == 0
    clock.advance(minutes=1)
    assert await run_pass(app, "morning") == 1


async def test_a_restart_inside_the_grace_window_after_sending_sends_nothing_more(
    bot_settings: Settings, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Sent at 07:00, the bot goes down and comes back at 08:30 (still inside the morning's
    grace): its first run finds the claim and sends nothing; the next day's comes as usual."""
    clock.now = MONDAY_0700
    async with bot_app(bot_settings, clock) as pair:
        await athlete(pair[1])
        assert await run_pass(pair, "morning") == 1
    clock.advance(hours=1, minutes=30)
    async with bot_app(bot_settings, clock) as pair:
        schedule(pair[0])
        assert pair[0].job_queue is not None
        (job,) = pair[0].job_queue.get_jobs_by_name("morning")
        await job.run(pair[0])
        assert len(texts(tg, ANN)) == 1
        clock.now = MONDAY_0700 + dtm.timedelta(days=2)
        assert await run_pass(pair, "morning") == 1
    assert len(texts(tg, ANN)) == 2


@pytest.mark.parametrize(
    ("local_time", "sent"),
    [(dtm.time(21, 59), 1), (dtm.time(22, 0), 0)],
    ids=["inside-its-window", "after-it"],
)
async def test_a_weekly_summary_missed_while_down_goes_out_only_inside_its_window(
    bot_settings: Settings, tg: FakeTelegram, clock: FrozenClock, local_time: dtm.time, sent: int
) -> None:
    """Down on Sunday evening from 18:00: back at 21:59 the summary goes out, at 22:00 not."""
    clock.now = MONDAY_0700
    async with bot_app(bot_settings, clock) as pair:
        await athlete(pair[1])
    clock.now = dtm.datetime.combine(dtm.date(2026, 11, 22), local_time, ZoneInfo("Europe/Berlin"))
    async with bot_app(bot_settings, clock) as pair:
        assert await run_pass(pair, "weekly") == sent
        clock.advance(days=1)
        assert await run_pass(pair, "weekly") == 0
    assert len([t for t in texts(tg, ANN) if t.startswith("🗓")]) == sent


async def test_status_lists_the_next_delivery_of_each_kind(app: Pair, clock: FrozenClock) -> None:
    """Monday 06:00 in Berlin: Ann's morning slot at 07:00, Ken's at 07:00 in Tokyo (22:00
    UTC); the Sunday summaries, Ken's first; the deload reminders on 13 Dec; a user with the
    morning message off and no program counts for the summary only."""
    clock.now = MONDAY_0700 - dtm.timedelta(hours=1)
    await athlete(app[1])
    await athlete(app[1], ANN + 1, "Asia/Tokyo")
    await join(app[1], ANN + 2)
    await app[1].reminders.change(uid(), ANN + 2, "on", 0)
    found = {u.kind: u for u in await app[1].deliveries.upcoming()}
    assert found["morning"].first == dtm.datetime(2026, 11, 16, 6, 0, tzinfo=dtm.UTC)
    assert found["morning"].count == 2
    assert found["weekly"].first == dtm.datetime(2026, 11, 22, 10, 0, tzinfo=dtm.UTC)
    assert found["weekly"].count == 0
    assert found["deload_eve"].first == dtm.datetime(2026, 12, 13, 10, 0, tzinfo=dtm.UTC)
    assert list(found) == ["morning", "weekly", "deload_eve"]
