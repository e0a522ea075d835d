"""Programs through the real application and the fake Bot API: build, follow, progress."""

from __future__ import annotations

import datetime as dtm

import pytest

from bot.services import Services
from tests.conftest import FrozenClock, onboard, sent
from tests.faketg import FakeTelegram, SentMessage

ANN = 801
# Monday 16 Nov 2026, 05:00 in Berlin: before the morning message window opens.
EARLY = dtm.datetime(2026, 11, 16, 4, 0, tzinfo=dtm.UTC)
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
    "Today (Mon 16 Nov)",
]


async def say(tg: FakeTelegram, user: int, text: str, count: int = 1, **kw: object):
    tg.send_text(user, text, **kw)
    return await tg.await_for(user, count=count, predicate=sent)


async def tap(tg: FakeTelegram, message: SentMessage, label: str) -> SentMessage:
    data = next(d for text, d in message.buttons if text == label)
    tg.press_button(ANN, message.message_id, data)
    (edit,) = await tg.await_for(ANN)
    return edit


@pytest.fixture
async def ann(live_bot: Services, tg: FakeTelegram, clock: FrozenClock) -> Services:
    clock.now = EARLY
    await onboard(tg, ANN)
    return live_bot


async def answer_all(tg: FakeTelegram, answers: list[str]) -> SentMessage:
    (question,) = await say(tg, ANN, "/program")
    assert question.text.startswith("🧭 Let's build your program")
    for label in answers:
        question = await tap(tg, question, label)
    return question


async def test_build_follow_and_progress_a_program(
    ann: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Buttons build week 1; logging today's session shows the plan; /done moves next loads."""
    await say(tg, ANN, "squat 140x1 @10", date=EARLY - dtm.timedelta(days=3))
    await say(tg, ANN, "/done")
    last = await answer_all(tg, ANSWERS)
    assert last.text.endswith("✅ Program built: the notes under week 1 say what did not fit.")
    assert last.buttons == []
    (overview,) = await tg.await_for(ANN, predicate=sent)
    assert "Mon 16 Nov — Full body A: squat 4×7 @ 102.5 kg" in overview.text
    (today,) = await say(tg, ANN, "/today")
    assert "• Squat 4 × 7 @ 102.5 kg (RIR 3)" in today.text
    assert "plates: 20 + 2×(25, 15, 1.25)" in today.text
    (first,) = await say(tg, ANN, "squat 102.5x7 rir5", date=EARLY)
    assert first.text.endswith("📋 Plan: 4 × 7 @ 102.5 kg (RIR 3) — set 1 of 4 ✓")
    (rest,) = await say(tg, ANN, "squat 3x7 @ 102.5 rir5", date=EARLY + dtm.timedelta(minutes=9))
    assert rest.text.endswith("— set 4 of 4 ✓ all sets done")
    summary, progress = await say(tg, ANN, "/done", count=2)
    assert summary.text.startswith("🏁 Workout done")
    assert progress.text.splitlines() == [
        "📈 Plan updated from what you logged:",
        "• Squat: 102.5 kg → 107.5 kg (targets met with reps to spare: two steps up); "
        "next session 4 × 7 @ 110 kg (RIR 2.5)",
    ]
    clock.now = EARLY + dtm.timedelta(weeks=1)
    (next_week,) = await say(tg, ANN, "/today")
    assert "• Squat 4 × 7 @ 110 kg (RIR 2.5)" in next_week.text
    (week,) = await say(tg, ANN, "/week")
    assert week.text.startswith("🗓 Week 2 of 8 (accumulation)\nMon 23 Nov — Full body A: squat")


async def test_push_pull_legs_is_offered_from_three_days(ann: Services, tg: FakeTelegram) -> None:
    """With 2 days the split question leaves push/pull/legs out rather than refusing it later."""
    (question,) = await say(tg, ANN, "/program")
    for label in [*ANSWERS[:4], "2", "60 min", "🏋️ Full gym"]:
        question = await tap(tg, question, label)
    assert question.text.endswith("Which split?")
    assert [label for label, _ in question.buttons] == [
        "Upper / Lower",
        "Full body",
        "Hybrid (upper/lower + PPL)",
    ]
    answers = [{"Full body": "Push / Pull / Legs", "3": "4"}.get(a, a) for a in ANSWERS]
    built = await answer_all(tg, answers)
    assert built.text.endswith("✅ Program built: the notes under week 1 say what did not fit.")
    (overview,) = await tg.await_for(ANN, predicate=sent)
    assert overview.text.startswith("✅ Your program: Push / Pull / Legs, 4 days a week")


async def test_short_sessions_build_a_program_and_say_what_would_help(
    ann: Services, tg: FakeTelegram
) -> None:
    """Strength, 3 × 30 min, full gym: a program with fewer quad sets; longer sessions named."""
    answers = ["💪 Strength", "Only this goal", "3", "30 min", *STRENGTH_ONLY[4:]]
    built = await answer_all(tg, answers)
    assert built.text.endswith("✅ Program built: the notes under week 1 say what did not fit.")
    assert built.buttons == []
    (overview,) = await tg.await_for(ANN, predicate=sent)
    assert (
        "Note: Fewer weekly sets than the minimum that builds muscle (MEV) for your main goal: "
        "quads 6 of 8. 45-minute sessions would reach the minimum."
    ) in overview.text.splitlines()
    assert "Mon 16 Nov — Full body A: squat 4×6" in overview.text


async def test_bodyweight_only_squats(ann: Services, tg: FakeTelegram) -> None:
    """Bodyweight only builds a program whose squat day squats on one leg."""
    answers = [*STRENGTH_ONLY[:4], "🤸 Bodyweight only", *STRENGTH_ONLY[5:]]
    built = await answer_all(tg, answers)
    assert "✅ Program built" in built.text
    (overview,) = await tg.await_for(ANN, predicate=sent)
    assert "pistol squat 4×6" in overview.text
    assert "quads" not in overview.text
    (today,) = await say(tg, ANN, "/today")
    assert "• Pistol squat 4 × 6 @ RIR 3" in today.text


async def test_settings_change_formula_and_morning_hour(ann: Services, tg: FakeTelegram) -> None:
    """/settings offers the e1RM formulas and morning hours, and stores the choice."""
    (settings,) = await say(tg, ANN, "/settings")
    assert "e1RM formula: Auto" in settings.text
    assert "Morning message: 07:00" in settings.text
    tg.press_button(ANN, settings.message_id, "settings:formula")
    (choices,) = await tg.await_for(ANN, predicate=sent)
    assert [label for label, _ in choices.buttons][:3] == [
        "Auto (RPE chart when effort is logged)",
        "Epley",
        "Brzycki",
    ]
    done = await tap(tg, choices, "Brzycki")
    assert done.text.startswith("e1RM formula: Brzycki ✓")
    (logged,) = await say(tg, ANN, "bench 100x5")
    assert "e1RM 112.5 kg" in logged.text
    tg.press_button(ANN, settings.message_id, "settings:morning")
    (hours,) = await tg.await_for(ANN, predicate=sent)
    assert (await tap(tg, hours, "06:00")).text == "Morning message: 06:00 your time ✓"
    (again,) = await say(tg, ANN, "/settings")
    assert "e1RM formula: Brzycki\nMorning message: 06:00" in again.text


async def test_stats_and_no_program_replies(ann: Services, tg: FakeTelegram) -> None:
    """/today and /week point to /program; /stats explains the Pattern Strength Index."""
    assert (await say(tg, ANN, "/today"))[0].text.startswith("You don't have a program yet")
    assert (await say(tg, ANN, "/week"))[0].text.startswith("You don't have a program yet")
    await say(tg, ANN, "squat 100x5", date=EARLY - dtm.timedelta(days=1))
    (stats,) = await say(tg, ANN, "/stats")
    assert stats.text.startswith("📊 Pattern Strength Index (100 = at your best)\n• Squat: 100")
    assert "all-time best" in stats.text


STRENGTH_ONLY = [
    "💪 Strength",
    "Only this goal",
    "3",
    "60 min",
    "🏋️ Full gym",
    "Full body",
    "8 weeks",
    "Today (Mon 16 Nov)",
]


async def strength_plan(
    tg: FakeTelegram, history: dtm.timedelta, squats: str = "squat 100x3 @9"
) -> None:
    """Squat and bench history, then a strength program from today: 4 × 6 @ 85 and 75 kg."""
    for text in (squats, "bench 87.5x3 @9"):
        await say(tg, ANN, text, date=EARLY - history)
    await answer_all(tg, STRENGTH_ONLY)
    await tg.await_for(ANN, predicate=sent)  # the overview
    (today,) = await say(tg, ANN, "/today")
    assert "• Squat 4 × 6 @ 85 kg (RIR 3)" in today.text
    assert "• Bench press 4 × 6 @ 75 kg (RIR 3)" in today.text


@pytest.mark.parametrize(
    ("logs", "lines", "next_week"),
    [
        (  # every planned set, then one extra each: a short, hard one and a heavier one
            ["squat 4x6 @ 85 rir3", "squat 85x4 rir1", "bench 4x6 @ 75 rir3", "bench 80x6 rir1"],
            [
                "• Squat: 85 kg → 87.5 kg (targets met: one step up); "
                "next session 4 × 6 @ 90 kg (RIR 2.5)",
                "• Bench press: 75 kg → 77.5 kg (targets met: one step up)",
            ],
            "• Squat 4 × 6 @ 90 kg (RIR 2.5)",
        ),
        (
            ["squat 85x6, 85x6, 85x6, 85x5"],
            [
                "• Squat: 85 kg → 85 kg "
                "(1 of 4 sets missed the target of 6 reps at RIR 3: same load)"
            ],
            "• Squat 4 × 6 @ 85 kg (RIR 2.5)",
        ),
        (
            ["squat 85x6, 85x6, 85x5, 85x5"],
            ["• Squat: 85 kg → 80 kg (2 of 4 sets missed the target of 6 reps at RIR 3: −5%)"],
            "• Squat 4 × 6 @ 80 kg (RIR 2.5)",
        ),
    ],
)
async def test_the_done_update_agrees_with_its_numbers(
    ann: Services,
    tg: FakeTelegram,
    clock: FrozenClock,
    logs: list[str],
    lines: list[str],
    next_week: str,
) -> None:
    """/done moves what was lifted by the rule its reason names; extra sets are no misses."""
    await strength_plan(tg, dtm.timedelta(days=3))
    for minutes, text in enumerate(logs):
        await say(tg, ANN, text, date=EARLY + dtm.timedelta(minutes=5 * minutes))
    _summary, progress = await say(tg, ANN, "/done", count=2)
    assert progress.text.splitlines() == ["📈 Plan updated from what you logged:", *lines]
    clock.now = EARLY + dtm.timedelta(weeks=1)
    (today,) = await say(tg, ANN, "/today")
    assert next_week in today.text


async def test_sets_from_before_the_program_do_not_count_against_it(
    ann: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Squats logged this morning before /program are no sets of today's plan, nor misses."""
    await strength_plan(tg, dtm.timedelta(minutes=30), "squat 100x3,3,3 @9")
    clock.now = EARLY + dtm.timedelta(hours=1)
    (first,) = await say(tg, ANN, "squat 85x6 rir3", date=clock.now)
    assert first.text.endswith("📋 Plan: 4 × 6 @ 85 kg (RIR 3) — set 1 of 4 ✓")
    (rest,) = await say(tg, ANN, "squat 3x6 @ 85 rir3", date=clock.now)
    assert rest.text.endswith("— set 4 of 4 ✓ all sets done")
    _summary, progress = await say(tg, ANN, "/done", count=2)
    assert progress.text.splitlines() == [
        "📈 Plan updated from what you logged:",
        "• Squat: 85 kg → 87.5 kg (targets met: one step up); "
        "next session 4 × 6 @ 90 kg (RIR 2.5)",
    ]
