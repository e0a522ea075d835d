"""What the coach sees: the notice on /done, /team notify, /team report, an athlete's chart,
the daily digest; athletes and strangers refused."""

from __future__ import annotations

import datetime as dtm
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot

from bot.services import Services
from jobs.deliveries import send_due
from storage.tables import Broadcast, CoachSession
from tests.conftest import FrozenClock
from tests.faketg import FakeTelegram
from tests.handlers.coaching_support import squad_of_two
from tests.handlers.team_support import (
    ATHLETE,
    COACH,
    OTHER_ATHLETE,
    OTHER_COACH,
    bot_with_admin,
    has,
    make_coach,
    press,
    say,
)

TODAY = dtm.date(2026, 11, 16)  # the clock fixture's day (a Monday), Berlin


@pytest.fixture
async def squad(
    tmp_path: Path, db_url: str, tg: FakeTelegram, clock: FrozenClock
) -> AsyncIterator[Services]:
    """A coach with team Squad: Abe (kg, a coached session today: 3 squat sets) and Bea (lb)."""
    async with bot_with_admin(tmp_path, db_url, tg, clock) as services:
        team_id = await squad_of_two(services, tg, clock)
        async with services.core.db.write(now=clock()) as session:
            cast = Broadcast(team_id=team_id, plan_name="Base", week_start=TODAY,
                             coach_id=COACH, created_at=clock())  # fmt: skip
            session.add(cast)
            await session.flush()
            plan = [{"exercise": "squat", "sets": 3, "reps": 5, "load_kg": 100.0, "rir": 2}]
            session.add(CoachSession(broadcast_id=cast.id or 0, user_id=ATHLETE,
                                     local_date=TODAY, title="Day 1",
                                     exercises=json.dumps(plan), created_at=clock()))  # fmt: skip
        yield services


async def _train(tg: FakeTelegram, clock: FrozenClock, user_id: int, sets: int = 3) -> None:
    for _ in range(sets):  # sent at the clock's time: the sets are on today's date
        await say(tg, user_id, "squat 100x5 rir 2", date=clock())


async def test_the_coach_hears_of_each_finished_workout(
    squad: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    await _train(tg, clock, ATHLETE)
    tg.send_text(ATHLETE, "/done", date=clock())
    (notice,) = await tg.await_for(COACH, predicate=has("finished a workout"))
    assert notice.text.startswith("✅ Abe (Squad) finished a workout: 3 sets · squat · ")
    assert notice.text.endswith("\nToday's plan: 3 of 3 sets (100 %)")
    await tg.await_for(ATHLETE, predicate=has("Workout done"))
    # A second /done finishes nothing: no second notice.
    assert (await say(tg, ATHLETE, "/done")).text.startswith("No workout in progress")
    assert len([m for m in tg.outputs(COACH) if "finished a workout" in (m.text or "")]) == 1


async def test_notify_daily_or_off_stops_the_notices(
    squad: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    reply = await say(tg, COACH, "/team notify Squad daily 21")
    assert reply.text == (
        "🗞 Squad: one digest a day at 21:00 your time (who trained, who missed, "
        "who needs attention)."
    )
    await _train(tg, clock, ATHLETE, 1)
    await say(tg, ATHLETE, "/done")
    assert not [m for m in tg.outputs(COACH) if "finished a workout" in (m.text or "")]
    assert (await say(tg, COACH, "/team notify Squad off")).text == "🔕 Squad: no workout notices."


async def test_notify_bad_input_and_wrong_people(squad: Services, tg: FakeTelegram) -> None:
    assert (await say(tg, COACH, "/team notify Squad sometimes")).text == (
        "Choose how you hear of finished workouts: /team notify NAME each|daily|off"
    )
    assert (await say(tg, COACH, "/team notify Squad daily 25")).text.startswith(
        "The digest hour is 0 to 23"
    )
    assert (await say(tg, COACH, "/team notify Nope off")).text.startswith(
        "You have no team called “Nope”."
    )
    assert (await say(tg, ATHLETE, "/team notify Squad off")).text.startswith("That's for coaches")
    assert (await say(tg, ATHLETE, "/team report")).text.startswith("That's for coaches")


async def test_team_report_shows_compliance_and_the_chart(
    squad: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    await _train(tg, clock, ATHLETE, 2)
    tg.send_text(COACH, "/team report Squad")
    (report,) = await tg.await_for(COACH, predicate=has("📊"))
    assert report.text.splitlines()[0] == (
        "📊 Squad: compliance (sets done ÷ prescribed) 7 d · 30 d · 90 d"
    )
    assert "• Abe: 67 % · 67 % · 67 % (partial, load 100% of plan, RIR +0.0 vs target)" in (
        report.text
    )
    assert "• Bea: – · – · –" in report.text
    (chart,) = await tg.await_for(COACH, predicate=lambda m: m.method == "sendPhoto")
    assert chart.photo is not None
    assert chart.photo.startswith(b"\x89PNG")
    assert chart.text.startswith("Squad: sets done ÷ prescribed per athlete and week")


async def test_a_coach_opens_an_athletes_chart_and_nobody_else_can(
    squad: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    await _train(tg, clock, ATHLETE, 1)
    tg.send_text(COACH, "/chart volume for Abe")
    (photo,) = await tg.await_for(COACH, predicate=lambda m: m.method == "sendPhoto")
    assert photo.photo is not None
    # Abe's own data, as Abe would be answered: one day of squats is too little for a trend.
    assert (await say(tg, COACH, "/chart e1rm squat for ab")).text.startswith("Squat e1RM")
    picker = await say(tg, COACH, "/chart e1rm squat for")
    assert picker.text == "Whose chart?"
    assert picker.buttons == [
        ("Abe", f"cc:{ATHLETE}:e1rm:squat"),
        ("Bea", f"cc:{OTHER_ATHLETE}:e1rm:squat"),
    ]
    assert (await say(tg, OTHER_ATHLETE, "/chart e1rm squat for Abe")).text.startswith(
        "That's for coaches"
    )
    # A forged button: the other athlete taps a chart button of Abe's.
    answer = await press(
        tg, OTHER_ATHLETE, picker.message_id, f"cc:{ATHLETE}:e1rm:squat", chat_id=COACH
    )
    assert answer == (
        "You can see your own training data, and a coach that of their own athletes."
    )
    await make_coach(tg, OTHER_COACH, "Otto")
    answer = await press(
        tg, OTHER_COACH, picker.message_id, f"cc:{ATHLETE}:e1rm:squat", chat_id=COACH
    )
    assert answer is not None
    assert answer.startswith("You can see your own")
    assert (await say(tg, OTHER_COACH, "/chart e1rm for Abe")).text == (
        "None of your athletes is called “Abe”."
    )


async def test_the_daily_digest_arrives_once_at_the_coachs_hour(
    squad: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    await say(tg, COACH, "/team notify Squad daily 20")
    await _train(tg, clock, OTHER_ATHLETE, 1)
    clock.now = dtm.datetime(2026, 11, 16, 18, 59, tzinfo=dtm.UTC)  # 19:59 in Berlin
    async with Bot(tg.token, base_url=f"{tg.api_root}/bot") as bot:
        assert await send_due(bot, squad, "coach_digest") == 0
        clock.now = dtm.datetime(2026, 11, 16, 19, 5, tzinfo=dtm.UTC)
        assert await send_due(bot, squad, "coach_digest") == 1
        assert await send_due(bot, squad, "coach_digest") == 0
    (digest,) = [m for m in tg.outputs(COACH) if "Your teams today" in (m.text or "")]
    assert digest.text == (
        "📋 Your teams today, Mon 16 Nov\n\n👥 Squad\nTrained today: Bea\n"
        "Planned but not logged: Abe"
    )
