"""Tests for exact rounding, plate math, makeable loads and the progression guardrails."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.loading import (
    KG_PROFILE,
    LB_PROFILE,
    GuardrailParams,
    LoadingError,
    LoadingProfile,
    cap_weekly_sets,
    default_profile,
    format_plates,
    guard_load,
    makeable_load,
    plates_per_side,
    round_load,
    to_hundredths,
)


@pytest.mark.parametrize(
    ("value", "step", "mode", "expected"),
    [
        (101.25, 2.5, "nearest", 102.5),  # half-up, where round() would give banker's 100
        (101.24, 2.5, "nearest", 100.0),
        (96.89, 2.5, "nearest", 97.5),
        (111.8, 2.5, "down", 110.0),
        (111.8, 2.5, "up", 112.5),
        (0.1 + 0.2, 0.1, "nearest", 0.3),  # float drift does not leak through
        (222.5, 5, "nearest", 225.0),
        (227.49, 5, "nearest", 225.0),
        (3.75, 1.25, "nearest", 3.75),
    ],
)
def test_round_load_is_exact_and_half_up(
    value: float, step: float, mode: str, expected: float
) -> None:
    """Rounding is decimal-exact; ties go up."""
    assert round_load(value, step, mode) == expected


def test_round_load_refuses_a_zero_step() -> None:
    """A step of zero is a configuration error the user can fix."""
    with pytest.raises(LoadingError):
        round_load(100, 0)


@settings(max_examples=200)
@given(hundredths=st.integers(0, 100_000), step=st.sampled_from([1.25, 2.5, 5.0, 0.5, 1.0]))
def test_rounded_loads_are_whole_steps_in_hundredths(hundredths: int, step: float) -> None:
    """Every rounded load is an exact multiple of the step, within half a step of the input."""
    value = hundredths / 100
    rounded = round_load(value, step)
    assert to_hundredths(rounded) % to_hundredths(step) == 0
    assert abs(Decimal(repr(rounded)) - Decimal(repr(value))) <= Decimal(repr(step)) / 2


@pytest.mark.parametrize(
    ("total", "profile", "plates", "text"),
    [
        (100, KG_PROFILE, (25.0, 15.0), "20 + 2×(25, 15)"),
        (225, LB_PROFILE, (45.0, 45.0), "45 + 2×(45, 45)"),
        (20, KG_PROFILE, (), "bar only (20)"),
        (97.5, KG_PROFILE, (25.0, 10.0, 2.5, 1.25), "20 + 2×(25, 10, 2.5, 1.25)"),
        (180, KG_PROFILE, (25.0, 25.0, 25.0, 5.0), "20 + 2×(25, 25, 25, 5)"),
        (135, LB_PROFILE, (45.0,), "45 + 2×(45)"),
        (101, KG_PROFILE, None, ""),
        (15, KG_PROFILE, None, ""),
    ],
)
def test_plates_per_side_greedy(
    total: float, profile: LoadingProfile, plates: tuple[float, ...] | None, text: str
) -> None:
    """Plates are chosen heaviest first; unmakeable loads give None and no text."""
    assert plates_per_side(total, profile) == plates
    assert format_plates(total, profile) == text


def test_plates_fall_back_to_an_exact_solution_when_greedy_gets_stuck() -> None:
    """With only 20s and 15s, 30 a side is 15 + 15, not an impossible 20 + 10."""
    profile = LoadingProfile(plates=(20.0, 15.0), step=30.0)
    assert plates_per_side(80, profile) == (15.0, 15.0)


@pytest.mark.parametrize(
    "kwargs",
    [{"unit": "stone"}, {"step": 0}, {"plates": ()}, {"step": 1.0}, {"dumbbell_steps": ()}],
)
def test_invalid_profiles_are_refused(kwargs: dict) -> None:
    """A profile with a bad unit, step, plates or rack raises a user error."""
    with pytest.raises(LoadingError):
        LoadingProfile(**kwargs)


def test_default_profiles() -> None:
    """kg and lb defaults follow the reference bar, plates and step."""
    assert default_profile("kg") == KG_PROFILE
    assert (LB_PROFILE.bar, LB_PROFILE.step, LB_PROFILE.plates[0]) == (45.0, 5.0, 45.0)
    assert LB_PROFILE.bar_kg == pytest.approx(20.41)
    with pytest.raises(LoadingError):
        default_profile("st")


@pytest.mark.parametrize(
    ("load", "equipment", "mode", "expected"),
    [
        (13, "barbell", "nearest", 20.0),
        (61.3, "barbell", "nearest", 62.5),
        (61.3, "barbell", "down", 60.0),
        (60.0, "barbell", "above", 62.5),
        (17.0, "dumbbell", "nearest", 17.5),
        (18.75, "dumbbell", "nearest", 20.0),  # ties go up
        (17.0, "dumbbell", "down", 15.0),
        (17.5, "dumbbell", "above", 20.0),
        (80.0, "dumbbell", "nearest", 50.0),  # heaviest on the rack
        (41.0, "machine", "nearest", 40.0),
        (0.5, "cable", "nearest", 0.0),
    ],
)
def test_makeable_load_by_equipment(
    load: float, equipment: str, mode: str, expected: float
) -> None:
    """Barbells start at the bar, dumbbells come from the rack, the rest move in steps."""
    assert makeable_load(load, KG_PROFILE, equipment, mode) == expected


@pytest.mark.parametrize(
    ("target", "previous", "expected"),
    [
        (120, 104, 110.0),  # cap 111.8; nearest 112.5 crosses it, so floor to 110
        (111, 104, 110.0),
        (106, 104, 105.0),
        (90, 104, 90.0),  # decreases are not capped
        (33, 30, 32.5),  # light load: one minimum step allowed
        (31, 30, 30.0),  # rounds to no increase: nothing to allow
        (25, 20, 22.5),  # from the empty bar
        (10, 20, 20.0),  # never below the bar
        (150, None, 150.0),  # no history: no cap
    ],
)
def test_guard_load_examples(target: float, previous: float | None, expected: float) -> None:
    """Clamp → round → floor if the cap was crossed → one-step rule → not below the bar."""
    assert guard_load(target, previous, KG_PROFILE) == expected


def test_light_load_rule_can_be_switched_off() -> None:
    """Without the minimum-step rule a 30 kg lift cannot rise under a 7.5 % cap."""
    params = GuardrailParams(allow_min_step=False)
    assert guard_load(33, 30, KG_PROFILE, params=params) == 30.0


def test_decrease_cap_is_configurable() -> None:
    """A configured maximum decrease keeps a bad day from dropping the load too far."""
    params = GuardrailParams(max_decrease=0.10)
    assert guard_load(50, 100, KG_PROFILE, params=params) == 90.0


@settings(max_examples=300)
@given(
    target_h=st.integers(0, 40_000),
    previous_h=st.integers(2_000, 30_000),
    unit=st.sampled_from(["kg", "lb"]),
    equipment=st.sampled_from(["barbell", "dumbbell", "machine"]),
)
def test_guarded_loads_are_makeable_and_capped(
    target_h: int, previous_h: int, unit: str, equipment: str
) -> None:
    """Results are makeable, never below the bar, and above the cap only by one step."""
    profile = default_profile(unit)
    target, previous = target_h / 100, previous_h / 100
    load = guard_load(target, previous, profile, equipment)
    assert makeable_load(load, profile, equipment) == load
    if equipment == "barbell":
        assert load >= profile.bar
        assert plates_per_side(load, profile) is not None
    cap = Decimal(repr(previous)) * Decimal("1.075")
    one_step = makeable_load(previous, profile, equipment, "above")
    assert Decimal(repr(load)) <= cap or load <= one_step


@pytest.mark.parametrize(
    ("this_week", "planned", "expected"),
    [(10, 20, 13.0), (10, 12, 12), (10, 4, 4), (2, 5, 3), (0, 12, 12), (20, 26, 26)],
)
def test_weekly_sets_rise_at_most_30_percent(
    this_week: float, planned: float, expected: float
) -> None:
    """Next week's sets are capped at +30 % (or one set), decreases pass."""
    assert cap_weekly_sets(this_week, planned) == expected


@settings(max_examples=100)
@given(this_week=st.integers(1, 40), planned=st.integers(0, 80))
def test_weekly_cap_never_exceeded(this_week: int, planned: int) -> None:
    """The capped plan is within +30 % or +1 set of this week, and never above the plan."""
    capped = cap_weekly_sets(this_week, planned)
    assert capped <= planned
    assert capped <= max(this_week * 1.3 + 1e-9, this_week + 1)
