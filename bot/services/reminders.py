"""/remind settings, and the deload reminder the evening before a deload week starts.

The engine decides deloads (engine.deload, bot.services.program_deload): every Nth program
week, or brought forward by performance or load. Whichever it is, at 19:00 local the evening
before its first day the athlete is told what changes (the first session's sets and loads
against the week before) and why, once (engine.schedule_due).
"""

from __future__ import annotations

import datetime as dtm
import re
from dataclasses import dataclass

from bot.services.core import Core
from bot.services.deliveries import DayLog, Draft, coached, zone_of
from bot.services.program_schedule import week_of
from bot.services.program_state import ActiveProgram
from bot.services.program_text import target
from bot.services.programs import ProgramService
from bot.services.voice import VoiceService
from engine.errors import EngineError
from engine.program import PlannedSession
from engine.schedule import Slot, daily_slot
from engine.schedule_due import (
    DELOAD_EVE,
    EVENING,
    EVENING_GRACE,
    days_of,
    deload_eve_due,
    mask_of,
    next_deload_eve,
)
from prompts.facts import Decision, Facts
from storage import deliveries as repo
from storage import users
from storage.deliveries import Recipient

DAY = dtm.timedelta(days=1)
HOURS = range(4, 13)  # the morning hours /remind offers
CHECKINS = (3, 1, 0)  # readiness questions on the morning message, in /remind's order
NOT_STARTED = "Send /start first, so I know your timezone."
TOPIC = "deload week starts tomorrow"
PHRASINGS = (
    "Tomorrow is lighter on purpose: the easy week lets the hard ones pay off.",
    "A deload is part of the plan. Move well this week and come back fresh.",
    "Easy week ahead. Sleep well and let the fatigue drain away.",
)
_TRIGGERED = re.compile(r"^Deload next week \(week \d+\): (?P<why>.+?)\. Plan: .*$")


@dataclass(frozen=True, slots=True)
class RemindView:
    """A user's reminder settings as /remind shows them."""

    hour: int
    days: frozenset[int]
    morning: bool
    rest_note: bool
    weekly: bool
    timezone: str
    checkin: int = 3  # readiness questions on the morning message: 3, 1 or 0


class ReminderService:
    """Read and change what /remind sets."""

    def __init__(self, core: Core) -> None:
        self._core = core

    async def view(self, user_id: int) -> RemindView:
        """The user's reminder settings."""
        async with self._core.db.read() as session:
            user = await users.get_user(session, user_id)
            if user is None:
                raise EngineError(NOT_STARTED)
            row = await repo.reminder_setting(session, user_id)
        return RemindView(
            user.morning_hour, days_of(row.days), row.morning, row.rest_note, row.weekly,
            user.timezone, row.checkin,
        )  # fmt: skip

    async def change(self, update_id: int, user_id: int, what: str, value: int) -> RemindView:
        """Apply one /remind button: hour, day (toggle), rest (1 note, 0 silence), weekly, on,
        checkin (3 questions, 1, or 0: none)."""
        async with self._core.once(update_id, user_id, f"remind-{what}") as session:
            user = await users.get_user(session, user_id)
            if user is None:
                raise EngineError(NOT_STARTED)
            row = await repo.reminder_setting(session, user_id)
            if what == "hour":
                if value not in HOURS:
                    raise EngineError("Choose one of the hours offered.")
                await users.update_user(session, user_id, morning_hour=value)
                await repo.save_reminder_setting(session, user_id, morning=True)
            elif what == "checkin":
                if value not in CHECKINS:
                    raise EngineError("Choose one of the check-ins offered.")
                await repo.save_reminder_setting(session, user_id, checkin=value)
            elif what == "day":
                days = days_of(row.days) ^ {value % 7}
                await repo.save_reminder_setting(session, user_id, days=mask_of(days))
            else:
                field = {"rest": "rest_note", "weekly": "weekly", "on": "morning"}[what]
                await repo.save_reminder_setting(session, user_id, **{field: bool(value)})
        return await self.view(user_id)


def deload_starts(active: ActiveProgram) -> list[dtm.date]:
    """The first day of every deload week of a program."""
    weeks = sorted({s.week for s in active.program.sessions if s.block == "deload"})
    return [active.start + dtm.timedelta(weeks=w - 1) for w in weeks]


class DeloadEveReminders:
    """The deload-eve kind of scheduled message."""

    name = DELOAD_EVE
    kinds = (DELOAD_EVE,)

    def __init__(self, core: Core, programs: ProgramService, voice: VoiceService) -> None:
        self._core = core
        self._programs = programs
        self._voice = voice

    async def slot(self, now: dtm.datetime, user: Recipient, log: DayLog) -> Slot | None:
        """Due at 19:00 local the evening before a deload week starts."""
        zone = zone_of(user)
        if not user.has_program or user.program_start is None:
            return None
        slot = daily_slot(now, zone, EVENING, EVENING_GRACE)
        if slot is None or (slot.day + DAY - user.program_start).days % 7:
            return None  # not the eve of a program week: no program needs reading
        active = await self._programs.active(user.user_id)
        if active is None:
            return None
        return deload_eve_due(now, zone, deload_starts(active), log)

    async def next_at(self, now: dtm.datetime, user: Recipient) -> dtm.datetime | None:
        """When the user's next deload reminder is due (for /status)."""
        active = await self._programs.active(user.user_id) if user.has_program else None
        if active is None:
            return None
        return next_deload_eve(now, zone_of(user), deload_starts(active))

    async def compose(self, user: Recipient, slot: Slot) -> Draft:
        """What changes in the deload week, and why."""
        view = await self._programs.today(user.user_id, on=slot.key)  # the plan caught up
        if view.active is None or slot.key not in deload_starts(view.active):
            return Draft(None)  # the program changed since: nothing to remind
        week = week_of(view.active.start, slot.key)
        text = deload_text(view.active, week, view.unit)
        coach = coached(deload_facts(view.active, week, text), PHRASINGS)
        return Draft(f"{text}\n\n{coach.template}", coached=coach)


def deload_facts(active: ActiveProgram, week: int, text: str) -> Facts:
    """What the deload reminder's coaching line may speak of."""
    why = next((line for line in text.splitlines() if line.startswith("Why: ")), "")
    lines = [("deload_week", f"{week} of {active.program.weeks}"), ("why", why[5:])]
    first = _first_session(active, week)
    if first is not None:
        lines.append(("first_session", first.name))
    return Facts(TOPIC, Decision.DELOAD, tuple(lines))


def deload_text(active: ActiveProgram, week: int, unit: str) -> str:
    """'🔻 Your deload week starts tomorrow …', the first session against the week before."""
    plan = active.program
    lines = [f"🔻 Your deload week starts tomorrow (week {week} of {plan.weeks})."]
    triggered = active.deload_for(week)
    if triggered is None:
        why = f"a lighter week every {plan.deload_every} weeks lets fatigue clear"
        lines.append(f"Why: {why}, so the weeks after it can progress again.")
    else:
        found = _TRIGGERED.match(triggered.message)
        lines.append(f"Why: brought forward: {found['why'] if found else triggered.message}.")
    first, before = _first_session(active, week), _first_session(active, week - 1)
    if first is not None:
        lines.append(f"What changes in {first.name}:")
        earlier = {e.exercise: e for e in before.exercises} if before else {}
        for planned in first.exercises:
            was = earlier.get(planned.exercise)
            change = f"{target(was, unit)} → " if was is not None else ""
            name = planned.exercise[:1].upper() + planned.exercise[1:]
            lines.append(f"• {name}: {change}{target(planned, unit)}")
    lines.append("Log as usual; the week after, the plan picks up where it left off.")
    return "\n".join(lines)


def _first_session(active: ActiveProgram, week: int) -> PlannedSession | None:
    sessions = active.program.week(week)
    return sessions[0] if sessions else None
