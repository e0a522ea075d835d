"""Local times to instants across DST, grace windows and the delivery log (engine.schedule*)."""

from __future__ import annotations

import datetime as dtm
from zoneinfo import ZoneInfo

import pytest

from engine.schedule import local_instant
from engine.schedule_due import (
    DELOAD_EVE,
    MORNING,
    WEEKLY,
    Reminders,
    days_of,
    deload_eve_due,
    mask_of,
    morning_due,
    weekly_due,
)

BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
UTC = dtm.UTC


def at(*args: int) -> dtm.datetime:
    return dtm.datetime(*args, tzinfo=UTC)


def run_minutes(
    start: dtm.datetime, days: int, zone: ZoneInfo, prefs: Reminders
) -> list[dtm.datetime]:
    """Ask every minute for `days` days, claiming what is due: the instants it was sent."""
    log: set[tuple[str, dtm.date]] = set()
    sent = []
    now = start
    while now < start + dtm.timedelta(days=days):
        slot = morning_due(now, zone, prefs, log)
        if slot is not None:
            log.add((MORNING, slot.key))
            sent.append(now)
        now += dtm.timedelta(minutes=1)
    return sent


@pytest.mark.parametrize(
    ("zone", "change_day"),
    [
        (BERLIN, dtm.date(2026, 3, 29)),  # spring: 02:00 → 03:00
        (BERLIN, dtm.date(2026, 10, 25)),  # autumn: 03:00 → 02:00
        (NEW_YORK, dtm.date(2026, 3, 8)),  # spring: 02:00 → 03:00
        (NEW_YORK, dtm.date(2026, 11, 1)),  # autumn: 02:00 → 01:00
    ],
)
def test_seven_o_clock_is_seven_local_on_both_sides_of_a_dst_change(
    zone: ZoneInfo, change_day: dtm.date
) -> None:
    """Asked every minute from the day before to the day after, 07:00 local, once a day."""
    start = dtm.datetime.combine(change_day - dtm.timedelta(days=1), dtm.time(), zone)
    sent = run_minutes(start.astimezone(UTC), 3, zone, Reminders(hour=7))
    local = [s.astimezone(zone) for s in sent]
    assert [(t.date(), t.hour, t.minute) for t in local] == [
        (change_day + dtm.timedelta(days=d), 7, 0) for d in (-1, 0, 1)
    ]
    offsets = {t.utcoffset() for t in local}
    assert len(offsets) == 2, "the UTC instant moved with the clocks"


@pytest.mark.parametrize(
    ("zone", "day", "wall", "expected"),
    [
        # Nonexistent (spring-forward gap): the next valid minute.
        (BERLIN, dtm.date(2026, 3, 29), dtm.time(2, 30), at(2026, 3, 29, 1, 0)),  # 03:00 CEST
        (NEW_YORK, dtm.date(2026, 3, 8), dtm.time(2, 30), at(2026, 3, 8, 7, 0)),  # 03:00 EDT
        (BERLIN, dtm.date(2026, 3, 29), dtm.time(2, 0), at(2026, 3, 29, 1, 0)),
        # Repeated (fall back): the first occurrence.
        (BERLIN, dtm.date(2026, 10, 25), dtm.time(2, 30), at(2026, 10, 25, 0, 30)),  # CEST
        (NEW_YORK, dtm.date(2026, 11, 1), dtm.time(1, 30), at(2026, 11, 1, 5, 30)),  # EDT
        # Ordinary days are untouched.
        (BERLIN, dtm.date(2026, 3, 30), dtm.time(2, 30), at(2026, 3, 30, 0, 30)),
        (NEW_YORK, dtm.date(2026, 11, 2), dtm.time(7, 0), at(2026, 11, 2, 12, 0)),
    ],
)
def test_local_times_that_do_not_exist_or_exist_twice(
    zone: ZoneInfo, day: dtm.date, wall: dtm.time, expected: dtm.datetime
) -> None:
    """A gap time moves to the next valid minute; a repeated time is its first occurrence."""
    assert local_instant(day, wall, zone) == expected


@pytest.mark.parametrize(
    ("zone", "day"), [(BERLIN, dtm.date(2026, 3, 29)), (NEW_YORK, dtm.date(2026, 3, 8))]
)
def test_a_morning_hour_inside_the_gap_is_sent_once_when_clocks_jump(
    zone: ZoneInfo, day: dtm.date
) -> None:
    """02:00 does not exist on spring-forward day: sent at 03:00 local, once."""
    start = dtm.datetime.combine(day, dtm.time(), zone).astimezone(UTC)
    sent = run_minutes(start, 1, zone, Reminders(hour=2))
    assert [(s.astimezone(zone).hour, s.astimezone(zone).minute) for s in sent] == [(3, 0)]


@pytest.mark.parametrize(
    ("zone", "day", "hour"),
    [(BERLIN, dtm.date(2026, 10, 25), 2), (NEW_YORK, dtm.date(2026, 11, 1), 1)],
)
def test_a_morning_hour_that_happens_twice_is_sent_at_the_first(
    zone: ZoneInfo, day: dtm.date, hour: int
) -> None:
    """The repeated hour: sent when it first comes round, not again an hour later."""
    start = dtm.datetime.combine(day, dtm.time(), zone).astimezone(UTC)
    sent = run_minutes(start, 1, zone, Reminders(hour=hour))
    assert sent == [local_instant(day, dtm.time(hour), zone).astimezone(UTC)]
    assert sent[0].astimezone(zone).fold == 0


def test_the_morning_window_is_two_hours_and_missed_ones_are_skipped() -> None:
    """Due from 07:00 to 08:59 local: a restart at 08:59 sends it, at 09:00 it is skipped."""
    prefs, log = Reminders(hour=7), frozenset[tuple[str, dtm.date]]()
    monday = dtm.date(2026, 11, 16)
    assert morning_due(at(2026, 11, 16, 5, 59), BERLIN, prefs, log) is None
    slot = morning_due(at(2026, 11, 16, 6, 0), BERLIN, prefs, log)
    assert slot is not None
    assert slot.key == monday
    assert morning_due(at(2026, 11, 16, 7, 59), BERLIN, prefs, log) is not None
    assert morning_due(at(2026, 11, 16, 8, 0), BERLIN, prefs, log) is None
    assert morning_due(at(2026, 11, 16, 7, 0), BERLIN, prefs, {(MORNING, monday)}) is None


def test_per_weekday_settings_and_off() -> None:
    """Only the chosen weekdays are due; off means never."""
    weekdays = Reminders(days=days_of(mask_of(range(5))))
    saturday, monday = at(2026, 11, 21, 6, 30), at(2026, 11, 23, 6, 30)
    assert morning_due(saturday, BERLIN, weekdays, ()) is None
    assert morning_due(monday, BERLIN, weekdays, ()) is not None
    assert morning_due(monday, BERLIN, Reminders(morning=False), ()) is None
    assert mask_of(range(7)) == 127
    assert days_of(127) == frozenset(range(7))
    assert days_of(mask_of({0, 2, 4})) == {0, 2, 4}


def test_the_weekly_summary_is_sunday_evening_keyed_by_its_monday() -> None:
    """Sunday 19:00–21:59 local; the key is the ISO week's Monday; the log stops a second."""
    sunday_1900 = at(2026, 11, 22, 18, 0)  # 19:00 in Berlin
    slot = weekly_due(sunday_1900, BERLIN, Reminders(), ())
    assert slot is not None
    assert slot.key == dtm.date(2026, 11, 16)
    assert slot.day == dtm.date(2026, 11, 22)
    assert weekly_due(sunday_1900 - dtm.timedelta(minutes=1), BERLIN, Reminders(), ()) is None
    assert weekly_due(at(2026, 11, 22, 21, 0), BERLIN, Reminders(), ()) is None  # 22:00
    assert weekly_due(at(2026, 11, 21, 18, 0), BERLIN, Reminders(), ()) is None  # Saturday
    assert weekly_due(sunday_1900, BERLIN, Reminders(), {(WEEKLY, slot.key)}) is None
    assert weekly_due(sunday_1900, BERLIN, Reminders(weekly=False), ()) is None


def test_the_deload_reminder_is_the_evening_before_the_week_starts() -> None:
    """19:00 local on the eve of a deload week's first day; keyed by that day."""
    starts = [dtm.date(2026, 12, 14)]
    eve = at(2026, 12, 13, 18, 30)  # 19:30 in Berlin
    slot = deload_eve_due(eve, BERLIN, starts, ())
    assert slot is not None
    assert slot.key == starts[0]
    assert deload_eve_due(eve - dtm.timedelta(days=1), BERLIN, starts, ()) is None
    assert deload_eve_due(eve, BERLIN, [], ()) is None
    assert deload_eve_due(eve, BERLIN, starts, {(DELOAD_EVE, starts[0])}) is None


def test_a_window_may_run_past_local_midnight() -> None:
    """A 23:00 morning hour is still due at 00:30 the next day, keyed by the day before."""
    slot = morning_due(at(2026, 11, 16, 23, 30), BERLIN, Reminders(hour=23), ())
    assert slot is not None
    assert slot.key == dtm.date(2026, 11, 16)
