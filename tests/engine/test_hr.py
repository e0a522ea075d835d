"""Tests for engine.hr: HRmax formulas, zones, time in zone, TRIMP and hrTSS."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import EngineError
from engine.hr import (
    AthleteProfile,
    ProfileError,
    banister_trimp,
    counted_time_s,
    edwards_trimp,
    hrmax_fox,
    hrmax_hunt,
    hrmax_tanaka,
    hrtss,
    hrtss_stream,
    karvonen,
    mean_hr,
    time_in_zones,
    timed_hr,
    trimp_stream,
    zone_floors,
    zone_of,
)


@pytest.mark.parametrize(
    ("formula", "age", "expected"),
    [(hrmax_hunt, 40, 185.4), (hrmax_tanaka, 40, 180.0), (hrmax_fox, 40, 180.0)],
)
def test_hrmax_formulas_match_published_values(formula, age, expected):
    """HUNT, Tanaka and Fox give 185.4, 180 and 180 bpm at age 40."""
    assert formula(age) == pytest.approx(expected)


@pytest.mark.parametrize(("intensity", "expected"), [(0.5, 125.0), (0.85, 163.5)])
def test_karvonen_targets(intensity, expected):
    """With max 180 and rest 70, 50 % HRR is 125 bpm and 85 % is 163.5 bpm."""
    assert karvonen(intensity, 180, 70) == pytest.approx(expected)


def test_profile_prefers_user_values_over_formulas():
    """A user-set max, rest and LTHR replace the HUNT estimate and the defaults."""
    default = AthleteProfile(age=40, sex="m")
    custom = AthleteProfile(age=40, sex="m", max_hr=200, rest_hr=45, lthr=175)
    assert (default.hr_max, default.hr_rest) == (pytest.approx(185.4), 60.0)
    assert default.hr_threshold == pytest.approx(0.89 * 185.4)
    assert (custom.hr_max, custom.hr_rest, custom.hr_threshold) == (200, 45, 175)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"age": 5, "sex": "m"},
        {"age": 30, "sex": "x"},
        {"age": 30, "sex": "m", "max_hr": 300},
        {"age": 30, "sex": "m", "max_hr": 110, "rest_hr": 115},
        {"age": 30, "sex": "m", "lthr": 250},
        {"age": 30, "sex": "m", "zone_method": "lactate"},
    ],
)
def test_impossible_profiles_raise_friendly_errors(kwargs):
    """Out-of-range settings raise a ProfileError, which is a user-safe EngineError."""
    with pytest.raises(ProfileError) as info:
        AthleteProfile(**kwargs)
    assert isinstance(info.value, EngineError)
    assert str(info.value).endswith(".")


@pytest.mark.parametrize(
    ("hr", "zone"),
    [(89.9, 0), (90, 1), (107.9, 1), (108, 2), (126, 3), (144, 4), (161.9, 4), (162, 5), (200, 5)],
)
def test_hrmax_zone_bounds_are_lower_inclusive(hr, zone):
    """With HRmax 180 the zones start at 90/108/126/144/162 bpm, each bound inclusive."""
    athlete = AthleteProfile(age=30, sex="m", max_hr=180)
    assert zone_of(hr, zone_floors(athlete)) == zone


def test_karvonen_zones_use_heart_rate_reserve():
    """Karvonen floors are rest + 50..90 % of (max − rest)."""
    athlete = AthleteProfile(age=30, sex="f", max_hr=180, rest_hr=70, zone_method="karvonen")
    assert zone_floors(athlete) == pytest.approx((125, 136, 147, 158, 169))


def test_time_in_zones_weights_samples_and_caps_pauses():
    """Each sample counts until the next one; a 10-minute pause counts only the gap cap."""
    athlete = AthleteProfile(age=30, sex="m", max_hr=200)
    times = [0, 10, 20, 620, 630]
    hrs = [110, 150, 190, 150, None]
    zones = time_in_zones(times, hrs, athlete, max_gap_s=20)
    assert zones == (0.0, 10.0, 0.0, 20.0, 0.0, 20.0)


def test_missing_and_zero_readings_count_no_time():
    """None and 0 bpm are gaps: they add no counted time and no zone time."""
    assert timed_hr([0, 1, 2, 3], [None, 0, 120, 130]) == [(1.0, 120.0)]
    assert counted_time_s([0, 1, 2], [None, None, None]) == 0
    assert mean_hr([0, 1, 2], [None, 0, None]) is None


@pytest.mark.parametrize(
    ("minutes", "hr", "max_hr", "rest_hr", "sex", "expected"),
    [(30, 130, 200, 40, "m", 31.8), (45, 145, 190, 60, "m", 66.1)],
)
def test_banister_trimp_published_checks(minutes, hr, max_hr, rest_hr, sex, expected):
    """Banister TRIMP reproduces SPORTSCI §4: 31.8 and 66.1."""
    assert banister_trimp(minutes, hr, max_hr, rest_hr, sex) == pytest.approx(expected, abs=0.05)


def test_banister_trimp_clips_reserve_and_uses_female_factors():
    """HR below rest scores 0, above max scores like max, and women use a=0.86 b=1.67."""
    assert banister_trimp(60, 30, 200, 40, "m") == 0
    assert banister_trimp(60, 250, 200, 40, "m") == banister_trimp(60, 200, 200, 40, "m")
    female = banister_trimp(30, 130, 200, 40, "f")
    assert female == pytest.approx(30 * 0.5625 * 0.86 * 2.718281828 ** (1.67 * 0.5625))


def test_trimp_stream_equals_steady_state_formula():
    """Thirty minutes of samples at 130 bpm give the same TRIMP as the closed formula."""
    athlete = AthleteProfile(age=30, sex="m", max_hr=200, rest_hr=40)
    times = list(range(0, 1801, 5))
    hrs = [130] * len(times)
    assert trimp_stream(times, hrs, athlete) == pytest.approx(31.8, abs=0.05)


def test_edwards_trimp_multiplies_minutes_by_zone():
    """Ten minutes in Z2 and five in Z5 score 2·10 + 5·5 = 45."""
    assert edwards_trimp((300.0, 0.0, 600.0, 0.0, 0.0, 300.0)) == pytest.approx(45)


def test_hrtss_one_hour_at_ninety_percent_lthr_scores_81():
    """The simplified hrTSS gives 81 for an hour at 90 % of LTHR, and 100 at LTHR."""
    assert hrtss(1.0, 153, 170) == pytest.approx(81)
    athlete = AthleteProfile(age=30, sex="m", max_hr=190, lthr=170)
    times = list(range(0, 3601, 10))
    assert hrtss_stream(times, [170] * len(times), athlete) == pytest.approx(100)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 120), st.one_of(st.none(), st.integers(0, 230))),
        min_size=1,
        max_size=60,
    ),
    st.sampled_from(["hrmax", "karvonen"]),
)
def test_zone_times_add_up_to_counted_time(samples, method):
    """Whatever the stream, the six zone totals sum to the stream's counted time."""
    times, t = [], 0.0
    for step, _ in samples:
        t += step
        times.append(t)
    hrs = [hr for _, hr in samples]
    athlete = AthleteProfile(age=35, sex="f", rest_hr=55, zone_method=method)
    zones = time_in_zones(times, hrs, athlete)
    assert sum(zones) == pytest.approx(counted_time_s(times, hrs))
    assert all(z >= 0 for z in zones)
