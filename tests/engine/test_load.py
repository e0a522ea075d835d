"""Tests for engine.load: local-day buckets, PMC, ACWR, monotony/strain, strength load."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.load import (
    acwr_ewma,
    acwr_rolling,
    daily_loads,
    monotony,
    pmc,
    ramp_rate,
    srpe,
    srpe_to_points,
    strain,
    strength_session_load,
)


@pytest.mark.parametrize(
    ("instant", "zone", "local_day"),
    [
        ("2024-03-10T04:30:00+00:00", "America/New_York", date(2024, 3, 9)),
        ("2024-03-30T23:30:00+00:00", "Europe/Berlin", date(2024, 3, 31)),
        ("2024-06-30T15:00:00+00:00", "Australia/Sydney", date(2024, 7, 1)),
    ],
)
def test_activity_counts_on_its_local_start_day(instant, zone, local_day):
    """An activity belongs to the athlete's local date, not the UTC date (SPORTSCI §4)."""
    start = local_day - timedelta(days=1)
    loads = daily_loads(
        [(datetime.fromisoformat(instant), 50.0)], ZoneInfo(zone), start, start + timedelta(days=2)
    )
    assert loads == [0.0, 50.0, 0.0]


def test_daily_loads_step_by_date_across_dst_and_fill_rest_days():
    """A week spanning the spring DST change has 7 entries; rest days are 0; sums add up."""
    tz = ZoneInfo("Europe/Berlin")
    items = [
        (datetime(2024, 3, 30, 22, 0, tzinfo=UTC), 40.0),  # 23:00 local, Saturday
        (datetime(2024, 3, 31, 22, 30, tzinfo=UTC), 60.0),  # 00:30 local, Monday
        (datetime(2024, 3, 31, 8, 0, tzinfo=UTC), 10.0),
        (datetime(2024, 3, 31, 9, 0, tzinfo=UTC), 15.0),
        (datetime(2024, 4, 30, 9, 0, tzinfo=UTC), 99.0),  # outside the range
    ]
    loads = daily_loads(items, tz, date(2024, 3, 28), date(2024, 4, 3))
    assert loads == [0.0, 0.0, 40.0, 25.0, 60.0, 0.0, 0.0]


def test_daily_loads_refuses_naive_datetimes():
    """A naive time has no local day, so it is a programming error."""
    with pytest.raises(ValueError, match="aware"):
        daily_loads(
            [(datetime(2024, 1, 1), 1.0)], ZoneInfo("UTC"), date(2024, 1, 1), date(2024, 1, 1)
        )


def test_pmc_reaches_trainingpeaks_value_after_42_days():
    """42 days of 100 give CTL 63.65 in the TrainingPeaks convention."""
    days = pmc([100.0] * 42)
    assert days[-1].ctl == pytest.approx(63.65, abs=0.01)
    assert days[-1].atl == pytest.approx(100 * (1 - (6 / 7) ** 42))


def test_tsb_is_form_going_into_the_day():
    """TSB of day t is yesterday's CTL − ATL, so a big day does not lower its own TSB."""
    days = pmc([0.0, 0.0, 300.0], ctl0=50.0, atl0=20.0)
    assert days[0].tsb == pytest.approx(30.0)
    assert days[2].tsb == pytest.approx(days[1].ctl - days[1].atl)
    assert days[2].atl > days[1].atl


def test_ramp_rate_needs_a_week_of_history():
    """Ramp is CTL_t − CTL_{t−7}, undefined before day 7."""
    days = pmc([100.0] * 10)
    assert ramp_rate(days, 6) is None
    assert ramp_rate(days, 9) == pytest.approx(days[9].ctl - days[2].ctl)


def test_acwr_coupled_and_uncoupled_published_check():
    """21 days of 100 then 7 of 200: coupled ACWR 1.6, uncoupled 2.0."""
    loads = [100.0] * 21 + [200.0] * 7
    assert acwr_rolling(loads)[-1] == pytest.approx(1.6)
    assert acwr_rolling(loads, coupled=False)[-1] == pytest.approx(2.0)
    assert acwr_rolling(loads)[26] is None


def test_acwr_ewma_is_seeded_with_the_first_load():
    """EWMA ACWR starts at 1.0 (not 3.6) and rises after a jump in load."""
    ratios = acwr_ewma([100.0] * 28 + [200.0] * 7)
    assert ratios[0] == pytest.approx(1.0)
    assert ratios[27] == pytest.approx(1.0)
    assert ratios[-1] > 1.3
    assert acwr_ewma([0.0, 0.0]) == [None, None]
    assert acwr_ewma([]) == []


def test_monotony_and_strain():
    """Monotony is mean/population SD of the week; strain is weekly load × monotony."""
    week = [100.0, 0.0, 100.0, 0.0, 100.0, 0.0, 100.0]
    mean, sd = 400 / 7, (sum((x - 400 / 7) ** 2 for x in week) / 7) ** 0.5
    assert monotony(week) == pytest.approx(mean / sd)
    assert strain(week) == pytest.approx(400 * mean / sd)
    assert monotony([50.0] * 7) is None
    assert strain([50.0] * 7) is None
    with pytest.raises(ValueError, match="7"):
        monotony([1.0])


@dataclass(frozen=True)
class _Set:
    start_time: datetime | None = None
    rpe: float | None = None
    rir: float | None = None


def test_srpe_and_its_conversion_to_load_points():
    """Sixty minutes at RPE 7 is 420 AU (Foster) and 70 load points; a maximal hour is 100."""
    assert srpe(7, 60) == 420
    assert srpe_to_points(420) == pytest.approx(70)
    assert srpe_to_points(srpe(10, 60)) == pytest.approx(100)


@pytest.mark.parametrize(
    ("sets", "kwargs", "expected"),
    [
        ([], {}, 0.0),
        ([_Set()] * 10, {}, 10 * 3 * 7 / 6),
        ([_Set(rpe=9), _Set(rir=3)], {}, 2 * 3 * 8 / 6),
        ([_Set()] * 4, {"minutes": 45, "rpe": 8}, 45 * 8 / 6),
    ],
)
def test_strength_session_load(sets, kwargs, expected):
    """Session RPE defaults to the sets' mean (RIR → 10 − RIR) or 7; minutes to 3 per set."""
    assert strength_session_load(sets, **kwargs) == pytest.approx(expected)


def test_strength_session_minutes_come_from_set_clock_times():
    """With clock times, the session spans first to last set start plus one 3-minute slot."""
    t0 = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
    sets = [_Set(t0 + timedelta(minutes=27), rpe=8), _Set(t0, rpe=8), _Set(t0, rpe=8)]
    assert strength_session_load(sets) == pytest.approx(30 * 8 / 6)
    assert strength_session_load([_Set(t0)]) == pytest.approx(3 * 7 / 6)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 500), min_size=1, max_size=120))
def test_pmc_stays_within_the_range_of_loads(loads):
    """From a zero seed CTL and ATL stay within [0, max load]; TSB is yesterday's CTL − ATL."""
    top = max(loads)
    days = pmc(loads)
    for day in days:
        assert -1e-9 <= day.ctl <= top + 1e-9
        assert -1e-9 <= day.atl <= top + 1e-9
    for before, day in itertools.pairwise(days):
        assert day.tsb == pytest.approx(before.ctl - before.atl)


@settings(max_examples=40, deadline=None)
@given(st.floats(1, 500), st.integers(1, 200))
def test_constant_load_converges_and_ratios_are_one(load, days):
    """A constant load keeps every ACWR at 1 and moves CTL monotonically towards it."""
    loads = [load] * days
    ctl = [d.ctl for d in pmc(loads)]
    assert all(a <= b + 1e-9 for a, b in itertools.pairwise(ctl))
    assert all(r == pytest.approx(1.0) for r in acwr_ewma(loads))
    assert all(r is None or r == pytest.approx(1.0) for r in acwr_rolling(loads))
