"""Training programs: today's and this week's sessions, planned vs done, progress, /stats.

Logged sessions are carried into the plan when the athlete sends /done (today included) and,
lazily, whenever a day is shown (earlier days only, as today's session may still be going).
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
from collections import Counter
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.services.core import Core
from bot.services.logwrite import Logged
from bot.services.profile import UserView
from bot.services.program_deload import acwr_today, performances, triggered_deload
from bot.services.program_progress import apply_logged, by_local_day
from bot.services.program_schedule import week_of
from bot.services.program_state import ActiveProgram, aware
from bot.services.program_text import plan_note
from bot.services.program_views import DayView, Progress, StatsView, WeekView
from bot.services.program_wizard import ProgramWizard
from bot.services.sets import SetView
from engine.e1rm import Formula
from engine.errors import EngineError
from engine.loading import default_profile
from engine.pattern_strength import WINDOW_DAYS, E1rmObservation, pattern_strength
from engine.prescription import SessionTarget, next_session
from engine.program import PlannedSession
from storage import activities, logbook, users
from storage import programs as repo

NOT_STARTED = "Send /start first, so I know your units and timezone."
HISTORY_DAYS = 56  # sets read for deload checks: two ACWR chronic windows


class ProgramService:
    """Build, follow and progress training programs."""

    def __init__(self, core: Core) -> None:
        self._core = core
        # Active programs by user. As with profiles, one process owns the database and every
        # program write goes through this service, so the cache cannot go stale.
        self._active: dict[int, ActiveProgram | None] = {}
        self._locks: dict[int, asyncio.Lock] = {}
        self.wizard = ProgramWizard(core, self)

    async def _user(self, user_id: int) -> UserView:
        user = await self._core.profile(user_id)
        if user is None:
            raise EngineError(NOT_STARTED)
        return user

    def local_today(self, user: UserView) -> dtm.date:
        """The user's current local date."""
        return self._core.clock().astimezone(ZoneInfo(user.timezone)).date()

    async def active(self, user_id: int) -> ActiveProgram | None:
        """The user's active program, if any."""
        if user_id in self._active:
            return self._active[user_id]
        async with self._core.db.read() as session:
            row = await repo.active_program(session, user_id)
        found = ActiveProgram.of(row) if row is not None else None
        self._active[user_id] = found
        return found

    def forget(self, user_id: int) -> None:
        """Drop a cached program after it changed (call after the commit)."""
        self._active.pop(user_id, None)

    async def today(self, user_id: int, on: dtm.date | None = None) -> DayView:
        """A day of the program (default: the user's today), earlier sessions applied first."""
        user = await self._user(user_id)
        on = on or self.local_today(user)
        await self._catch_up(user, on - dtm.timedelta(days=1), on)
        active = await self.active(user_id)
        if active is None:
            return DayView(on, user.units, None, None, None)
        at = active.on(on)
        cold = _cold_start(active.planned(at), user.units, on) if at is not None else None
        return DayView(on, user.units, active, at, active.after(on), cold)

    async def week(self, user_id: int, on: dtm.date | None = None) -> WeekView:
        """The program week of a day (default: the user's today), earlier sessions applied."""
        user = await self._user(user_id)
        on = on or self.local_today(user)
        await self._catch_up(user, on - dtm.timedelta(days=1), on)
        active = await self.active(user_id)
        week = week_of(active.start, on) if active else 0
        return WeekView(on, user.units, active, week)

    async def plan_note(
        self,
        user_id: int,
        exercise: str,
        on: dtm.date | dtm.datetime,
        sets_done_today: int,
        sets: Sequence[SetView] = (),
    ) -> str | None:
        """Planned vs done for an exercise just logged; None when it is not planned that day."""
        active = await self.active(user_id)
        user = await self._core.profile(user_id)
        if active is None or user is None:
            return None
        if isinstance(on, dtm.datetime):
            on = on.astimezone(ZoneInfo(user.timezone)).date()
        at = active.on(on)
        planned = active.planned(at).exercises if at is not None else ()
        match = next((e for e in planned if e.exercise == exercise), None)
        return None if match is None else plan_note(match, sets_done_today, sets, user.units)

    async def plan_notes(self, user_id: int, logged: Logged, at: dtm.datetime) -> list[str]:
        """Planned vs done lines for an acknowledgement (none for corrections)."""
        if logged.edited:
            return []
        notes = []
        earlier = await self._built_today(user_id, at, logged.entry_id)
        for result in logged.exercises:
            done = result.first_number + len(result.sets) - 1
            if earlier is not None:  # sets from before the program was built don't count
                done = earlier.get(result.exercise, 0) + len(result.sets)
            note = await self.plan_note(user_id, result.exercise, at, done, result.sets)
            if note is not None:
                single = len(logged.exercises) == 1
                notes.append(note if single else f"{note} ({result.exercise})")
        return notes

    async def _built_today(
        self, user_id: int, at: dtm.datetime, entry_id: int
    ) -> Counter[str] | None:
        """Sets per exercise logged since the program was built, when it was built that day.

        None on any other day: then every set of the day's workout counts. The entry being
        acknowledged is left out, stored or not.
        """
        active, user = await self.active(user_id), await self._core.profile(user_id)
        if active is None or user is None or active.created_at is None:
            return None
        zone = ZoneInfo(user.timezone)
        built = aware(active.created_at)
        if built.astimezone(zone).date() != at.astimezone(zone).date():
            return None
        async with self._core.db.read() as session:
            rows = await logbook.user_sets(session, user_id, since=built)
        day = at.astimezone(zone).date()
        return Counter(
            r.exercise
            for r in rows
            if r.entry_id != entry_id and aware(r.performed_at).astimezone(zone).date() == day
        )

    async def after_session(self, user_id: int, on: dtm.date | None = None) -> Progress:
        """Carry every trained session up to a day (default today) into the plan."""
        user = await self._user(user_id)
        on = on or self.local_today(user)
        return await self._catch_up(user, on, on)

    def _lock(self, user_id: int) -> asyncio.Lock:
        return self._locks.setdefault(user_id, asyncio.Lock())

    async def _catch_up(self, user: UserView, until: dtm.date, today: dtm.date) -> Progress:
        """Apply trained sessions up to ``until``; check for a deload when any were."""
        active = await self.active(user.id)
        if active is None or not any(
            at.date <= until and (at.week, at.day) not in active.state.applied
            for at in active.dates()
        ):
            return Progress()
        async with self._lock(user.id):
            return await self._apply(user, until, today)

    async def _apply(self, user: UserView, until: dtm.date, today: dtm.date) -> Progress:
        tz, profile = user.timezone, default_profile(user.units)
        async with self._core.db.write(now=self._core.clock()) as session:
            row = await repo.active_program(session, user.id)
            if row is None:
                return Progress()
            active = ActiveProgram.of(row)
            first = min(active.start, today - dtm.timedelta(days=HISTORY_DAYS))
            since = dtm.datetime.combine(first - dtm.timedelta(days=1), dtm.time(), dtm.UTC)
            rows = await logbook.user_sets(session, user.id, since=since)
            days = by_local_day(rows, tz)
            active, changes, trained = apply_logged(active, days, until, profile)
            reminder = None
            if trained:
                end = dtm.datetime.combine(today + dtm.timedelta(days=2), dtm.time(), dtm.UTC)
                acts = await activities.activities_between(session, user.id, since, end)
                acwr = acwr_today(rows, acts, tz, today)
                perf = performances(active, days, today)
                active, reminder = triggered_deload(active, perf, acwr, today, profile)
                await repo.save_program(
                    session,
                    active.id,
                    program=json.dumps(active.program.to_dict()),
                    state=active.state.to_json(),
                )
        self._active[user.id] = active
        return Progress(tuple(trained), tuple(changes), reminder)

    async def stats(self, user_id: int) -> StatsView:
        """Pattern Strength Index from the user's logged e1RMs."""
        user = await self._user(user_id)
        async with self._core.db.read() as session:
            rows = await logbook.user_sets(session, user_id)
        days = by_local_day([r for r in rows if r.e1rm_kg], user.timezone)
        history = [
            E1rmObservation(day, r.exercise, r.e1rm_kg or 0.0)
            for day, found in days.items()
            for r in found
        ]
        found = pattern_strength(history, self.local_today(user))
        return StatsView(found, user.e1rm_formula, WINDOW_DAYS)

    async def set_formula(self, update_id: int, user_id: int, formula: str) -> UserView:
        """Store the e1RM formula used for sets logged from now on."""
        try:
            Formula(formula)
        except ValueError as exc:
            raise EngineError(f"Unknown e1RM formula {formula!r}.") from exc
        return await self._set(update_id, user_id, "formula", e1rm_formula=formula)

    async def set_morning_hour(self, update_id: int, user_id: int, hour: int) -> UserView:
        """Store the local hour of the morning session message."""
        if not 0 <= hour <= 19:
            raise EngineError("Choose a morning hour between 0 and 19.")
        return await self._set(update_id, user_id, "morning-hour", morning_hour=hour)

    async def _set(self, update_id: int, user_id: int, kind: str, **changes: object) -> UserView:
        async with self._core.once(update_id, user_id, kind) as session:
            user = await users.update_user(session, user_id, **changes)
            if user is None:
                raise EngineError(NOT_STARTED)
            view = UserView.of(user)
        return self._core.remember(view)

    async def morning_hour(self, user_id: int) -> int | None:
        """The user's morning message hour."""
        async with self._core.db.read() as session:
            user = await users.get_user(session, user_id)
        return None if user is None else user.morning_hour


def _cold_start(session: PlannedSession, unit: str, on: dtm.date) -> str | None:
    """The engine's cold-start advice when main lifts of a session have no load yet."""
    unknown = [e.exercise for e in session.exercises if e.main and e.percent_1rm and not e.load_kg]
    if not unknown:
        return None
    test = next_session([], SessionTarget(unknown[0]), 0.5, None, default_profile(unit), today=on)
    names = ", ".join(unknown)
    return f"{names[:1].upper()}{names[1:]}: {test.explanation}."
