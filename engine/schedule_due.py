"""Which of a user's scheduled messages are due now: morning session, deload eve, weekly summary.

Pure functions of (now, the user's reminder settings, the delivery log); engine.schedule
turns local times into instants. Windows: the morning session from its hour until two hours
later; the deload reminder and the weekly summary from 19:00 local until 22:00, so a message
missed while the bot was down is sent when it comes back inside the window, and never later.
"""

from __future__ import annotations

import datetime as dtm
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from engine.schedule import (
    ALL_DAYS,
    Slot,
    daily_slot,
    eve_slot,
    local_instant,
    undelivered,
    weekly_slot,
)

MORNING, DELOAD_EVE, WEEKLY = "morning", "deload_eve", "weekly"
MORNING_GRACE = dtm.timedelta(hours=2)
EVENING = dtm.time(19, 0)
EVENING_GRACE = dtm.timedelta(hours=3)
SUNDAY = 6
DayLog = Collection[tuple[str, dtm.date]]  # (kind, key) of deliveries already claimed


@dataclass(frozen=True, slots=True)
class Reminders:
    """A user's reminder settings."""

    hour: int = 7  # local hour of the morning session
    days: frozenset[int] = ALL_DAYS  # weekdays with a morning message (Mon = 0)
    morning: bool = True  # False: the morning message is off
    rest_note: bool = False  # on a rest day: a short note (True) or silence
    weekly: bool = True  # the Sunday-evening summary


def days_of(mask: int) -> frozenset[int]:
    """Weekdays from a bit mask (bit 0 = Monday)."""
    return frozenset(d for d in range(7) if mask >> d & 1)


def mask_of(days: Iterable[int]) -> int:
    """The bit mask of a set of weekdays (bit 0 = Monday)."""
    return sum(1 << d for d in set(days) if 0 <= d < 7)


def morning_due(
    now: dtm.datetime, zone: dtm.tzinfo, prefs: Reminders, log: DayLog
) -> Slot | None:
    """Return the morning slot to send now, keyed by the local day; None when not due."""
    if not prefs.morning:
        return None
    at = dtm.time(prefs.hour)
    return undelivered(daily_slot(now, zone, at, MORNING_GRACE, prefs.days), MORNING, log)


def weekly_due(
    now: dtm.datetime, zone: dtm.tzinfo, prefs: Reminders, log: DayLog
) -> Slot | None:
    """Return the Sunday-evening summary slot to send now, keyed by the week's Monday."""
    if not prefs.weekly:
        return None
    return undelivered(weekly_slot(now, zone, SUNDAY, EVENING, EVENING_GRACE), WEEKLY, log)


def deload_eve_due(
    now: dtm.datetime, zone: dtm.tzinfo, starts: Iterable[dtm.date], log: DayLog
) -> Slot | None:
    """Return the reminder slot the evening before a deload week starts, keyed by its start."""
    return undelivered(eve_slot(now, zone, starts, EVENING, EVENING_GRACE), DELOAD_EVE, log)


BACKUP_AT = dtm.time(3, 30)  # the systemd timer's time (deploy/spotter-backup.timer)


def backup_due(
    now: dtm.datetime, zone: dtm.tzinfo, newest: dtm.datetime | None, at: dtm.time = BACKUP_AT
) -> bool:
    """Whether the nightly backup is due: past today's (or, before it, yesterday's) backup
    time in the installation's zone with no backup made since. A bot down at 03:30 makes it
    as soon as it is back; the backups on disk are the log, so it is made once a night."""
    today = now.astimezone(zone).date()
    due = local_instant(today, at, zone)
    if now < due:
        due = local_instant(today - dtm.timedelta(days=1), at, zone)
    return newest is None or newest < due


def next_daily(
    now: dtm.datetime, zone: dtm.tzinfo, at: dtm.time, days: Collection[int] = ALL_DAYS
) -> dtm.datetime | None:
    """The first instant from ``now`` on at which a daily local time on ``days`` comes."""
    today = now.astimezone(zone).date()
    for ahead in range(8):
        day = today + dtm.timedelta(days=ahead)
        if day.weekday() in days and (due := local_instant(day, at, zone)) >= now:
            return due
    return None


def next_morning(now: dtm.datetime, zone: dtm.tzinfo, prefs: Reminders) -> dtm.datetime | None:
    """When the next morning message is due (None when it is off or on no day)."""
    return next_daily(now, zone, dtm.time(prefs.hour), prefs.days) if prefs.morning else None


def next_weekly(now: dtm.datetime, zone: dtm.tzinfo, prefs: Reminders) -> dtm.datetime | None:
    """When the next weekly summary is due (None when it is off)."""
    return next_daily(now, zone, EVENING, (SUNDAY,)) if prefs.weekly else None


def next_deload_eve(
    now: dtm.datetime, zone: dtm.tzinfo, starts: Iterable[dtm.date]
) -> dtm.datetime | None:
    """When the next deload reminder is due: 19:00 the evening before a deload week."""
    found = [
        due
        for start in starts
        if (due := local_instant(start - dtm.timedelta(days=1), EVENING, zone)) >= now
    ]
    return min(found, default=None)
