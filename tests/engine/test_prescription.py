"""Tests for next-set and next-session prescriptions."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.loading import KG_PROFILE, LB_PROFILE, makeable_load, plates_per_side
from engine.prescription import (
    DEFAULT_PRESCRIPTION,
    DoneSet,
    SessionTarget,
    goal_targets,
    next_session,
    next_set,
)
from engine.rpe_chart import StrengthInputError

TODAY = date(2024, 6, 10)


def test_rts_worked_example() -> None:
    """100 × 5 @ RPE 9, next 5 @ RPE 8: 100 / 0.837 × 0.811 = 96.9 → 97.5 kg."""
    rx = next_set(DoneSet("squat", 100, 5, rpe=9), 5, 2, KG_PROFILE)
    assert rx.load_kg == 97.5
    assert rx.e1rm_kg == pytest.approx(119.47, abs=0.01)
    assert rx.plates == (25.0, 10.0, 2.5, 1.25)
    assert "e1RM 119.5 kg" in rx.explanation
    assert "81.1 %" in rx.explanation


def test_next_set_in_pounds() -> None:
    """The same example in pounds rounds to a 5 lb step and reports both units."""
    rx = next_set(DoneSet("squat", 100 * 0.45359237, 5, rpe=9), 5, 2, LB_PROFILE)
    assert rx.load == 95.0
    assert rx.unit == "lb"
    assert rx.load_kg == pytest.approx(43.09, abs=0.01)


def test_next_set_without_effort_is_less_confident() -> None:
    """A set logged without RPE/RIR is read as a rep max, with lower confidence."""
    with_effort = next_set(DoneSet("squat", 100, 5, rpe=9), 5, 2, KG_PROFILE)
    without = next_set(DoneSet("squat", 100, 5), 5, 2, KG_PROFILE)
    assert without.confidence < with_effort.confidence


def test_next_set_uses_the_catalog_equipment() -> None:
    """Dumbbell exercises come from the rack and carry no plate breakdown."""
    rx = next_set(DoneSet("dumbbell bench press", 30, 8, rpe=8), 8, 2, KG_PROFILE)
    assert rx.load in KG_PROFILE.dumbbell_steps
    assert rx.plates is None


def _history(*sessions: tuple[int, float, int, float | None]) -> list[DoneSet]:
    """Build squat history from (days ago, kg, reps, RPE) tuples."""
    return [
        DoneSet("squat", kg, reps, rpe=rpe, day=TODAY - timedelta(days=ago))
        for ago, kg, reps, rpe in sessions
    ]


def test_next_session_from_the_last_session_top_set() -> None:
    """The last session's best set sets the e1RM; the load is %1RM of it, rounded."""
    history = _history((10, 90, 5, 8), (3, 100, 5, 9), (3, 60, 5, None))
    rx = next_session(history, SessionTarget("squat", 3, 5, 2), 0.0, None, KG_PROFILE, today=TODAY)
    assert rx.load_kg == 97.5
    assert (rx.sets, rx.reps, rx.rir) == (3, 5, 2)
    assert rx.kind == "work"


def test_readiness_lowers_the_load_and_says_so() -> None:
    """A poor readiness z takes up to 7 % off and appears in the explanation."""
    history = _history((3, 100, 5, 9))
    base = next_session(
        history, SessionTarget("squat", 3, 5, 2), 0.0, None, KG_PROFILE, today=TODAY
    )
    tired = next_session(
        history, SessionTarget("squat", 3, 5, 2), 0.0, -2.0, KG_PROFILE, today=TODAY
    )
    assert tired.load_kg == 90.0  # 96.9 × 0.93 = 90.1
    assert tired.load_kg < base.load_kg
    assert "−7% readiness" in tired.explanation


def test_cap_limits_a_big_jump() -> None:
    """An easy top set cannot push the next session past +7.5 % of its load."""
    history = _history((3, 100, 3, 5))
    rx = next_session(history, SessionTarget("squat", 3, 3, 1), 0.0, None, KG_PROFILE, today=TODAY)
    assert rx.load_kg == 107.5
    assert "capped" in rx.explanation


def test_layoff_cuts_the_estimate() -> None:
    """After more than four weeks off the e1RM is cut by 10 % and confidence falls."""
    fresh = next_session(_history((3, 100, 5, 9)), "squat", 0.0, None, KG_PROFILE, today=TODAY)
    stale = next_session(_history((60, 100, 5, 9)), "squat", 0.0, None, KG_PROFILE, today=TODAY)
    assert stale.load_kg < fresh.load_kg
    assert stale.confidence < fresh.confidence
    assert "days off" in stale.explanation


def test_cold_start_is_a_guided_amrap_test() -> None:
    """Without history the prescription is an AMRAP test from the bar, confidence 0."""
    rx = next_session([], "bench press", 0.5, None, KG_PROFILE, today=TODAY)
    assert rx.kind == "amrap_test"
    assert rx.load_kg == 20.0
    assert rx.confidence == 0.0
    assert "as many reps as you can" in rx.explanation


def test_future_and_other_lifts_are_ignored() -> None:
    """Sets after today or of other exercises do not count as history."""
    history = [replace(s, day=TODAY + timedelta(days=1)) for s in _history((0, 100, 5, 9))]
    history.append(DoneSet("bench press", 80, 5, rpe=8, day=TODAY))
    assert next_session(history, "squat", 0.0, None, KG_PROFILE, today=TODAY).kind == "amrap_test"


@pytest.mark.parametrize(
    ("goal", "expected"),
    [
        (0.0, (5, 4, 2.0)),
        (1.0, (3, 10, 1.0)),
        (0.5, (4, 7, 1.5)),
        (-1, (5, 4, 2.0)),
        (3, (3, 10, 1.0)),
    ],
)
def test_goal_interpolates_strength_to_hypertrophy(goal: float, expected: tuple) -> None:
    """Goal 0 is strength, 1 hypertrophy; values between interpolate, outside are clamped."""
    assert goal_targets(goal) == expected


def test_confidence_grows_with_history() -> None:
    """Four recent sessions give full confidence; one gives a quarter."""
    one = next_session(_history((3, 100, 5, 9)), "squat", 0.0, None, KG_PROFILE, today=TODAY)
    four = next_session(
        _history((3, 100, 5, 9), (7, 97.5, 5, 9), (10, 95, 5, 9), (14, 92.5, 5, 9)),
        "squat", 0.0, None, KG_PROFILE, today=TODAY,
    )  # fmt: skip
    assert (one.confidence, four.confidence) == (0.25, 1.0)


def test_bad_target_is_a_user_error() -> None:
    """Target reps out of range are refused with a friendly error."""
    with pytest.raises(StrengthInputError):
        next_set(DoneSet("squat", 100, 5, rpe=9), 40, 2, KG_PROFILE)


@settings(max_examples=150)
@given(
    weight=st.integers(2_000, 30_000),
    reps=st.integers(1, 15),
    rpe=st.one_of(st.none(), st.sampled_from([6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10])),
    target_reps=st.integers(1, 15),
    target_rir=st.sampled_from([0, 1, 2, 3, 4]),
    readiness=st.one_of(st.none(), st.floats(-3, 3, allow_nan=False)),
    goal=st.floats(0, 1, allow_nan=False),
    unit=st.sampled_from(["kg", "lb"]),
)
def test_prescriptions_are_always_makeable(
    weight: int, reps: int, rpe: float | None, target_reps: int, target_rir: int,
    readiness: float | None, goal: float, unit: str,
) -> None:  # fmt: skip
    """Every prescribed barbell load can be built from plates and is at least the bar."""
    profile = KG_PROFILE if unit == "kg" else LB_PROFILE
    done = DoneSet("squat", weight / 100, reps, rpe=rpe, day=TODAY - timedelta(days=2))
    for rx in (
        next_set(done, target_reps, target_rir, profile),
        next_session(
            [done], SessionTarget("squat", reps=target_reps), goal, readiness, profile, today=TODAY
        ),
    ):
        assert rx.load >= profile.bar
        assert plates_per_side(rx.load, profile) is not None
        assert makeable_load(rx.load, profile) == rx.load
        assert 0.0 <= rx.confidence <= 1.0
        assert rx.load_kg == pytest.approx(profile.to_kg(rx.load))


def test_default_parameters_are_shared() -> None:
    """The default parameters object is the documented one."""
    assert DEFAULT_PRESCRIPTION.readiness.max_change == 0.07


def test_a_single_is_one_rep_in_the_explanation() -> None:
    """A single's explanation reads '1 rep @ RIR 1', not '1 reps'."""
    result = next_set(DoneSet("squat", 140, 1, rpe=9), 1, 1.0, KG_PROFILE)
    assert result.explanation.endswith(": 1 rep @ RIR 1 = 95.5 %")
