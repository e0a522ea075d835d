"""When a scheduled message is due: local wall-clock times to instants, and grace windows.

Every decision is a pure function of the time now, the user's settings and the delivery
log (the keys already claimed), so the same inputs always give the same answer and a
restart, which rebuilds everything from the database, can neither skip nor repeat a message.

A delivery is keyed by the local day it is for (a week's deliveries by that week's Monday).
It is due from its local time until the end of its grace window, in an IANA timezone: on
daylight-saving change days a 07:00 message goes out at 07:00 local on both sides. A local
time that does not exist (02:30 when clocks spring from 02:00 to 03:00) happens at the next
valid minute (03:00); a time that exists twice (02:30 when clocks fall back) happens at its
first occurrence only, as the delivery for that day is claimed by then.
"""

from __future__ import annotations

import datetime as dtm
from collections.abc import Collection, Iterable
from dataclasses import dataclass

MINUTE = dtm.timedelta(minutes=1)
ALL_DAYS = frozenset(range(7))  # Mon = 0 … Sun = 6, as date.weekday()
_MAX_GAP = dtm.timedelta(days=2)  # no zone has ever skipped more (Samoa skipped one day)


@dataclass(frozen=True, slots=True)
class Slot:
    """One delivery: the key it is claimed under, and when it may be sent."""

    key: dtm.date  # the local day it is for, or the Monday of its ISO week
    day: dtm.date  # the local day it is sent on
    due_at: dtm.datetime  # UTC
    closes_at: dtm.datetime  # UTC, exclusive

    def is_open(self, now: dtm.datetime) -> bool:
        """Whether the slot may be sent at ``now``."""
        return self.due_at <= now < self.closes_at


def _exists(wall: dtm.datetime, zone: dtm.tzinfo) -> bool:
    """Whether a naive wall-clock time happens in a zone (it is not in a spring-forward gap)."""
    there = wall.replace(tzinfo=zone)
    return there.astimezone(dtm.UTC).astimezone(zone).replace(tzinfo=None) == wall


def local_instant(day: dtm.date, at: dtm.time, zone: dtm.tzinfo) -> dtm.datetime:
    """Return the instant a wall-clock time happens on a local day.

    Args:
        day: The local calendar day.
        at: The local wall-clock time (naive).
        zone: An IANA zone (``zoneinfo.ZoneInfo``) or any tzinfo.

    Returns:
        The instant in UTC; inside a spring-forward gap the next valid minute, and for a time
        that happens twice (clocks falling back) its first occurrence.
    """
    wall = dtm.datetime.combine(day, at.replace(tzinfo=None))
    moved = wall
    while not _exists(moved, zone) and moved - wall < _MAX_GAP:
        moved = (moved + MINUTE).replace(second=0, microsecond=0)
    # In UTC: PEP 495 makes any comparison with a repeated local time across zones unequal.
    return moved.replace(tzinfo=zone, fold=0).astimezone(dtm.UTC)


def daily_slot(
    now: dtm.datetime,
    zone: dtm.tzinfo,
    at: dtm.time,
    grace: dtm.timedelta,
    days: Collection[int] = ALL_DAYS,
) -> Slot | None:
    """Return the daily slot open at ``now`` on one of ``days`` (local weekdays), if any.

    Yesterday's slot is considered too, so a grace window may run past local midnight.
    """
    today = now.astimezone(zone).date()
    for day in (today, today - dtm.timedelta(days=1)):
        if day.weekday() not in days:
            continue
        due = local_instant(day, at, zone)
        slot = Slot(day, day, due, due + grace)
        if slot.is_open(now):
            return slot
    return None


def weekly_slot(
    now: dtm.datetime, zone: dtm.tzinfo, weekday: int, at: dtm.time, grace: dtm.timedelta
) -> Slot | None:
    """Return the weekly slot open at ``now``, keyed by the Monday of its ISO week."""
    slot = daily_slot(now, zone, at, grace, days=(weekday,))
    if slot is None:
        return None
    monday = slot.day - dtm.timedelta(days=slot.day.weekday())
    return Slot(monday, slot.day, slot.due_at, slot.closes_at)


def eve_slot(
    now: dtm.datetime,
    zone: dtm.tzinfo,
    starts: Iterable[dtm.date],
    at: dtm.time,
    grace: dtm.timedelta,
) -> Slot | None:
    """Return the slot open at ``now`` the evening before one of ``starts``, keyed by it."""
    wanted = set(starts)
    slot = daily_slot(now, zone, at, grace)
    if slot is None:
        return None
    begins = slot.day + dtm.timedelta(days=1)
    return Slot(begins, slot.day, slot.due_at, slot.closes_at) if begins in wanted else None


def undelivered(
    slot: Slot | None, kind: str, log: Collection[tuple[str, dtm.date]]
) -> Slot | None:
    """Return the slot unless the delivery log already has its (kind, key)."""
    return None if slot is None or (kind, slot.key) in log else slot
