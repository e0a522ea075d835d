"""Tests for engine.running: best efforts, PBs, Riegel, VDOT, training paces, gait split."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.running import (
    EFFORT_DISTANCES_M,
    ONE_GAIT_PACE_S_PER_KM,
    best_efforts,
    classify_gait,
    gait_threshold,
    new_pbs,
    race_predictions,
    riegel,
    training_paces,
    vdot,
    vdot_time,
)


def _hms(text: str) -> float:
    seconds = 0.0
    for part in text.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def test_steady_run_best_efforts_are_distance_over_speed():
    """At a steady 4 m/s over 6 km every effort up to 5 km takes distance / 4 seconds."""
    times = list(range(0, 1501))
    efforts = best_efforts(times, [4.0 * t for t in times])
    assert set(efforts) == {"400 m", "1 km", "1 mile", "5 km"}
    for label, seconds in efforts.items():
        assert seconds == pytest.approx(EFFORT_DISTANCES_M[label] / 4.0)


def test_effort_start_is_interpolated_between_sparse_samples():
    """Samples every 300 m still give exactly 400 m: the start point is interpolated."""
    efforts = best_efforts([0, 100, 200, 250], [0.0, 300.0, 600.0, 900.0], {"400 m": 400.0})
    assert efforts["400 m"] == pytest.approx(250 - (100 + 100 * 200 / 300))


def test_fastest_window_is_found_inside_a_slow_run():
    """A fast middle kilometre is found although the run around it is slow."""
    times, dists, d = [], [], 0.0
    for t in range(0, 1200):
        times.append(float(t))
        dists.append(d)
        d += 5.0 if 400 <= t < 600 else 2.0
    assert best_efforts(times, dists, {"1 km": 1000.0})["1 km"] == pytest.approx(200.0)


def test_gaps_resets_and_glitches():
    """Missing distances are skipped, a distance reset adds nothing, GPS teleports are no PB."""
    times = [0, 10, 20, 30, 40, 50]
    dists = [0.0, 40.0, None, 120.0, 5.0, 45.0]
    assert best_efforts(times, dists, {"100 m": 100.0})["100 m"] == pytest.approx(25.0)
    assert best_efforts([0, 1, 2], [0.0, 500.0, 1000.0], {"400 m": 400.0}) == {}
    assert best_efforts([], [], EFFORT_DISTANCES_M) == {}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0.5, 20), st.floats(0, 60)), min_size=2, max_size=200))
def test_best_effort_times_grow_with_distance(steps):
    """A longer distance never has a faster best time than a shorter one."""
    times, dists, t, d = [0.0], [0.0], 0.0, 0.0
    for dt, dd in steps:
        t, d = t + dt, d + dd
        times.append(t)
        dists.append(d)
    targets = {str(m): float(m) for m in (50, 100, 200, 400, 800, 1600)}
    efforts = best_efforts(times, dists, targets)
    ordered = [efforts[k] for k in targets if k in efforts]
    assert all(a <= b + 1e-6 for a, b in itertools.pairwise(ordered))


def test_new_pbs_keeps_only_improvements_and_first_times():
    """A PB beats the stored best or fills an empty distance; ties are not PBs."""
    efforts = {"1 km": 240.0, "5 km": 1300.0, "10 km": 2700.0}
    history = {"1 km": 250.0, "5 km": 1300.0}
    assert new_pbs(efforts, history) == {"1 km": 240.0, "10 km": 2700.0}


def test_riegel_published_check():
    """5 km in 20:00 predicts 10 km in 41:41.9."""
    assert riegel(1200, 5000, 10000) == pytest.approx(_hms("41:41.9"), abs=0.05)


@pytest.mark.parametrize(
    ("distance", "time", "expected", "tolerance"),
    [
        (5000, "19:57", 49.95, 0.05),
        (10000, "41:21", 50.0, 0.15),
        (21097.5, "1:31:35", 50.0, 0.15),
        (42195, "3:10:49", 50.0, 0.15),
    ],
)
def test_vdot_matches_daniels_table(distance, time, expected, tolerance):
    """VDOT from race results matches Daniels' Running Formula."""
    assert vdot(distance, _hms(time)) == pytest.approx(expected, abs=tolerance)


@pytest.mark.parametrize(
    ("value", "distance", "table_time"),
    [
        (50, 5000, "19:57"),
        (50, 10000, "41:21"),
        (50, 21097.5, "1:31:35"),
        (50, 42195, "3:10:49"),
        (30, 42195, "4:49:17"),
    ],
)
def test_vdot_equivalent_times_within_a_fifth_of_a_percent(value, distance, table_time):
    """Bisection on VDOT reproduces the printed equivalents within 0.2 %."""
    assert vdot_time(value, distance) == pytest.approx(_hms(table_time), rel=0.002)


def test_training_paces_at_vdot_50():
    """VDOT 50 gives T 4:15 and M 4:31 within 3 s; I, R and E near the table."""
    paces = training_paces(50)
    assert paces.threshold == pytest.approx(255, abs=3)
    assert paces.marathon == pytest.approx(271, abs=3)
    assert paces.interval == pytest.approx(235, abs=3)
    assert paces.repetition == pytest.approx(221, abs=3)
    assert paces.easy == pytest.approx((352, 294), abs=3)


def test_race_predictions_use_the_best_qualifying_effort():
    """The 5 km effort (VDOT ≈ 50) predicts the table's 10 km; short efforts are ignored."""
    efforts = {"400 m": 60.0, "5 km": _hms("19:57"), "10 km": _hms("45:00")}
    vdot_based = race_predictions(efforts)
    assert vdot_based["10 km"] == pytest.approx(_hms("41:21"), rel=0.003)
    assert vdot_based["5 km"] == pytest.approx(_hms("19:57"), rel=0.001)
    riegel_based = race_predictions(efforts, method="riegel")
    assert riegel_based["10 km"] == pytest.approx(riegel(_hms("19:57"), 5000, 10000))
    assert race_predictions({"400 m": 60.0, "unknown": 900.0}) == {}


@pytest.mark.parametrize(
    ("paces", "gait"),
    [
        ([300.0, 310.0, 320.0] * 20, "run"),
        ([450.0] * 30, "run"),  # a slow 7:30/km runner is still running
        ([640.0, 700.0, 720.0] * 20, "walk"),
        ([330.0] * 30 + [690.0] * 30, "mixed"),
        ([700.0] * 30 + [5000.0, 0.0, -3.0] * 30, "walk"),  # stops and junk are dropped
        ([], "walk"),
    ],
)
def test_classify_gait(paces, gait):
    """Runs, walks, run/walk mixes, slow runners and stops are told apart."""
    assert classify_gait(paces) == gait


def test_gait_threshold_is_midpoint_or_one_gait_fallback():
    """Two clear clusters split at the midpoint; one cluster falls back to 8:20/km."""
    assert gait_threshold([300.0] * 10 + [700.0] * 10) == pytest.approx(500.0)
    assert gait_threshold([330.0] * 10 + [610.0] * 10) == pytest.approx(470.0)
    assert gait_threshold([400.0] * 10) == ONE_GAIT_PACE_S_PER_KM
    assert gait_threshold([480.0] * 10 + [540.0] * 10) == ONE_GAIT_PACE_S_PER_KM
