"""Programs through the service layer: questions, days, planned vs done, progress, deloads."""

from __future__ import annotations

import datetime as dtm
from zoneinfo import ZoneInfo

import pytest

from bot.services import Services, build_services
from bot.services.program_deload import acwr_today
from bot.services.program_schedule import TRAINING_WEEKDAYS, session_dates, session_on
from bot.services.program_text import render_day, render_week
from bot.settings import Settings
from engine.errors import EngineError
from storage.db import Database
from storage.tables import ActivityRow
from tests.bot.program_support import STRENGTH, build, join, uid, wizard_id
from tests.conftest import FrozenClock

ANN = 701
MONDAY = dtm.date(2026, 11, 16)  # the clock fixture's day, a Monday


async def log(services: Services, user_id: int, text: str, at: dtm.datetime) -> None:
    await services.logbook.log_text(uid(), user_id, text, at, 1)


def at_local(day: dtm.date, hour: int = 18, tz: str = "Europe/Berlin") -> dtm.datetime:
    return dtm.datetime.combine(day, dtm.time(hour), ZoneInfo(tz)).astimezone(dtm.UTC)


@pytest.fixture
async def squatter(services: Services) -> None:
    """Ann, with a logged squat single, on the strength program from today."""
    await join(services, ANN)
    await log(services, ANN, "squat 140x1 @10", at_local(MONDAY - dtm.timedelta(days=3)))
    await build(services, ANN)


@pytest.mark.parametrize("days", sorted(TRAINING_WEEKDAYS))
def test_each_week_has_its_sessions_on_the_training_weekdays(days: int) -> None:
    """Every program week holds exactly N sessions, on the mapped weekdays, numbered in order."""
    start = dtm.date(2026, 11, 19)  # a Thursday start
    planned = session_dates(start, days, 3)
    assert len(planned) == 3 * days
    assert {s.date.weekday() for s in planned} == set(TRAINING_WEEKDAYS[days])
    for week in (1, 2, 3):
        mine = [s for s in planned if s.week == week]
        assert [s.day for s in mine] == list(range(1, days + 1))
        assert all(0 <= (s.date - start).days - 7 * (week - 1) < 7 for s in mine)
    assert session_on(start, days, 3, start - dtm.timedelta(days=1)) is None


async def test_answers_build_and_store_a_program(services: Services) -> None:
    """Ten taps build a program; week 1 is shown and it is the active program from today."""
    await join(services, ANN)
    step = await build(services, ANN)
    assert step.overview is not None
    assert "Full body, 3 days a week (Mon/Wed/Fri), 8 weeks — Strength 7 · Muscle 3" in (
        step.overview
    )
    assert "Week 1" in step.overview
    active = await services.programs.active(ANN)
    assert active is not None
    assert (active.start, active.program.weeks, active.program.days_per_week) == (MONDAY, 8, 3)
    assert active.state.answers["weights"] == [7, 3]


async def test_a_double_tap_is_ignored_and_old_buttons_expire(services: Services) -> None:
    """A second tap on an answered question changes nothing; a newer /program expires the old."""
    await join(services, ANN)
    first = await services.programs.wizard.begin(uid(), ANN)
    wid = wizard_id(first)
    assert await services.programs.wizard.answer(uid(), ANN, wid, "goal", "power") is not None
    assert await services.programs.wizard.answer(uid(), ANN, wid, "goal", "power") is None
    assert await services.programs.wizard.answer(uid(), ANN, wid, "days", "3") is None
    await services.programs.wizard.begin(uid(), ANN)
    expired = await services.programs.wizard.answer(uid(), ANN, wid, "goal", "done")
    assert expired is not None
    assert "expired" in expired.text


async def test_questions_survive_a_restart_and_replacing_asks_first(
    services: Services, settings: Settings, clock: FrozenClock
) -> None:
    """Answers are in the database; a second program replaces the first only when confirmed."""
    await join(services, ANN)
    await build(services, ANN)
    old = await services.programs.active(ANN)
    step = await services.programs.wizard.begin(uid(), ANN)
    wid = wizard_id(step)
    for field, value in STRENGTH[:5]:
        await services.programs.wizard.answer(uid(), ANN, wid, field, value)
    db = Database(settings.database_url)
    fresh = build_services(settings, db, clock)
    try:
        step = None
        for field, value in STRENGTH[5:]:
            step = await fresh.programs.wizard.answer(uid(), ANN, wid, field, value)
        assert step is not None
        assert "This replaces your current program" in step.text
        kept = await fresh.programs.wizard.answer(uid(), ANN, wid, "confirm", "no")
        assert kept is not None
        assert "Kept" in kept.text
        same = await fresh.programs.active(ANN)
        assert old is not None
        assert same is not None
        assert same.id == old.id
    finally:
        await db.dispose()


async def test_today_uses_the_local_date_in_each_timezone(
    services: Services, clock: FrozenClock
) -> None:
    """At one UTC instant a user west of UTC has a rest day while one east of it trains."""
    west, east = 702, 703
    await join(services, west, "America/Los_Angeles")
    await join(services, east, "Asia/Tokyo")
    monday = [(f, "monday" if f == "start" else v) for f, v in STRENGTH]
    await build(services, west, monday)  # Sun 15 Nov there: starts Mon 16 Nov
    await build(services, east, monday)  # Mon 16 Nov there: starts Mon 23 Nov
    clock.now = dtm.datetime(2026, 11, 23, 3, 0, tzinfo=dtm.UTC)
    rest = await services.programs.today(west)
    train = await services.programs.today(east)
    assert (rest.on, rest.at) == (dtm.date(2026, 11, 22), None)
    assert rest.next_at is not None
    assert (rest.next_at.week, rest.next_at.day) == (2, 1)
    assert render_day(rest).startswith("😌 Rest day — Sun 22 Nov.\nNext: Mon 23 Nov — Full body A")
    assert train.at is not None
    assert (train.on, train.at.week, train.at.day) == (dtm.date(2026, 11, 23), 1, 1)
    text = render_day(train)
    assert text.startswith("📋 Today — Mon 23 Nov · week 1 of 8, day 1 · Full body A")
    week = render_week(await services.programs.week(east))
    assert week.splitlines()[0] == "🗓 Week 1 of 8 (accumulation)"
    days = [line[:10] for line in week.splitlines()[1:]]
    assert days == ["Mon 23 Nov", "Wed 25 Nov", "Fri 27 Nov"]


KG_SQUAT = ("kg", "squat 140x1 @10", "102.5 kg", "20 + 2×(25, 15, 1.25)", "20 × 10, 40 × 5")
LB_SQUAT = ("lb", "squat 315x1 @10", "235 lb", "45 + 2×(45, 45, 5)", "45 × 10, 95 × 5")


@pytest.mark.parametrize(("units", "history", "squat", "plates", "warmup"), [KG_SQUAT, LB_SQUAT])
async def test_loads_come_from_the_logbook_with_plates_and_warmups(
    services: Services, units: str, history: str, squat: str, plates: str, warmup: str
) -> None:
    """A logged squat gives the plan a squat load in the user's unit, plates and warm-ups."""
    await join(services, ANN, units=units)
    await log(services, ANN, history, at_local(MONDAY - dtm.timedelta(days=3)))
    await build(services, ANN)
    text = render_day(await services.programs.today(ANN))
    lines = text.splitlines()
    at = lines.index(f"• Squat 4 × 7 @ {squat} (RIR 3)")
    assert lines[at + 1] == f"   plates: {plates}"
    assert lines[at + 2].startswith(f"   warm-up: {warmup}")
    assert "• Bench press 4 × 7 @ RIR 3 — find your load ↓" in text
    bar = warmup.split(" ", 1)[0]
    assert f"↓ No history yet: Bench press: no history yet: warm up from {bar} {units}" in text


@pytest.mark.usefixtures("squatter")
async def test_plan_note_compares_the_logged_sets_with_the_plan(services: Services) -> None:
    """Sets of a planned exercise say which set of the plan they were and whether they hit it."""
    now = at_local(MONDAY)
    notes = []
    for text in ("squat 102.5x7", "squat 102.5x5", "squat 2x7 @ 102.5"):
        outcome = await services.logbook.log_text(uid(), ANN, text, now, 1)
        notes.append(await services.programs.plan_notes(ANN, outcome, now))
    plan = "📋 Plan: 4 × 7 @ 102.5 kg (RIR 3)"
    assert notes == [
        [f"{plan} — set 1 of 4 ✓"],
        [f"{plan} — set 2 of 4: 5 of 7 reps"],
        [f"{plan} — set 4 of 4 ✓ all sets done"],
    ]
    other = await services.logbook.log_text(uid(), ANN, "deadlift 140x5", now, 1)
    assert await services.programs.plan_notes(ANN, other, now) == []
    tuesday = now + dtm.timedelta(days=1)
    assert await services.programs.plan_note(ANN, "squat", tuesday, 1) is None


@pytest.mark.usefixtures("squatter")
@pytest.mark.parametrize(
    ("sets", "outcome", "direction"),
    [
        ("squat 4x7 @ 102.5 rir5", "progress", 1),
        ("squat 4x7 @ 102.5 rir3", "progress", 1),
        ("squat 102.5x7, 102.5x7, 102.5x7, 102.5x5", "hold", 0),
        ("squat 4x4 @ 102.5", "reduce", -1),
    ],
)
async def test_a_logged_session_moves_the_next_load_once(
    services: Services, clock: FrozenClock, sets: str, outcome: str, direction: int
) -> None:
    """Hit targets raise the next squat over what was lifted, a miss holds it, more cut it.

    Applying again does nothing. Week 2 plans a lower RIR, yet a hold or a cut is no heavier
    than the 102.5 kg lifted: a miss earns no planned increase.
    """
    await log(services, ANN, sets, at_local(MONDAY))
    progress = await services.programs.after_session(ANN)
    assert [c.outcome for c in progress.changes if c.exercise == "squat"] == [outcome]
    after = await services.programs.active(ANN)
    assert after is not None
    moved = after.program.sessions[3].exercises[0].load_kg or 0  # week 2, day 1: squat again
    assert (moved > 102.5) - (moved < 102.5) == direction
    again = await services.programs.after_session(ANN)
    assert again.changes == ()
    clock.advance(days=2)
    await services.programs.today(ANN)
    still = await services.programs.active(ANN)
    assert still is not None
    assert still.program == after.program


@pytest.mark.usefixtures("squatter")
async def test_scheduled_deload_week_is_lighter(services: Services) -> None:
    """Week 5 is a deload: fewer sets, lighter loads, and /today says so."""
    normal = await services.programs.today(ANN, MONDAY)
    deload = await services.programs.today(ANN, MONDAY + dtm.timedelta(weeks=4))
    assert normal.at is not None
    assert deload.at is not None
    assert normal.active is not None
    assert deload.active is not None
    light, heavy = deload.active.planned(deload.at), normal.active.planned(normal.at)
    assert light.block == "deload"
    assert light.exercises[0].sets < heavy.exercises[0].sets
    assert (light.exercises[0].load_kg or 0) < (heavy.exercises[0].load_kg or 0)
    assert "week 5 of 8, day 1 · Full body A (🔻 deload week)" in render_day(deload)


@pytest.mark.usefixtures("squatter")
async def test_missed_targets_bring_a_deload_forward_once(services: Services) -> None:
    """Three sets well short of their RIR target deload the coming week, once, with a reminder."""
    await log(services, ANN, "squat 4x7 @ 102.5 rir0", at_local(MONDAY))
    progress = await services.programs.after_session(ANN)
    assert progress.deload is not None
    assert progress.deload.week == 2
    assert progress.deload.starts_on == MONDAY + dtm.timedelta(weeks=1)
    assert "4 sets missed their reps or RIR target" in progress.deload.message
    active = await services.programs.active(ANN)
    assert active is not None
    assert {s.block for s in active.program.week(2)} == {"deload"}
    assert {s.block for s in active.program.week(3)} != {"deload"}


async def test_formula_setting_changes_new_e1rms(services: Services) -> None:
    """The chosen e1RM formula is used for sets logged afterwards."""
    await join(services, ANN)
    values = []
    for formula in ("epley", "brzycki", "lombardi"):
        await services.programs.set_formula(uid(), ANN, formula)
        outcome = await services.logbook.log_text(uid(), ANN, "bench 100x5", at_local(MONDAY), 1)
        values.append(outcome.exercises[0].sets[0].e1rm)
    assert values == pytest.approx([116.67, 112.5, 117.46], abs=0.01)
    with pytest.raises(EngineError, match="Unknown e1RM formula"):
        await services.programs.set_formula(uid(), ANN, "guess")


async def test_stats_show_pattern_strength(services: Services) -> None:
    """A lift below its best reads under 100; one at its best reads 100."""
    await join(services, ANN)
    await log(services, ANN, "squat 150x1 @10", at_local(MONDAY - dtm.timedelta(days=60)))
    await log(services, ANN, "squat 135x1 @10", at_local(MONDAY - dtm.timedelta(days=2)))
    await log(services, ANN, "bench 100x1 @10", at_local(MONDAY - dtm.timedelta(days=2)))
    stats = await services.programs.stats(ANN)
    assert stats.patterns == {"horizontal push": 100.0, "squat": 90.0}


@pytest.mark.parametrize(("days", "expected"), [(28, 1.6), (27, None)])
def test_acwr_needs_four_weeks_and_is_coupled(days: int, expected: float | None) -> None:
    """Three weeks at 100 then one at 200 give the coupled 1.6; less history gives nothing."""
    start = dtm.datetime(2026, 10, 20, 8, tzinfo=dtm.UTC)
    loads = [100.0] * (days - 7) + [200.0] * 7
    acts = [
        ActivityRow(user_id=1, sport="run", start_time=start + dtm.timedelta(days=i), load=load,
                    created_at=start)
        for i, load in enumerate(loads)
    ]  # fmt: skip
    today = (start + dtm.timedelta(days=days - 1)).date()
    assert acwr_today([], acts, "UTC", today) == pytest.approx(expected)


async def test_answers_that_cannot_be_built_are_explained_with_changes(
    services: Services,
) -> None:
    """Push/pull/legs on 2 days (no longer offered, but changed into) is explained with buttons."""
    await join(services, ANN)
    answers = [*STRENGTH[:4], ("days", "3"), ("minutes", "60"), ("equipment", "gym")]
    step = await build(services, ANN, [*answers, ("split", "ppl")])
    wid, wizard = wizard_id(step), services.programs.wizard
    for field, value in [("change", "days"), ("days", "2"), ("weeks", "8"), ("start", "today")]:
        found = await wizard.answer(uid(), ANN, wid, field, value)
        assert found is not None
        step = found
    assert "⚠️ Push/pull/legs needs at least 3 days a week.\nChange an answer:" in step.text
    assert ("Change days", f"prog:{wid}:change:days") in step.buttons
    asked = await wizard.answer(uid(), ANN, wid, "change", "days")
    assert asked is not None
    assert asked.text.endswith("How many days a week can you train?")
    built = await wizard.answer(uid(), ANN, wid, "days", "3")
    assert built is not None
    assert built.overview is not None
    assert built.overview.startswith("✅ Your program: Push / Pull / Legs, 3 days a week")
