"""Weekly hard-set volume landmarks per muscle group (SPORTSCI.md §7, RP starting points).

MV = maintenance, MEV = minimum effective, MAV = maximum adaptive (a range), MRV = maximum
recoverable. Renaissance Periodization calls these averages to start from, not limits; the
project uses them to keep generated programs inside MEV..MRV and to draw bands on charts.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Landmark:
    """Weekly hard sets for one muscle group."""

    mv: int
    mev: int
    mav_low: int
    mav_high: int
    mrv: int


LANDMARKS: dict[str, Landmark] = {
    "chest": Landmark(8, 10, 12, 20, 22),
    "back": Landmark(8, 10, 14, 22, 25),
    "quads": Landmark(6, 8, 12, 18, 20),
    "hamstrings": Landmark(4, 6, 10, 16, 20),
    "glutes": Landmark(0, 0, 4, 12, 16),
    "side delts": Landmark(0, 8, 16, 22, 26),
    "rear delts": Landmark(0, 8, 16, 22, 26),
    "front delts": Landmark(0, 0, 6, 8, 12),
    "biceps": Landmark(5, 8, 14, 20, 26),
    "triceps": Landmark(4, 6, 10, 14, 18),
    "calves": Landmark(6, 8, 12, 16, 20),
    "abs": Landmark(0, 0, 16, 20, 25),
    "traps": Landmark(0, 0, 12, 20, 26),
}

MUSCLE_GROUPS: tuple[str, ...] = tuple(LANDMARKS)
