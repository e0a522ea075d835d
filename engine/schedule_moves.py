"""Moving a planned session to tomorrow: the sessions it lands on move on by a day too.

"Move to tomorrow" puts today's session on the next day; a session already planned there
moves to the day after, and so on until a day without a session takes the last one. Every
program week has at least one rest day, so the chain ends within a week. Pure: a mapping of
session keys to their dates in, the changed dates out.
"""

from __future__ import annotations

import datetime as dtm
from collections.abc import Hashable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
DAY = dtm.timedelta(days=1)


def move_to_next_day(dates: Mapping[K, dtm.date], key: K) -> dict[K, dtm.date]:
    """The new date of every session that moves when ``key`` moves one day on.

    Raises:
        KeyError: ``key`` has no date.
    """
    by_day = {day: k for k, day in dates.items()}
    moved: dict[K, dtm.date] = {}
    mover, target = key, dates[key] + DAY
    while True:
        moved[mover] = target
        pushed = by_day.get(target)
        if pushed is None or pushed in moved:
            return moved
        mover, target = pushed, target + DAY
