"""Which calendar day each planned session falls on: start date plus fixed training weekdays.

Program week w is the 7 days from ``start + 7·(w − 1)``. Its sessions fall on the training
weekdays of its days-per-week (Mon = 0): 2 → Mon/Thu, 3 → Mon/Wed/Fri, 4 → Mon/Tue/Thu/Fri,
5 → Mon/Tue/Wed/Fri/Sat, 6 → Mon-Sat, so hard days are spread and Sunday stays free. Day 1 of
a week is the first training weekday on or after the week's first day, so a program started
on a Thursday trains Fri, Mon, Wed in its first week and every week after.
"""

from __future__ import annotations

import datetime as dtm
from dataclasses import dataclass

TRAINING_WEEKDAYS: dict[int, tuple[int, ...]] = {
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 1, 3, 4),
    5: (0, 1, 2, 4, 5),
    6: (0, 1, 2, 3, 4, 5),
}
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True, slots=True)
class SessionDate:
    """A planned session's place in the program and its calendar day."""

    week: int
    day: int
    date: dtm.date


def week_of(start: dtm.date, on: dtm.date) -> int:
    """The 1-based program week a date falls in (0 or less before the start)."""
    return (on - start).days // 7 + 1


def week_dates(start: dtm.date, days_per_week: int, week: int) -> tuple[SessionDate, ...]:
    """The sessions of one program week with their dates, in day order."""
    first = start + dtm.timedelta(weeks=week - 1)
    weekdays = TRAINING_WEEKDAYS[days_per_week]
    dates = [first + dtm.timedelta(days=i) for i in range(7)]
    chosen = [d for d in dates if d.weekday() in weekdays]
    return tuple(SessionDate(week, n, d) for n, d in enumerate(chosen, start=1))


def session_dates(start: dtm.date, days_per_week: int, weeks: int) -> tuple[SessionDate, ...]:
    """Every session of a program with its date, in order."""
    return tuple(s for week in range(1, weeks + 1) for s in week_dates(start, days_per_week, week))


def session_on(
    start: dtm.date, days_per_week: int, weeks: int, on: dtm.date
) -> SessionDate | None:
    """The session planned for a date, or None on a rest day or outside the program."""
    week = week_of(start, on)
    if not 1 <= week <= weeks:
        return None
    return next((s for s in week_dates(start, days_per_week, week) if s.date == on), None)


def next_session(
    start: dtm.date, days_per_week: int, weeks: int, after: dtm.date
) -> SessionDate | None:
    """The first session strictly after a date, or None when the program is over."""
    week = max(1, week_of(start, after))
    for current in range(week, weeks + 1):
        for planned in week_dates(start, days_per_week, current):
            if planned.date > after:
                return planned
    return None


def next_monday(today: dtm.date) -> dtm.date:
    """The Monday after ``today`` (a week later when today is a Monday)."""
    return today + dtm.timedelta(days=7 - today.weekday())


def weekday_list(days_per_week: int) -> str:
    """'Mon/Wed/Fri' for 3 days a week."""
    return "/".join(WEEKDAY_NAMES[d] for d in TRAINING_WEEKDAYS[days_per_week])
