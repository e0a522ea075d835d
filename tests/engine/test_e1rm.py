"""Tests for e1RM formulas, the AUTO method choice and RIR-bias learning."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.e1rm import (
    Formula,
    RirBiasParams,
    RirObservation,
    StrengthInputError,
    brzycki,
    epley,
    epley_rir,
    estimate_1rm,
    extended_epley,
    learn_rir_bias,
    lombardi,
    oconner,
)


@pytest.mark.parametrize(
    ("formula", "reps", "expected"),
    [
        (epley, 5, 100 * (1 + 5 / 30)),
        (epley, 10, 133.333),
        (brzycki, 5, 100 * 36 / 32),
        (brzycki, 10, 133.333),
        (lombardi, 5, 100 * 5**0.1),
        (lombardi, 10, 125.893),
        (oconner, 5, 112.5),
        (oconner, 10, 125.0),
    ],
)
def test_published_formulas(formula, reps: int, expected: float) -> None:
    """Each classic formula gives its published value for 100 kg."""
    assert formula(100, reps) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (epley(100, 1), 100.0),  # special-cased: a single is the max
        (epley(100, 1, single_is_max=False), 103.333),
        (epley_rir(100, 1, 0), 100.0),
        (epley_rir(100, 1, 1), 100 * (1 + 2 / 30)),
        (brzycki(100, 1), 100.0),
        (lombardi(100, 1), 100.0),
        (oconner(100, 1), 102.5),
        (extended_epley(100, 1, 0), 100 / (1 - 0.0333)),
    ],
)
def test_single_rep_behaviour_is_explicit(value: float, expected: float) -> None:
    """At r = 1 Epley returns w, the others follow their published formula."""
    assert value == pytest.approx(expected, abs=1e-3)


def test_extended_epley_is_the_reciprocal_form() -> None:
    """At r = 10, RIR 0 Extended Epley gives 1.499 w (Epley gives 1.333 w)."""
    assert extended_epley(100, 10, 0) / 100 == pytest.approx(1.499, abs=5e-4)
    assert epley(100, 10) / 100 == pytest.approx(1.333, abs=5e-4)


@pytest.mark.parametrize(
    ("rir", "bias", "effective"), [(3, 0, 8), (3, 1, 7), (1, 2, 5), (0, -1, 6)]
)
def test_extended_epley_bias_reduces_reported_rir(rir: float, bias: float, effective: int) -> None:
    """The RIR used is max(0, RIR − b): over-reporters get less credit."""
    assert extended_epley(100, 5, rir, bias) == pytest.approx(100 / (1 - 0.0333 * effective))


def test_extended_epley_refuses_to_blow_up() -> None:
    """Past 20 effective reps the reciprocal form is refused, not extrapolated."""
    assert extended_epley(100, 20, 0) == pytest.approx(100 / (1 - 0.666))
    with pytest.raises(StrengthInputError):
        extended_epley(100, 18, 3)


@pytest.mark.parametrize(
    ("kwargs", "method", "value"),
    [
        ({"rpe": 9}, Formula.RPE_CHART, 100 / 0.837),
        ({"rir": 1}, Formula.RPE_CHART, 100 / 0.837),
        ({}, Formula.EPLEY, 100 * (1 + 5 / 30)),
        ({"rpe": 5}, Formula.EPLEY, 100 * (1 + 10 / 30)),  # outside the chart: Epley + RIR
    ],
)
def test_auto_picks_the_chart_when_effort_is_known(
    kwargs: dict, method: Formula, value: float
) -> None:
    """AUTO reads the chart with RPE/RIR, Epley without, and reports what it used."""
    result = estimate_1rm(100, 5, **kwargs)
    assert result.method is method
    assert result.value_kg == pytest.approx(value)


def test_auto_marks_the_fallback() -> None:
    """A set beyond 12 reps with effort known is flagged as a fallback estimate."""
    result = estimate_1rm(60, 15, rpe=8)
    assert result.fallback
    assert result.method is Formula.EPLEY
    assert result.value_kg == pytest.approx(60 / 0.626)  # the 12 @ 8 edge cell floors it


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (Formula.EPLEY, 100 * (1 + 7 / 30)),
        (Formula.BRZYCKI, 100 * 36 / 30),
        (Formula.LOMBARDI, 100 * 7**0.1),
        (Formula.OCONNER, 100 * (1 + 0.025 * 7)),
        (Formula.EXTENDED_EPLEY, 100 / (1 - 0.0333 * 7)),
        (Formula.RPE_CHART, 100 / 0.811),
    ],
)
def test_chosen_formula_uses_reps_to_failure(method: Formula, expected: float) -> None:
    """With 5 reps at RIR 2 each formula is applied to 7 reps to failure."""
    result = estimate_1rm(100, 5, rir=2, method=method)
    assert result.method is method
    assert result.value_kg == pytest.approx(expected)


def test_rir_bias_applies_to_the_chart_too() -> None:
    """A bias of 1 reads RIR 2 as RIR 1 everywhere."""
    assert estimate_1rm(100, 5, rir=2, rir_bias=1).value_kg == pytest.approx(100 / 0.837)


@pytest.mark.parametrize("weight", [0, -5])
def test_weight_must_be_positive(weight: float) -> None:
    """Zero or negative loads cannot give a 1RM."""
    with pytest.raises(StrengthInputError):
        estimate_1rm(weight, 5)


def test_formula_values_are_the_settings_names() -> None:
    """The enum values are the names offered in settings."""
    assert [f.value for f in Formula] == [
        "auto", "epley", "brzycki", "lombardi", "oconner", "rpe_chart", "extended_epley"
    ]  # fmt: skip


METHODS = st.sampled_from(list(Formula))


@settings(max_examples=150)
@given(
    weight=st.floats(1, 400, allow_nan=False),
    more=st.floats(0.5, 50, allow_nan=False),
    reps=st.integers(1, 15),
    rir=st.one_of(st.none(), st.floats(0, 4, allow_nan=False)),
    method=METHODS,
)
def test_e1rm_rises_with_weight_and_reps(
    weight: float, more: float, reps: int, rir: float | None, method: Formula
) -> None:
    """More weight or one more rep never lowers the estimate, whatever the method."""
    here = estimate_1rm(weight, reps, rir=rir, method=method).value_kg
    assert estimate_1rm(weight + more, reps, rir=rir, method=method).value_kg >= here
    assert estimate_1rm(weight, reps + 1, rir=rir, method=method).value_kg >= here - 1e-9
    assert here >= weight - 1e-9  # a single is the weight itself, to the last bit or so


@settings(max_examples=150)
@given(
    reps=st.integers(1, 15),
    rir=st.floats(0, 4, allow_nan=False),
    extra=st.floats(0, 1, allow_nan=False),
    method=METHODS,
)
def test_e1rm_rises_with_reps_in_reserve(
    reps: int, rir: float, extra: float, method: Formula
) -> None:
    """The same set done with more in reserve means a stronger lifter."""
    here = estimate_1rm(100, reps, rir=rir, method=method).value_kg
    assert estimate_1rm(100, reps, rir=rir + extra, method=method).value_kg >= here - 1e-9


def _observation(reported: float, actual: float) -> RirObservation:
    """A 100 kg × 5 set whose later-shown e1RM implies ``actual`` reps in reserve."""
    return RirObservation(100, 5, reported, 100 / (1 - 0.0333 * (5 + actual)))


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([(3, 1), (3, 1), (2, 0)], 2.0),
        ([(2, 2), (1, 1), (3, 3)], 0.0),
        ([(0, 2), (1, 3), (0, 2)], -2.0),
        ([(4, 0), (5, 0), (4, 0)], 2.0),  # clamped
        ([(3, 1), (3, 1)], 0.0),  # too little evidence
        ([(3, 2), (3, 1), (3, 1.2), (9, 0)], 1.9),  # median ignores the outlier
    ],
)
def test_learn_rir_bias(pairs: list[tuple[float, float]], expected: float) -> None:
    """The bias is the clamped median of reported minus shown RIR."""
    observations = [_observation(r, a) for r, a in pairs]
    assert learn_rir_bias(observations) == pytest.approx(expected)


def test_learn_rir_bias_respects_its_parameters() -> None:
    """A custom clamp and minimum evidence are honoured."""
    observations = [_observation(3, 0)] * 2
    params = RirBiasParams(min_observations=2, max_bias=1.5)
    assert learn_rir_bias(observations, params) == 1.5
