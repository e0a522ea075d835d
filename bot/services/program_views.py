"""What the program services return: a day, a week, progress made, strength by pattern."""

from __future__ import annotations

import datetime as dtm
from dataclasses import dataclass

from bot.services.program_progress import Change
from bot.services.program_schedule import SessionDate
from bot.services.program_state import ActiveProgram, TriggeredDeload


@dataclass(frozen=True, slots=True)
class DayView:
    """One local day of the athlete's program."""

    on: dtm.date
    unit: str
    active: ActiveProgram | None
    at: SessionDate | None  # the session planned that day, if any
    next_at: SessionDate | None  # the first session after that day, if any
    cold_start: str | None = None  # how to find a load when a main lift has none yet


@dataclass(frozen=True, slots=True)
class WeekView:
    """The program week a local day falls in."""

    on: dtm.date
    unit: str
    active: ActiveProgram | None
    week: int


@dataclass(frozen=True, slots=True)
class Progress:
    """What applying logged sessions changed."""

    trained: tuple[SessionDate, ...] = ()
    changes: tuple[Change, ...] = ()
    deload: TriggeredDeload | None = None


@dataclass(frozen=True, slots=True)
class StatsView:
    """Pattern Strength Index per movement pattern and how it was computed."""

    patterns: dict[str, float]
    formula: str
    window_days: int
