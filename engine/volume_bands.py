"""Weekly hard sets per muscle placed in the six volume bands of its landmarks.

Bands (SPORTSCI.md §7): below MV, MV–MEV, MEV–MAV, inside MAV, MAV–MRV, above MRV. A band's
lower bound is inclusive; for muscles whose MV and MEV are 0, zero sets count as MV–MEV (there
is nothing below a maintenance of nothing).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from engine.landmarks import LANDMARKS, Landmark

Band = Literal["below MV", "MV-MEV", "MEV-MAV", "MAV", "MAV-MRV", "above MRV"]
BANDS: tuple[Band, ...] = ("below MV", "MV-MEV", "MEV-MAV", "MAV", "MAV-MRV", "above MRV")


def band_of(hard_sets: float, landmark: Landmark) -> Band:
    """Return the band a week's hard sets fall in for one muscle's landmarks."""
    if hard_sets > landmark.mrv:
        return "above MRV"
    if hard_sets > landmark.mav_high:
        return "MAV-MRV"
    if hard_sets >= landmark.mav_low:
        return "MAV"
    if hard_sets >= landmark.mev and (landmark.mev > 0 or hard_sets > 0):
        return "MEV-MAV"
    if hard_sets >= landmark.mv:
        return "MV-MEV"
    return "below MV"


def muscle_bands(weekly_sets: Mapping[str, float]) -> dict[str, Band]:
    """Return each landmarked muscle's band for a week's hard sets (missing muscles have 0)."""
    return {muscle: band_of(weekly_sets.get(muscle, 0.0), lm) for muscle, lm in LANDMARKS.items()}
