"""Chart data from the logbook and activities, per local day, rendered off the event loop.

Weekly volume counts a set as hard when it has reps and is rated RIR ≤ 4 or RPE ≥ 6, or is
not rated at all; a hard set adds 1 to each primary muscle group of its exercise and 0.5 to
each secondary one. A strength session's load is session RPE × minutes (sRPE, in load
points), where minutes span its first to last logged set plus one 3-minute slot, and never
less than 3 minutes per set (sets logged together in one message have no clock span).
"""

from __future__ import annotations

import datetime as dtm
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.charts import (
    Chart,
    E1rmPoint,
    E1rmSeries,
    LoadDay,
    NotEnoughDataError,
    Unit,
    WeekVolume,
    WeekZones,
    render_calendar,
    render_e1rm,
    render_load,
    render_volume,
    render_zones,
)
from bot.charts.calendar import WEEKS as CALENDAR_WEEKS
from bot.charts.load import MIN_DAYS, WINDOW_DAYS
from bot.services.core import Core
from bot.services.workouts import WorkoutService, tonnage
from engine.catalog import CATALOG
from engine.errors import EngineError
from engine.load import DEFAULT_SET_SLOT_MIN, daily_loads, pmc, strength_session_load
from engine.trend import best_per_day, week_start
from storage import activities as activity_repo
from storage import logbook as repo
from storage import users
from storage.tables import ActivityRow, SetLog

KINDS = ("e1rm", "volume", "load", "zones", "calendar")
WEEKS = 12
HARD_MAX_RIR = 4.0
HARD_MIN_RPE = 6.0
SECONDARY_SHARE = 0.5
ZONE_COUNT = 5
_EPOCH = dtm.datetime(1970, 1, 1, tzinfo=dtm.UTC)
_VS = re.compile(r"\s+(?:vs\.?|versus)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Athlete:
    unit: Unit
    tz: ZoneInfo
    today: dtm.date
    now: dtm.datetime


def is_hard_set(row: SetLog) -> bool:
    """Whether a set counts toward weekly volume: reps at RIR ≤ 4 / RPE ≥ 6, or not rated."""
    if not row.reps:
        return False
    if row.rir is None and row.rpe is None:
        return True
    return (row.rir is not None and row.rir <= HARD_MAX_RIR) or (
        row.rpe is not None and row.rpe >= HARD_MIN_RPE
    )


def muscle_shares(exercise: str) -> dict[str, float]:
    """The sets one hard set of an exercise adds per muscle group (custom ones add none)."""
    found = CATALOG.get(exercise)
    if found is None:
        return {}
    shares = dict.fromkeys(found.secondary, SECONDARY_SHARE)
    shares.update(dict.fromkeys(found.primary, 1.0))
    return shares


def session_load(sets: Sequence[SetLog]) -> float:
    """A strength session's load points (see the module docstring for the minutes)."""
    if not sets:
        return 0.0
    span_min = (sets[-1].performed_at - sets[0].performed_at).total_seconds() / 60
    minutes = max(span_min + DEFAULT_SET_SLOT_MIN, DEFAULT_SET_SLOT_MIN * len(sets))
    return strength_session_load(sets, minutes=minutes)


def local_day(when: dtm.datetime, tz: ZoneInfo) -> dtm.date:
    """The user's calendar day of an instant (naive values are UTC, as stored)."""
    aware = when if when.tzinfo is not None else when.replace(tzinfo=dtm.UTC)
    return aware.astimezone(tz).date()


def _midnight(day: dtm.date, tz: ZoneInfo) -> dtm.datetime:
    # A day early, so no DST quirk at midnight can drop a set; callers filter by local day.
    return dtm.datetime.combine(day - dtm.timedelta(days=1), dtm.time(), tzinfo=tz)


def _zone_minutes(text: str) -> list[float]:
    """Z1..Z5 minutes from the stored Z0..Z5 seconds (Z0, below Z1, is left out)."""
    seconds = [float(s or 0) for s in json.loads(text or "[]")][1 : ZONE_COUNT + 1]
    return [s / 60 for s in seconds] + [0.0] * (ZONE_COUNT - len(seconds))


class ChartService:
    """Build each chart's data for one user and render it in a worker thread."""

    def __init__(self, core: Core) -> None:
        self._core = core
        self._workouts = WorkoutService(core)

    async def render(self, user_id: int, kind: str, args: str = "") -> Chart:
        """Build the data of one chart (a KINDS value) and render it off the event loop."""
        draw = await self._drawing(user_id, kind, args)
        return await self._core.offload(draw)

    async def _drawing(self, user_id: int, kind: str, args: str) -> Callable[[], Chart]:
        if kind == "e1rm":
            main, compare, unit = await self.e1rm_series(user_id, args)
            return partial(render_e1rm, main, unit, compare)
        if kind == "volume":
            weeks, unit = await self.volume_weeks(user_id)
            return partial(render_volume, weeks, unit)
        if kind == "load":
            return partial(render_load, await self.load_days(user_id))
        if kind == "zones":
            return partial(render_zones, await self.zone_weeks(user_id))
        if kind == "calendar":
            return partial(render_calendar, *await self.calendar_days(user_id))
        raise ValueError(f"unknown chart {kind!r}")

    async def _athlete(self, session: AsyncSession, user_id: int) -> _Athlete:
        user = await users.get_user(session, user_id)
        if user is None:
            raise EngineError("Send /start first, so I know your units and timezone.")
        tz, now = ZoneInfo(user.timezone), self._core.clock()
        unit: Unit = "lb" if user.units == "lb" else "kg"
        return _Athlete(unit, tz, now.astimezone(tz).date(), now)

    async def names_lift(self, user_id: int, text: str) -> bool:
        """Whether ``text`` starts with a lift the user can mean ("bench", "bench vs squat")."""
        first = _VS.split(text.strip())[0].strip()
        if not first:
            return False
        try:
            await self._workouts.resolve_exercise(user_id, first)
        except EngineError:
            return False
        return True

    async def e1rm_series(
        self, user_id: int, text: str = ""
    ) -> tuple[E1rmSeries, E1rmSeries | None, Unit]:
        """Best e1RM per local day of a lift and of an optional second one after "vs".

        Without a lift named, the user's most logged lift with an e1RM is shown.
        """
        names = [name.strip() for name in _VS.split(text.strip()) if name.strip()][:2]
        lifts = [await self._workouts.resolve_exercise(user_id, name) for name in names]
        async with self._core.db.read() as session:
            athlete = await self._athlete(session, user_id)
            if not lifts:
                rows = await repo.user_sets(session, user_id)
                counts = Counter(r.exercise for r in rows if r.e1rm_kg)
                if not counts:
                    raise NotEnoughDataError("Log a few weighted sets (like “bench 60x8”) first.")
                lifts = [counts.most_common(1)[0][0]]
            series = []
            for lift in lifts:
                rows = await repo.exercise_sets(session, user_id, lift)
                pairs = [(local_day(r.performed_at, athlete.tz), r.e1rm_kg) for r in rows]
                best = best_per_day((day, kg) for day, kg in pairs if kg)
                series.append(E1rmSeries(lift, tuple(E1rmPoint(d, kg) for d, kg in best)))
        return series[0], series[1] if len(series) > 1 else None, athlete.unit

    async def volume_weeks(self, user_id: int) -> tuple[list[WeekVolume], Unit]:
        """Hard sets per muscle group and tonnage (kg) per local week, the last 12 weeks."""
        async with self._core.db.read() as session:
            athlete = await self._athlete(session, user_id)
            first = week_start(athlete.today) - dtm.timedelta(weeks=WEEKS - 1)
            rows = await repo.user_sets(session, user_id, since=_midnight(first, athlete.tz))
        sets: defaultdict[dtm.date, Counter[str]] = defaultdict(Counter)
        lifted: Counter[dtm.date] = Counter()
        for row in rows:
            day = local_day(row.performed_at, athlete.tz)
            if not first <= day <= athlete.today:
                continue
            monday = week_start(day)
            lifted[monday] += tonnage([row])
            if is_hard_set(row):
                sets[monday].update(muscle_shares(row.exercise))
        weeks = [WeekVolume(m, dict(sets[m]), lifted[m]) for m in sorted(lifted)]
        return weeks, athlete.unit

    async def load_days(self, user_id: int) -> list[LoadDay]:
        """Daily load with CTL/ATL/TSB over the whole history; the last 90 days end today.

        The model starts from zero at least two weeks back, so one day of training draws.
        """
        async with self._core.db.read() as session:
            athlete = await self._athlete(session, user_id)
            rows = await repo.user_sets(session, user_id)
            found = await self._activities(session, user_id, _EPOCH, athlete)
        workouts: defaultdict[int, list[SetLog]] = defaultdict(list)
        for row in rows:
            workouts[row.workout_id].append(row)
        items = [(a.start_time, a.load) for a in found]
        items += [(sets[0].performed_at, session_load(sets)) for sets in workouts.values()]
        days = [local_day(when, athlete.tz) for when, _ in items]
        first = min((d for d in days if d <= athlete.today), default=athlete.today)
        first = min(first, athlete.today - dtm.timedelta(days=MIN_DAYS - 1))
        loads = daily_loads(items, athlete.tz, first, athlete.today)
        model = pmc(loads)
        return [
            LoadDay(first + dtm.timedelta(days=i), p.ctl, p.atl, p.tsb, load)
            for i, (p, load) in enumerate(zip(model, loads, strict=True))
        ][-WINDOW_DAYS:]

    async def zone_weeks(self, user_id: int) -> list[WeekZones]:
        """Minutes in heart-rate zones Z1..Z5 per local week, the last 12 weeks."""
        async with self._core.db.read() as session:
            athlete = await self._athlete(session, user_id)
            first = week_start(athlete.today) - dtm.timedelta(weeks=WEEKS - 1)
            found = await self._activities(session, user_id, _midnight(first, athlete.tz), athlete)
        totals: defaultdict[dtm.date, list[float]] = defaultdict(lambda: [0.0] * ZONE_COUNT)
        for activity in found:
            day = local_day(activity.start_time, athlete.tz)
            if first <= day <= athlete.today:
                week = totals[week_start(day)]
                for zone, minutes in enumerate(_zone_minutes(activity.zone_times_s)):
                    week[zone] += minutes
        return [WeekZones(monday, tuple(totals[monday])) for monday in sorted(totals)]

    async def calendar_days(self, user_id: int) -> tuple[dict[dtm.date, float], dtm.date]:
        """Sets plus activities per local day over the calendar's year, and today's date."""
        async with self._core.db.read() as session:
            athlete = await self._athlete(session, user_id)
            first = week_start(athlete.today) - dtm.timedelta(weeks=CALENDAR_WEEKS - 1)
            since = _midnight(first, athlete.tz)
            rows = await repo.user_sets(session, user_id, since=since)
            found = await self._activities(session, user_id, since, athlete)
        whens = [r.performed_at for r in rows] + [a.start_time for a in found]
        days = Counter(local_day(when, athlete.tz) for when in whens)
        return {d: float(n) for d, n in days.items() if first <= d <= athlete.today}, athlete.today

    async def _activities(
        self, session: AsyncSession, user_id: int, since: dtm.datetime, athlete: _Athlete
    ) -> list[ActivityRow]:
        end = athlete.now + dtm.timedelta(days=2)  # the user's today may run ahead of UTC
        return await activity_repo.activities_between(session, user_id, since, end)
