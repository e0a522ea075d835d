"""Tests for the RPE chart: every published cell, interpolation and the explicit fallback."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.rpe_chart import (
    ChartParams,
    StrengthInputError,
    effort_to_rpe,
    epley_percent,
    in_chart,
    percent_1rm,
)

# The RTS chart as published (Helms et al. 2016), %1RM for reps 1..12 at each RPE.
PUBLISHED = """
10 : 100 95.5 92.2 89.2 86.3 83.7 81.1 78.6 76.2 73.9 70.7 68.0
9.5: 97.8 93.9 90.7 87.8 85.0 82.4 79.9 77.4 75.1 72.3 69.4 66.7
9  : 95.5 92.2 89.2 86.3 83.7 81.1 78.6 76.2 73.9 70.7 68.0 65.3
8.5: 93.9 90.7 87.8 85.0 82.4 79.9 77.4 75.1 72.3 69.4 66.7 64.0
8  : 92.2 89.2 86.3 83.7 81.1 78.6 76.2 73.9 70.7 68.0 65.3 62.6
7.5: 90.7 87.8 85.0 82.4 79.9 77.4 75.1 72.3 69.4 66.7 64.0 61.3
7  : 89.2 86.3 83.7 81.1 78.6 76.2 73.9 70.7 68.0 65.3 62.6 59.9
6.5: 87.8 85.0 82.4 79.9 77.4 75.1 72.3 69.4 66.7 64.0 61.3 58.6
"""


def _cells() -> list[tuple[float, int, float]]:
    cells = []
    for line in PUBLISHED.strip().splitlines():
        rpe, values = line.split(":")
        for reps, value in enumerate(values.split(), start=1):
            cells.append((float(rpe), reps, float(value)))
    return cells


CELLS = _cells()


def test_published_table_has_96_cells() -> None:
    """The literal parses into 8 RPE rows of 12 reps."""
    assert len(CELLS) == 96


@pytest.mark.parametrize(("rpe", "reps", "expected"), CELLS)
def test_every_chart_cell_matches_the_published_value(
    rpe: float, reps: int, expected: float
) -> None:
    """Each cell of the chart is returned exactly, by RPE and by the equivalent RIR."""
    assert percent_1rm(reps, rpe=rpe) == pytest.approx(expected, abs=1e-9)
    assert percent_1rm(reps, rir=10 - rpe) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("rpe", "reps", "expected"), [c for c in CELLS if c[0] <= 9 and c[1] < 12]
)
def test_cells_depend_only_on_reps_plus_rir(rpe: float, reps: int, expected: float) -> None:
    """One more rep at one RPE higher (same reps + RIR) reads the same percentage."""
    assert percent_1rm(reps + 1, rpe=rpe + 1) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("reps", "rpe", "expected"),
    [
        (5, 7.75, (79.9 + 81.1) / 2),  # halfway between the 7.5 and 8 rows
        (1, 9.25, (97.8 + 95.5) / 2),
        (3, 6.75, 82.4 + (83.7 - 82.4) / 2),
        (12, 9.9, 66.7 + (68.0 - 66.7) * 0.8),
    ],
)
def test_fractional_rpe_interpolates_linearly(reps: int, rpe: float, expected: float) -> None:
    """RPE between half points interpolates between the two bracketing rows."""
    assert percent_1rm(reps, rpe=rpe) == pytest.approx(expected)


def test_rounding_mode_reads_the_nearest_row() -> None:
    """With interpolation off, RPE 7.75 reads the RPE 8 row (half-up)."""
    assert percent_1rm(5, rpe=7.75, params=ChartParams(interpolate=False)) == 81.1


@pytest.mark.parametrize(
    ("reps", "rpe"), [(13, 10), (15, 8), (20, 9), (5, 6), (12, 6), (30, 10), (1, 3)]
)
def test_outside_the_chart_falls_back_to_epley_floored_at_the_edge(reps: int, rpe: float) -> None:
    """Outside the chart the value is Epley + RIR, never above the nearest edge cell."""
    edge = percent_1rm(min(reps, 12), rpe=max(rpe, 6.5))
    expected = min(edge, 100 / (1 + (reps + 10 - rpe) / 30))
    assert not in_chart(reps, rpe)
    assert percent_1rm(reps, rpe=rpe) == pytest.approx(expected)


def test_plain_epley_fallback_is_available() -> None:
    """Without the edge floor the fallback is exactly Epley + RIR."""
    params = ChartParams(floor_fallback_at_edge=False)
    assert percent_1rm(15, rpe=10, params=params) == pytest.approx(100 / 1.5)
    assert epley_percent(15, 0) == pytest.approx(100 / 1.5)


def test_no_effort_means_a_rep_max() -> None:
    """Without RPE or RIR the chart is read at RPE 10."""
    assert percent_1rm(5) == 86.3


@pytest.mark.parametrize(
    ("reps", "rpe", "rir"),
    [(0, 8, None), (31, 8, None), (5, 11, None), (5, -1, None), (5, None, 11), (5, 8, 3)],
)
def test_invalid_input_raises_a_user_error(
    reps: int, rpe: float | None, rir: float | None
) -> None:
    """Reps outside 1-30, effort outside 0-10 or RPE/RIR that disagree are refused."""
    with pytest.raises(StrengthInputError):
        percent_1rm(reps, rpe=rpe, rir=rir)


def test_rpe_is_ten_minus_rir() -> None:
    """RIR 2 is RPE 8, and agreeing values are accepted together."""
    assert effort_to_rpe(None, 2) == 8
    assert effort_to_rpe(8, 2) == 8
    assert effort_to_rpe(None, None) is None


@settings(max_examples=200)
@given(
    reps=st.integers(1, 29),
    rir=st.floats(0, 9.5, allow_nan=False),
    more_rir=st.floats(0, 0.5, allow_nan=False),
)
def test_percent_never_rises_with_more_reps_or_more_reserve(
    reps: int, rir: float, more_rir: float
) -> None:
    """%1RM is non-increasing in reps and in RIR, across the chart boundary too."""
    here = percent_1rm(reps, rir=rir)
    assert percent_1rm(reps + 1, rir=rir) <= here + 1e-9
    assert percent_1rm(reps, rir=rir + more_rir) <= here + 1e-9
    assert 0 < here <= 100
    assert math.isfinite(here)
