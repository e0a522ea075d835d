"""The morning job across daylight-saving changes: 07:00 local on both sides, once a day."""

from __future__ import annotations

import datetime as dtm
from zoneinfo import ZoneInfo

import pytest

from bot.settings import Settings
from tests.bot.program_support import build, join, uid
from tests.conftest import FrozenClock
from tests.faketg import FakeTelegram
from tests.jobs.jobs_support import bot_app, run_pass, texts

ANN = 931


@pytest.mark.parametrize(
    ("zone", "change_day"),
    [
        ("Europe/Berlin", dtm.date(2026, 3, 29)),
        ("Europe/Berlin", dtm.date(2026, 10, 25)),
        ("America/New_York", dtm.date(2026, 3, 8)),
        ("America/New_York", dtm.date(2026, 11, 1)),
    ],
    ids=["berlin-spring", "berlin-autumn", "new-york-spring", "new-york-autumn"],
)
async def test_seven_local_on_the_day_before_the_change_day_and_the_day_after(
    bot_settings: Settings, tg: FakeTelegram, clock: FrozenClock, zone: str, change_day: dtm.date
) -> None:
    """Saturday, the change Sunday and Monday: nothing at 06:59, the message at 07:00 local
    (rest-day notes at the weekend, Monday's session), nothing more before the window ends."""
    tz = ZoneInfo(zone)
    clock.now = dtm.datetime.combine(change_day - dtm.timedelta(days=6), dtm.time(12), tz)
    async with bot_app(bot_settings, clock) as pair:
        await join(pair[1], ANN, zone)
        await build(pair[1], ANN)
        await pair[1].reminders.change(uid(), ANN, "rest", 1)
        for offset in (-1, 0, 1):
            day = change_day + dtm.timedelta(days=offset)
            for local, expected in ((dtm.time(6, 59), 0), (dtm.time(7), 1), (dtm.time(8, 59), 0)):
                clock.now = dtm.datetime.combine(day, local, tz)
                assert await run_pass(pair, "morning") == expected, (day, local)
    sent = texts(tg, ANN)
    assert len(sent) == 3
    assert "😌 Rest day" in sent[0]
    assert "😌 Rest day" in sent[1]
    assert "📋 Today — Mon" in sent[2]
