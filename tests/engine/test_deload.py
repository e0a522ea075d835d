"""Tests for readiness, deload triggers and what a deload does to a week."""

from datetime import date, timedelta

import pytest

from engine.deload import (
    DeloadParams,
    ReadinessParams,
    SessionPerformance,
    SetResult,
    apply_deload,
    deload_check,
    readiness_modifier,
    readiness_z,
    scheduled_deload,
)
from engine.loading import KG_PROFILE
from engine.program_model import PlannedExercise, PlannedSession, warmup_sets

START = date(2024, 1, 1)  # a Monday; week n starts START + 7(n − 1)


@pytest.mark.parametrize(
    ("value", "baseline", "lower", "expected"),
    [
        (60, [50, 55, 60, 65, 70], False, 0.0),
        (70, [50, 55, 60, 65, 70], False, 10 / 7.905694),
        (70, [50, 55, 60, 65, 70], True, -10 / 7.905694),  # resting HR: higher is worse
        (50, [50, 50, 50], False, None),  # SD 0: nothing can be said
        (50, [48, 52], False, None),  # too short a baseline
    ],
)
def test_readiness_z_uses_the_sample_sd(
    value: float, baseline: list[float], lower: bool, expected: float | None
) -> None:
    """z = (x − mean) / sample SD, sign flipped when lower is better; None when undefined."""
    z = readiness_z(value, baseline, lower_is_better=lower)
    assert z == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    ("z", "mode", "expected"),
    [
        (None, "linear", 0.0),
        (0.5, "linear", 0.035),
        (-1.0, "linear", -0.07),
        (-3.0, "linear", -0.07),
        (2.0, "linear", 0.07),
        (0.99, "step", 0.0),
        (1.0, "step", 0.07),
        (-1.0, "step", -0.07),
    ],
)
def test_readiness_modifier(z: float | None, mode: str, expected: float) -> None:
    """Linear clamp(0.07·z, ±0.07) by default; a ±7 % step at |z| ≥ 1 when chosen."""
    assert readiness_modifier(z, ReadinessParams(mode=mode)) == pytest.approx(expected)


def _perf(days_ago: int, lift: str, e1rm: float, missed: int = 0) -> SessionPerformance:
    """A session on (today − days_ago) with ``missed`` sets short of their reps."""
    sets = tuple(SetResult(5, 4 if i < missed else 5, 2, 2) for i in range(4))
    return SessionPerformance(TODAY - timedelta(days=days_ago), lift, e1rm, sets)


TODAY = START + timedelta(days=16)  # week 3


def test_scheduled_deload_every_fifth_week() -> None:
    """Any day in week 5 is a scheduled deload that applies to week 5."""
    for offset in (28, 34):
        decision = deload_check(START + timedelta(days=offset), START, [], None)
        assert decision is not None
        assert (decision.week, decision.reasons) == (5, ("scheduled",))
        assert decision.starts_on == START + timedelta(days=28)
    assert deload_check(START + timedelta(days=27), START, [], None) is None


@pytest.mark.parametrize("latest", [142.5, 120])
def test_e1rm_drop_triggers_a_deload_next_week(latest: float) -> None:
    """An e1RM 5 % or more under the best of the three sessions before deloads next week."""
    recent = [
        _perf(14, "squat", 150),
        _perf(9, "squat", 148),
        _perf(5, "squat", 149),
        _perf(1, "squat", 142),
    ]
    decision = deload_check(TODAY, START, recent, None)
    assert decision is not None
    assert decision.reasons == ("e1rm_drop",)
    assert decision.week == 4
    assert "squat" in decision.message


@pytest.mark.parametrize(
    ("latest", "sessions", "days_ago"),
    [(142.51, 4, 1), (140, 3, 1), (140, 4, 9)],
)
def test_no_deload_for_small_drops_short_history_or_old_data(
    latest: float, sessions: int, days_ago: int
) -> None:
    """Under 5 %, fewer than three earlier sessions, or a latest session outside the week."""
    earlier = [_perf(20 + i, "squat", 150) for i in range(sessions - 1)]
    assert deload_check(TODAY, START, [*earlier, _perf(days_ago, "squat", latest)], None) is None


def test_rir_misses_trigger_at_three() -> None:
    """Three missed sets in the last week trigger; two do not."""
    assert deload_check(TODAY, START, [_perf(2, "bench press", 100, missed=2)], None) is None
    recent = [_perf(2, "bench press", 100, missed=2), _perf(1, "squat", 140, missed=1)]
    decision = deload_check(TODAY, START, recent, None)
    assert decision is not None
    assert decision.reasons == ("rir_misses",)


@pytest.mark.parametrize(
    ("target_rir", "actual_rir", "done", "missed"),
    [
        (2, 0.5, 5, True),
        (2, 1, 5, False),
        (2, None, 5, False),
        (2, 3, 4, True),
        (None, 0, 5, False),
    ],
)
def test_a_set_misses_on_reps_or_rir_more_than_one_under(
    target_rir: float | None, actual_rir: float | None, done: int, missed: bool
) -> None:
    """A miss is fewer reps than targeted or an RIR below target − 1."""
    assert SetResult(5, done, target_rir, actual_rir).missed() is missed


@pytest.mark.parametrize(
    ("acwr", "due"), [(1.5, False), (1.51, True), (None, False), (0.8, False)]
)
def test_acwr_above_limit_is_strict(acwr: float | None, due: bool) -> None:
    """ACWR 1.5 is not enough; anything above triggers a deload."""
    decision = deload_check(TODAY, START, [], acwr)
    assert (decision is not None) is due
    if decision:
        assert decision.reasons == ("acwr",)


def test_trigger_before_a_scheduled_week_mentions_both() -> None:
    """A trigger in week 4 applies to week 5, which was scheduled anyway."""
    decision = deload_check(START + timedelta(days=22), START, [], 1.8)
    assert decision is not None
    assert decision.week == 5
    assert decision.reasons == ("acwr", "scheduled")


def test_nothing_before_the_program_starts() -> None:
    """Days before the program start never deload."""
    assert deload_check(START - timedelta(days=1), START, [], 3.0) is None


def test_apply_deload_cuts_volume_and_intensity() -> None:
    """Sets −40 % (at least one), loads −10 % made makeable, RIR +2, block 'deload'."""
    squat = PlannedExercise(
        "squat",
        5,
        5,
        2.0,
        "single",
        main=True,
        percent_1rm=81.1,
        load_kg=100.0,
        warmup=warmup_sets(100.0, KG_PROFILE),
    )
    curl = PlannedExercise("bicep curl", 2, 10, 1.0, "double", reps_max=12, load_kg=12.5)
    week = (PlannedSession(5, 1, "Lower A", "accumulation", (squat, curl)),)
    (session,) = apply_deload(week, scheduled_deload(5), KG_PROFILE)
    deloaded_squat, deloaded_curl = session.exercises
    assert session.block == "deload"
    assert (deloaded_squat.sets, deloaded_squat.load_kg, deloaded_squat.rir) == (3, 90.0, 4.0)
    assert deloaded_squat.percent_1rm == pytest.approx(73.0)
    assert deloaded_squat.warmup[-1].load_kg < 90.0
    # A barbell lift still warms up from the empty bar in a deload week.
    assert [(w.reps, w.load_kg) for w in deloaded_squat.warmup] == [
        (10, 20.0), (5, 35.0), (3, 55.0), (2, 72.5)
    ]  # fmt: skip
    assert (deloaded_curl.sets, deloaded_curl.load_kg) == (1, 10.0)


def test_deload_size_is_configurable() -> None:
    """Custom cuts change the factors and the message."""
    decision = scheduled_deload(
        4, START, DeloadParams(every_weeks=4, volume_cut=0.5, intensity_cut=0.2)
    )
    assert (decision.volume_factor, decision.intensity_factor) == (0.5, 0.8)
    assert "50%" in decision.message
