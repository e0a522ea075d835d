"""The readiness modifier: ±7 % at most, against the athlete's own baseline, loads in band."""

from __future__ import annotations

import datetime as dtm

import pytest

from engine.loading import LoadingProfile, default_profile, makeable_load
from engine.program_model import PlannedExercise, PlannedSession
from engine.readiness import (
    MAX_MODIFIER,
    CheckIn,
    adjusted_load,
    adjusted_session,
    readiness,
)
from engine.schedule_moves import move_to_next_day

DAY = dtm.date(2026, 11, 16)
KG, LB = default_profile("kg"), default_profile("lb")


def earlier(*scores: tuple[int, int, int], gap: int = 1) -> list[CheckIn]:
    return [
        CheckIn(DAY - dtm.timedelta(days=gap * (i + 1)), s, o, e)
        for i, (s, o, e) in enumerate(scores)
    ]


def test_no_answer_no_change() -> None:
    assert readiness(CheckIn(DAY), earlier((3, 3, 3))) is None


@pytest.mark.parametrize(
    ("answers", "percent"),
    [((3, 3, 3), 7), ((1, 1, 1), -7), ((2, 2, 2), 0), ((1, 2, 2), -2), ((3, 3, 2), 5)],
)
def test_without_a_baseline_the_scale_middle_is_the_reference(
    answers: tuple[int, int, int], percent: int
) -> None:
    """Fewer than five earlier check-ins: one point from the middle is one SD."""
    found = readiness(CheckIn(DAY, *answers), earlier((3, 3, 3), (1, 1, 1)))
    assert found is not None
    assert found.percent == percent
    assert found.baseline == 0


def test_the_athletes_own_baseline_decides_and_today_is_not_part_of_it() -> None:
    """Usually 'great' (mean 2.8): an 'OK' morning is far below their normal, −7 %; an
    'OK' morning of someone usually between poor and OK is above theirs, a raise."""
    high = earlier((3, 3, 3), (3, 3, 3), (3, 3, 2), (3, 2, 3), (3, 3, 3), (2, 3, 3))
    found = readiness(CheckIn(DAY, 2, 2, 2), [*high, CheckIn(DAY, 2, 2, 2)])
    assert found is not None
    assert found.baseline == 6
    assert found.modifier == -MAX_MODIFIER
    low = earlier((1, 2, 1), (2, 1, 2), (1, 1, 2), (2, 2, 1), (1, 2, 2))
    raised = readiness(CheckIn(DAY, 2, 2, 2), low)
    assert raised is not None
    assert 0 < raised.modifier <= MAX_MODIFIER


def test_a_baseline_that_never_varied_or_is_old_falls_back_to_the_scale() -> None:
    """SD 0 (always 'OK'): no spread to divide by; check-ins over 28 days ago don't count."""
    flat = earlier(*[(2, 2, 2)] * 8)
    found = readiness(CheckIn(DAY, 1, 1, 1), flat)
    assert found is not None
    assert (found.modifier, found.baseline) == (-MAX_MODIFIER, 0)
    old = earlier((1, 1, 1), (3, 3, 3), (2, 1, 3), (3, 2, 1), (1, 3, 2), gap=30)
    assert readiness(CheckIn(DAY, 3, 3, 3), old).baseline == 0  # type: ignore[union-attr]


def test_partial_and_one_question_check_ins() -> None:
    """One answer of three counts alone; 'how do you feel' is a check-in of its own."""
    assert readiness(CheckIn(DAY, sleep=1), ()).percent == -7  # type: ignore[union-attr]
    assert readiness(CheckIn(DAY, feel=3), ()).percent == 7  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="sleep must be"):
        CheckIn(DAY, sleep=4)


@pytest.mark.parametrize("modifier", [-0.07, -0.05, -0.02, 0.02, 0.05, 0.07])
@pytest.mark.parametrize("profile", [KG, LB], ids=["kg", "lb"])
@pytest.mark.parametrize("equipment", ["barbell", "dumbbell", "machine"])
def test_adjusted_loads_stay_within_seven_percent_on_the_modifiers_side(
    modifier: float, profile: LoadingProfile, equipment: str
) -> None:
    """Every load from 20 to 250 kg: makeable, never more than 7 % away, never the wrong
    way (rounding may cross the band: then the next step inside it is taken)."""
    top = 50 if equipment == "dumbbell" else 250
    for tenth in range(25, top * 10, 7):
        shown = makeable_load(profile.from_kg(tenth / 10), profile, equipment)
        planned = round(profile.to_kg(shown), 2)
        got = adjusted_load(planned, modifier, profile, equipment)
        assert planned * 0.93 - 1e-6 <= got <= planned * 1.07 + 1e-6, (planned, got)
        assert (got - planned) * modifier >= 0, (planned, got)


def test_rounding_that_would_cross_the_band_takes_the_step_inside() -> None:
    """60 kg −7 % is 55.8: nearest 55 would be −8.3 %, so 57.5; 100 kg ±7 % gives 95 and
    105 (92.5 and 107.5 are outside the band); 20 kg stays on the bar."""
    assert adjusted_load(60.0, -0.07, KG) == 57.5
    assert adjusted_load(100.0, -0.07, KG) == 95.0
    assert adjusted_load(20.0, -0.07, KG) == 20.0
    assert adjusted_load(100.0, 0.07, KG) == 105.0
    assert adjusted_load(100.0, 0.0, KG) == 100.0


def test_a_session_moves_its_loads_and_warm_ups_and_leaves_unknown_loads() -> None:
    squat = PlannedExercise("squat", 4, 5, 2, "single", main=True, percent_1rm=0.8, load_kg=100)
    fly = PlannedExercise("chest fly", 3, 8, 2, "double", reps_max=12)
    session = PlannedSession(1, 1, "Full body A", "accumulation", (squat, fly))
    lighter = adjusted_session(session, -0.07, KG)
    assert lighter.exercises[0].load_kg == 95.0
    assert lighter.exercises[1] == fly
    assert adjusted_session(session, 0.0, KG) == session


def test_moving_a_session_pushes_the_ones_it_lands_on_up_to_a_free_day() -> None:
    """Mon/Tue/Thu/Fri: Monday's moves to Tuesday, Tuesday's to Wednesday (free); from
    Thursday: Friday's moves to Saturday."""
    mon = DAY
    dates = {(1, n): mon + dtm.timedelta(days=d) for n, d in ((1, 0), (2, 1), (3, 3), (4, 4))}
    assert move_to_next_day(dates, (1, 1)) == {
        (1, 1): mon + dtm.timedelta(days=1),
        (1, 2): mon + dtm.timedelta(days=2),
    }
    assert move_to_next_day(dates, (1, 3)) == {
        (1, 3): mon + dtm.timedelta(days=4),
        (1, 4): mon + dtm.timedelta(days=5),
    }
    with pytest.raises(KeyError):
        move_to_next_day(dates, (9, 9))
