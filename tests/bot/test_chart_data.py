"""ChartService data building against real SQLite: local days, hard sets, combined load."""

from __future__ import annotations

import datetime as dtm
import itertools
from collections import Counter
from collections.abc import Iterator

import pytest

from bot.services import Services
from bot.services.charts import is_hard_set, muscle_shares
from bot.services.logbook import Logged
from engine.catalog import CATALOG
from engine.errors import EngineError
from storage.tables import SetLog
from tests.bot.activity_support import add_activity

ANN, BOB = 601, 602
UTC = dtm.UTC
KG_PER_LB = 0.45359237


def at(month: int, day: int, hour: int, minute: int = 0) -> dtm.datetime:
    """An instant in 2026, in UTC."""
    return dtm.datetime(2026, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def ids() -> Iterator[int]:
    return itertools.count(1)


async def athlete(
    services: Services, ids: Iterator[int], user_id: int, tz: str, units: str = "kg"
) -> None:
    """Onboard a user through the real user service."""
    await services.users.start(next(ids), user_id, "Ann", None)
    await services.users.set_units(next(ids), user_id, units)
    await services.users.set_timezone(next(ids), user_id, tz)


async def log(
    services: Services, ids: Iterator[int], user_id: int, text: str, sent_at: dtm.datetime
) -> Logged:
    """Log one message of sets and return what was stored."""
    outcome = await services.logbook.log_text(next(ids), user_id, text, sent_at, next(ids))
    assert isinstance(outcome, Logged), outcome
    return outcome


def e1rm_of(logged: Logged) -> float:
    """The best e1RM the logbook computed for a logged message, in the user's unit."""
    return max(s.e1rm or 0 for result in logged.exercises for s in result.sets)


@pytest.mark.parametrize(
    ("reps", "rir", "rpe", "hard"),
    [
        (5, None, None, True),  # not rated: counted
        (5, 4, None, True),
        (5, 4.5, None, False),
        (5, 0, None, True),
        (5, None, 6, True),
        (5, None, 5.5, False),
        (5, 2, 8, True),
        (5, 6, 4, False),
        (None, None, None, False),  # a timed or distance set has no reps
        (0, 2, None, False),
    ],
)
def test_hard_set_rule(reps: int | None, rir: float | None, rpe: float | None, hard: bool) -> None:
    """A set is hard with reps and RIR ≤ 4 or RPE ≥ 6, or with reps and no rating."""
    row = SetLog(
        entry_id=0, user_id=0, workout_id=0, exercise="squat", reps=reps, rir=rir, rpe=rpe,
        performed_at=at(1, 1, 0),
    )  # fmt: skip
    assert is_hard_set(row) is hard


@pytest.mark.parametrize("name", ["bench press", "squat", "deadlift", "pull-up", "plank"])
def test_muscle_shares_primary_one_secondary_half(name: str) -> None:
    """Each primary muscle gets a whole set, each secondary muscle half of one."""
    exercise = CATALOG[name]
    shares = muscle_shares(name)
    assert set(shares) == set(exercise.primary) | set(exercise.secondary)
    assert all(shares[g] == 1.0 for g in exercise.primary)
    assert all(shares[g] == 0.5 for g in set(exercise.secondary) - set(exercise.primary))


def test_custom_exercise_counts_no_muscles() -> None:
    """An exercise outside the catalog has no muscle groups to credit."""
    assert muscle_shares("my garage sled thing") == {}


@pytest.mark.parametrize("units", ["kg", "lb"])
async def test_e1rm_best_per_local_day_across_dst(
    services: Services, ids: Iterator[int], units: str
) -> None:
    """Two sets on 25 Oct Berlin time (either side of the DST change) make one point, the best."""
    await athlete(services, ids, ANN, "Europe/Berlin", units)
    # 22:30 UTC is 00:30 on the 25th in summer time, and 23:30 on the 25th in winter time.
    light = await log(services, ids, ANN, "bench 80x5", at(10, 24, 22, 30))
    heavy = await log(services, ids, ANN, "bench 85x5", at(10, 25, 22, 30))
    await log(services, ids, ANN, "squat 100x5", at(10, 26, 17))
    later = await log(services, ids, ANN, "bench 82.5x5", at(11, 2, 12))
    main, compare, unit = await services.charts.e1rm_series(ANN, "bench vs squat")
    assert unit == units
    assert main.lift == "bench press"
    assert [p.day for p in main.points] == [dtm.date(2026, 10, 25), dtm.date(2026, 11, 2)]
    factor = 1.0 if units == "kg" else 1 / KG_PER_LB
    shown = [p.e1rm_kg * factor for p in main.points]
    assert shown == pytest.approx([e1rm_of(heavy), e1rm_of(later)], abs=0.01)
    assert e1rm_of(light) < e1rm_of(heavy)
    assert compare is not None
    assert (compare.lift, len(compare.points)) == ("squat", 1)


async def test_e1rm_without_a_lift_picks_the_most_logged(
    services: Services, ids: Iterator[int]
) -> None:
    """/chart e1rm alone shows the lift with the most weighted sets."""
    await athlete(services, ids, ANN, "Europe/Berlin")
    await log(services, ids, ANN, "squat 100x5", at(11, 2, 12))
    await log(services, ids, ANN, "ohp 3x5 @ 40kg", at(11, 4, 12))
    main, compare, _ = await services.charts.e1rm_series(ANN)
    assert (main.lift, compare) == ("overhead press", None)


async def test_e1rm_unknown_lift_suggests(services: Services, ids: Iterator[int]) -> None:
    """A typo far from any name is refused with suggestions."""
    await athlete(services, ids, ANN, "Europe/Berlin")
    with pytest.raises(EngineError, match="Did you mean"):
        await services.charts.e1rm_series(ANN, "benchh presss xx")


async def test_volume_counts_hard_sets_per_local_week(
    services: Services, ids: Iterator[int]
) -> None:
    """Hard sets credit muscles per local week; easy and repless sets only add tonnage."""
    await athlete(services, ids, ANN, "Europe/Berlin")
    await log(services, ids, ANN, "bench 100x5", at(8, 10, 17))  # 14 weeks ago: left out
    await log(services, ids, ANN, "bench 3x5 @ 80kg rir2", at(11, 10, 18))
    await log(services, ids, ANN, "bench 80x5 rir6", at(11, 10, 18, 10))
    await log(services, ids, ANN, "bench 80x5 @5", at(11, 10, 18, 15))
    await log(services, ids, ANN, "squat 2x5 @ 100kg", at(11, 10, 18, 20))
    await log(services, ids, ANN, "plank 60s", at(11, 10, 18, 25))
    # Sunday 23:30 UTC is already Monday in Berlin: it belongs to the week of 16 Nov.
    await log(services, ids, ANN, "bench 60x10", at(11, 15, 23, 30))
    await log(services, ids, ANN, "squat 100x5", at(11, 16, 6))
    weeks, unit = await services.charts.volume_weeks(ANN)

    def expected(*hard: tuple[str, int]) -> dict[str, float]:
        counts: Counter[str] = Counter()
        for name, sets in hard:
            exercise = CATALOG[name]
            for group in exercise.secondary:
                counts[group] += 0.5 * sets
            for group in exercise.primary:
                counts[group] += sets
        return dict(counts)

    assert unit == "kg"
    assert [w.week_start for w in weeks] == [dtm.date(2026, 11, 9), dtm.date(2026, 11, 16)]
    first, this = weeks
    assert dict(first.hard_sets) == expected(("bench press", 3), ("squat", 2))
    assert first.tonnage_kg == pytest.approx(5 * 80 * 5 + 2 * 100 * 5)
    assert dict(this.hard_sets) == expected(("bench press", 1), ("squat", 1))
    assert this.tonnage_kg == pytest.approx(60 * 10 + 100 * 5)


async def test_load_combines_strength_and_activities_per_local_day(
    services: Services, ids: Iterator[int]
) -> None:
    """A day's load is its activities plus its lifting sessions' sRPE, on Los Angeles days."""
    await athlete(services, ids, ANN, "America/Los_Angeles")
    await athlete(services, ids, BOB, "America/Los_Angeles")
    await log(services, ids, ANN, "squat 5x5 @ 100kg", at(7, 1, 17))  # history seeds fitness
    await add_activity(services, ANN, at(11, 10, 15), load=60)  # 07:00 on the 10th
    # 03:00 and 03:30 UTC on the 11th are still the evening of the 10th in Los Angeles.
    await log(services, ids, ANN, "bench 3x5 @ 80kg rir2", at(11, 11, 3))
    await log(services, ids, ANN, "squat 2x5 @ 100kg @8", at(11, 11, 3, 30))
    await add_activity(services, BOB, at(11, 12, 18), load=80)
    days = await services.charts.load_days(ANN)
    # The clock reads 07:30 UTC on the 16th: still the 15th in Los Angeles.
    today = dtm.date(2026, 11, 15)
    assert len(days) == 90
    assert (days[0].day, days[-1].day) == (today - dtm.timedelta(days=89), today)
    by_day = {d.day: d for d in days}
    tenth, ninth = by_day[dtm.date(2026, 11, 10)], by_day[dtm.date(2026, 11, 9)]
    # One session of 5 sets at RPE 8 spanning 30 min: 33 minutes (span + one 3-min slot).
    assert tenth.load == pytest.approx(60 + 8 * 33 / 6)
    assert sum(d.load for d in days) == pytest.approx(tenth.load)  # Bob's run is not Ann's
    assert days[0].ctl > 0  # seeded from the July session, before the window
    assert tenth.ctl == pytest.approx(ninth.ctl + (tenth.load - ninth.ctl) / 42)
    assert tenth.tsb == pytest.approx(ninth.ctl - ninth.atl)


async def test_strength_session_without_clock_span_gets_a_slot_per_set(
    services: Services, ids: Iterator[int]
) -> None:
    """Sets logged in one message count 3 minutes each, at their mean RPE (RPE = 10 − RIR)."""
    await athlete(services, ids, ANN, "Europe/Berlin")
    await log(services, ids, ANN, "bench 4x5 @ 80kg rir3", at(11, 14, 10))
    days = await services.charts.load_days(ANN)
    assert days[-1].day == dtm.date(2026, 11, 16)
    # The model starts from zero two weeks back, however recent the first set.
    assert [d.load for d in days] == pytest.approx([0.0] * 11 + [7 * 12 / 6, 0.0, 0.0])
    assert (days[0].ctl, days[0].atl) == (0.0, 0.0)


async def test_zones_sum_minutes_per_local_week(services: Services, ids: Iterator[int]) -> None:
    """Z1-Z5 minutes add up per local week over the last 12 weeks; Z0 is left out."""
    await athlete(services, ids, ANN, "Europe/Berlin")
    await athlete(services, ids, BOB, "Europe/Berlin")
    await add_activity(services, ANN, at(8, 1, 8), zones_s=[0, 600, 0, 0, 0, 0])  # too old
    await add_activity(services, ANN, at(11, 10, 7), zones_s=[600, 1200, 600, 300, 0, 60])
    await add_activity(services, ANN, at(11, 12, 7), zones_s=[0, 600, 0, 0, 0, 0])
    await add_activity(services, ANN, at(11, 15, 23, 30), zones_s=[0, 0, 1800, 0, 0, 0])
    await add_activity(services, BOB, at(11, 13, 7), zones_s=[0, 6000, 0, 0, 0, 0])
    weeks = await services.charts.zone_weeks(ANN)
    assert [(w.week_start, list(w.minutes)) for w in weeks] == [
        (dtm.date(2026, 11, 9), [30.0, 10.0, 5.0, 0.0, 1.0]),
        (dtm.date(2026, 11, 16), [0.0, 30.0, 0.0, 0.0, 0.0]),
    ]


async def test_calendar_counts_sets_and_activities_per_local_day(
    services: Services, ids: Iterator[int]
) -> None:
    """A day's value is its sets plus its activities, by Berlin date, over the shown year."""
    await athlete(services, ids, ANN, "Europe/Berlin")
    await log(services, ids, ANN, "bench 100x5", dtm.datetime(2025, 11, 1, 12, tzinfo=UTC))
    await log(services, ids, ANN, "bench 3x5 @ 80kg", at(10, 24, 22, 30))  # 00:30 on the 25th
    await log(services, ids, ANN, "squat 100x5", at(10, 25, 22, 30))  # 23:30 on the 25th
    await add_activity(services, ANN, at(10, 25, 8))
    await add_activity(services, ANN, at(11, 15, 23, 30))  # 00:30 on Monday the 16th
    days, today = await services.charts.calendar_days(ANN)
    assert today == dtm.date(2026, 11, 16)
    assert days == {dtm.date(2026, 10, 25): 5.0, dtm.date(2026, 11, 16): 1.0}


async def test_charts_need_onboarding(services: Services) -> None:
    """A user who never sent /start is told to, instead of seeing an empty chart."""
    with pytest.raises(EngineError, match="/start"):
        await services.charts.render(ANN, "volume")
