"""Hard sets per muscle placed in all six volume bands."""

import pytest

from engine.landmarks import LANDMARKS
from engine.volume_bands import BANDS, band_of, muscle_bands

CHEST = LANDMARKS["chest"]  # 8 / 10 / 12-20 / 22


@pytest.mark.parametrize(("sets", "band"), [
    (0, "below MV"), (7, "below MV"), (8, "MV-MEV"), (9, "MV-MEV"), (10, "MEV-MAV"),
    (11, "MEV-MAV"), (12, "MAV"), (20, "MAV"), (21, "MAV-MRV"), (22, "MAV-MRV"),
    (23, "above MRV"),
])
def test_chest_bands(sets, band):
    assert band_of(sets, CHEST) == band


def test_zero_maintenance_muscles():
    glutes = LANDMARKS["glutes"]  # 0 / 0 / 4-12 / 16
    assert band_of(0, glutes) == "MV-MEV"
    assert band_of(2, glutes) == "MEV-MAV"
    assert band_of(17, glutes) == "above MRV"


def test_every_muscle_gets_a_band_and_all_six_occur():
    weekly = {"chest": 5, "back": 9, "quads": 10, "hamstrings": 12, "glutes": 14, "biceps": 40}
    bands = muscle_bands(weekly)
    assert set(bands) == set(LANDMARKS)
    assert {bands[m] for m in weekly} == set(BANDS)
