"""/broadcast: one group post, each athlete's own week privately and once, the "My loads"
button, athletes who never opened the bot or blocked it, a repeat sending nobody twice."""

from __future__ import annotations

import datetime as dtm
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.services import Services
from bot.services.broadcast import AthleteDay, AthleteExercise, GroupDay, GroupWeek
from engine.errors import EngineError
from storage import coaching as repo
from storage import team_links
from storage import teams as team_repo
from tests.conftest import FrozenClock
from tests.faketg import FakeTelegram
from tests.handlers.coaching_support import put_on_team, squad_of_two
from tests.handlers.team_support import (
    ATHLETE,
    COACH,
    FORMER,
    GROUP,
    OTHER_ATHLETE,
    STRANGER,
    bot_with_admin,
    has,
    onboard_as,
    press,
    say,
)

MONDAY = dtm.date(2026, 11, 23)  # the Monday after the clock fixture's day
LOADS = {ATHLETE: "102.5 kg", OTHER_ATHLETE: "225 lb", FORMER: "60 kg"}


class Plans:
    """Plans as the plan service gives them: the group's week and each athlete's loads."""

    async def group_week(self, coach_id: int, name: str, week_start: dtm.date) -> GroupWeek:
        if name.casefold() != "base":
            raise EngineError(f"You have no plan called “{name}”. /plans lists yours.")
        days = (
            GroupDay(0, "Heavy", ("Squat 5×5 @ 80 %", "Bench press 3×8 @ RPE 8")),
            GroupDay(3, "", ("Deadlift 3×3 @ 85 %",)),
        )
        return GroupWeek("Base", "Squad strength", days)

    async def athlete_week(
        self, coach_id: int, name: str, week_start: dtm.date, athlete_id: int
    ) -> tuple[AthleteDay, ...]:
        load = LOADS.get(athlete_id, "50 kg")
        squat = AthleteExercise(
            "squat", 5, f"Squat 5 × 5 @ {load}", 5, 100.0, short=f"Squat 5×5 {load}"
        )
        bench = AthleteExercise("bench press", 3, "Bench press 3 × 8 @ 70 kg (RPE 8)", 8, 70.0,
                                rpe=8, short="Bench 3×8 70 kg")  # fmt: skip
        lift = AthleteExercise("deadlift", 3, "Deadlift 3 × 3 @ 150 kg", 3, 150.0)
        return (AthleteDay(0, "Heavy", (squat, bench)), AthleteDay(3, "", (lift,)))


@pytest.fixture
async def squad(
    tmp_path: Path, db_url: str, tg: FakeTelegram, clock: FrozenClock
) -> AsyncIterator[Services]:
    """Coach Cora, team Squad with Abe (kg) and Bea (lb), linked to GROUP."""
    async with bot_with_admin(tmp_path, db_url, tg, clock) as services:
        services.broadcast.plans = Plans()
        team_id = await squad_of_two(services, tg, clock)
        async with services.core.db.write(now=clock()) as session:
            await team_links.link_chat(session, team_id=team_id, chat_id=GROUP, title="Squad",
                                       coach_id=COACH, now=clock())  # fmt: skip
        yield services


GROUP_POST = (
    "📋 Squad strength · Squad · week of Mon 23 Nov\n\n"
    "Mon 23 Nov — Heavy\n• Squat 5×5 @ 80 %\n• Bench press 3×8 @ RPE 8\n\n"
    "Thu 26 Nov\n• Deadlift 3×3 @ 85 %\n\n"
    "Tap “My loads” for your own numbers; your sessions are in our private chat."
)


async def test_one_group_post_and_each_athletes_own_week(
    squad: Services, tg: FakeTelegram
) -> None:
    tg.send_text(COACH, "/broadcast base")
    (report,) = await tg.await_for(COACH, predicate=has("📣"))
    assert report.text == "📣 Squad: 2 athletes got their sessions. Posted in the group."
    (post,) = [m for m in tg.outputs(GROUP) if m.method == "sendMessage"]
    assert post.text == GROUP_POST
    assert post.buttons == [("💪 My loads", "bl:1")]
    assert "102.5" not in post.text
    (abe,) = [m for m in tg.outputs(ATHLETE) if "Cora's plan" in (m.text or "")]
    assert abe.text == (
        "📋 Cora's plan “Base” (Squad), week of Mon 23 Nov\n\n"
        "Mon 23 Nov — Heavy\n• Squat 5 × 5 @ 102.5 kg\n• Bench press 3 × 8 @ 70 kg (RPE 8)\n\n"
        "Thu 26 Nov\n• Deadlift 3 × 3 @ 150 kg\n\n"
        "Log your sets here as usual; /today shows the day's session."
    )
    (bea,) = [m for m in tg.outputs(OTHER_ATHLETE) if "Cora's plan" in (m.text or "")]
    assert "Squat 5 × 5 @ 225 lb" in bea.text
    async with squad.core.db.read() as session:
        rows = await repo.coach_sessions(
            session, [ATHLETE, OTHER_ATHLETE], MONDAY, MONDAY + dtm.timedelta(days=6)
        )
    assert sorted((r.user_id, r.local_date) for r in rows) == [
        (ATHLETE, MONDAY), (ATHLETE, MONDAY + dtm.timedelta(days=3)),
        (OTHER_ATHLETE, MONDAY), (OTHER_ATHLETE, MONDAY + dtm.timedelta(days=3)),
    ]  # fmt: skip


async def test_a_repeat_sends_nobody_anything_twice(squad: Services, tg: FakeTelegram) -> None:
    await say(tg, COACH, "/broadcast Base Squad")
    again = await say(tg, COACH, "/broadcast Base Squad")
    assert again.text == (
        "📣 Squad had this week already: nobody is sent it twice. The group had the post already."
    )
    assert len([m for m in tg.outputs(GROUP) if m.method == "sendMessage"]) == 1
    assert len([m for m in tg.outputs(ATHLETE) if "Cora's plan" in (m.text or "")]) == 1


async def test_my_loads_answers_each_tapper_with_their_own(
    squad: Services, tg: FakeTelegram
) -> None:
    await say(tg, COACH, "/broadcast Base")
    (post,) = [m for m in tg.outputs(GROUP) if m.method == "sendMessage"]
    answer = await press(tg, ATHLETE, post.message_id, "bl:1", chat_id=GROUP)
    assert answer == "Mon 23 Nov: Squat 5×5 102.5 kg · Bench 3×8 70 kg"
    (full,) = await tg.await_for(ATHLETE, predicate=has("💪 Mon 23 Nov"))
    assert full.text == (
        "💪 Mon 23 Nov — Heavy\n• Squat 5 × 5 @ 102.5 kg\n• Bench press 3 × 8 @ 70 kg (RPE 8)"
    )
    answer = await press(tg, OTHER_ATHLETE, post.message_id, "bl:1", chat_id=GROUP)
    assert answer == "Mon 23 Nov: Squat 5×5 225 lb · Bench 3×8 70 kg"
    # Someone in the group who is not on the team sees nothing personal; forged data neither.
    answer = await press(tg, STRANGER, post.message_id, "bl:1", chat_id=GROUP)
    assert answer == "This plan is for the athletes of the team."
    answer = await press(tg, ATHLETE, post.message_id, "bl:999", chat_id=GROUP)
    assert answer == "This plan is no longer there."
    assert not tg.outputs(STRANGER)


async def test_unopened_and_blocked_athletes(
    squad: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    await onboard_as(tg, FORMER, "Cid")
    async with squad.core.db.read() as session:
        team = await team_repo.team_by_name(session, coach_id=COACH, name="Squad")
    assert team is not None
    await put_on_team(squad, clock, team.id or 0, FORMER)
    tg.block(OTHER_ATHLETE)
    tg.fail_next("sendMessage", status=403,
                 description="Forbidden: bot can't initiate conversation with a user")  # fmt: skip
    tg.send_text(COACH, "/broadcast Base from 2026-11-23")
    (report,) = await tg.await_for(COACH, predicate=has("📣"))
    assert report.text == (
        "📣 Squad: 1 athlete got their sessions. Posted in the group.\n"
        "Never opened a chat with me: Abe (the group post asks them to).\n"
        "Blocked me, skipped: Bea."
    )
    (post,) = [m for m in tg.outputs(GROUP) if m.method == "sendMessage"]
    assert post.text.endswith(
        "👋 Abe: open a chat with me and press Start first, then tap My loads."
    )
    tg.block(OTHER_ATHLETE, blocked=False)
    again = await say(tg, COACH, "/broadcast Base from 2026-11-23")
    assert again.text.startswith("📣 Squad had this week already")
    assert not [m for m in tg.outputs(OTHER_ATHLETE) if "Cora's plan" in (m.text or "")]


async def test_refusals_and_bad_input(squad: Services, tg: FakeTelegram) -> None:
    assert (await say(tg, ATHLETE, "/broadcast Base")).text.startswith("That's for coaches")
    assert (await say(tg, COACH, "/broadcast")).text.startswith("Send /broadcast PLAN [TEAM]")
    assert (await say(tg, COACH, "/broadcast Nope")).text == (
        "You have no plan called “Nope”. /plans lists yours."
    )
    assert (await say(tg, COACH, "/broadcast Base from someday")).text.startswith(
        "I can't read the date “someday”."
    )
    assert (await say(tg, COACH, "/broadcast Base from 2026-01-05")).text == (
        "That week is over: pick a date from this week on."
    )
    assert not [m for m in tg.outputs(GROUP) if m.method == "sendMessage"]


async def test_without_plans_the_coach_is_told_how(squad: Services, tg: FakeTelegram) -> None:
    squad.broadcast.plans = None
    assert (await say(tg, COACH, "/broadcast Base")).text == (
        "Plans come first: write one with /plan new NAME, then /broadcast it."
    )


async def test_today_and_week_show_the_coachs_session_planned_against_done(
    squad: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    await say(tg, COACH, "/broadcast Base")
    clock.now = dtm.datetime(2026, 11, 23, 16, 0, tzinfo=dtm.UTC)  # Monday 17:00 in Berlin
    for text in ("squat 102.5x5", "squat 102.5x5", "squat 102.5x5", "bench 70x8 @8"):
        tg.send_text(ATHLETE, text, date=clock())
        await tg.await_for(ATHLETE, predicate=has("✅"))
    tg.send_text(ATHLETE, "/today")
    (today,) = await tg.await_for(ATHLETE, predicate=has("📋"))
    assert today.text == (
        "📋 Mon 23 Nov\n\nToday — Heavy (your coach's plan)\n"
        "◐ Squat 5 × 5 @ 102.5 kg — 3/5 sets\n"
        "◐ Bench press 3 × 8 @ 70 kg (RPE 8) — 1/3 sets\n\n"
        "Log your sets as usual; /done when you finish."
    )
    tg.send_text(ATHLETE, "/week")
    (week,) = await tg.await_for(ATHLETE, predicate=has("🗓"))
    assert week.text.startswith("🗓 Week of Mon 23 Nov\n\nToday — Heavy (your coach's plan)")
    assert "Thu 26 Nov (your coach's plan)\n▫️ Deadlift 3 × 3 @ 150 kg — 0/3 sets" in week.text
    # Bea's /today shows her own loads; a day without a coached session is the program's.
    assert "225 lb" in (await say(tg, OTHER_ATHLETE, "/today")).text
    clock.now = dtm.datetime(2026, 11, 24, 16, 0, tzinfo=dtm.UTC)
    assert "coach's plan" not in (await say(tg, ATHLETE, "/today")).text


async def test_broadcast_sent_in_the_linked_group(squad: Services, tg: FakeTelegram) -> None:
    tg.send_text(COACH, "/broadcast@spotter_test_bot Base", chat_id=GROUP, chat_type="group")
    (post,) = await tg.await_for(GROUP)
    assert post.text == GROUP_POST
    (report,) = await tg.await_for(COACH, predicate=has("📣"))
    assert report.text == "📣 Squad: 2 athletes got their sessions. Posted in the group."
    tg.send_text(ATHLETE, "/broadcast Base", chat_id=GROUP, chat_type="group")
    (refusal,) = await tg.await_for(GROUP)
    assert refusal.text.startswith("That's for coaches")
    tg.send_text(COACH, "/broadcast Base", chat_id=-777, chat_type="group")
    (unlinked,) = await tg.await_for(-777)
    assert unlinked.text == "This group is not linked to a team: /team link NAME first."
