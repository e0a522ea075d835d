"""The morning session message: today's session from the program, at the athlete's hour.

Due from the user's hour until two hours later, on the weekdays chosen in /remind
(engine.schedule_due), for users with a program; claimed once per local date through
bot.services.deliveries. A rest day sends a short note when the user asked for one and
nothing otherwise (claimed all the same), unless a triggered deload's first reminder is
waiting: that note rides on the next morning message, once.
"""

from __future__ import annotations

import datetime as dtm
from typing import TYPE_CHECKING

from bot.services.core import Core
from bot.services.deliveries import DayLog, Draft, reminders_of, zone_of
from bot.services.program_text import render_day
from engine.schedule import Slot
from engine.schedule_due import MORNING, morning_due
from storage.deliveries import Recipient

if TYPE_CHECKING:
    from bot.services.programs import ProgramService

DELOAD = "deload"  # the first reminder of a triggered deload, keyed by the week's start
WEEK = dtm.timedelta(days=7)


class MorningDeliveries:
    """The morning kind of scheduled message."""

    name = MORNING
    kinds = (MORNING, DELOAD)

    def __init__(self, core: Core, programs: ProgramService) -> None:
        self._core = core
        self._programs = programs

    async def slot(self, now: dtm.datetime, user: Recipient, log: DayLog) -> Slot | None:
        """The morning slot due now for a user with a program."""
        if not user.has_program:
            return None
        return morning_due(now, zone_of(user), reminders_of(user), log)

    async def compose(self, user: Recipient, slot: Slot) -> Draft:
        """Today's session (catching the plan up first), a rest-day note, deload notes."""
        day = slot.key
        view = await self._programs.today(user.user_id, on=day)
        active = view.active
        extras = tuple(
            (DELOAD, t.starts_on, f"🔻 Reminder: {t.message}")
            for t in (active.state.deloads if active else ())
            if t.starts_on - WEEK <= day < t.starts_on + WEEK
        )
        greeting = f"☀️ Good morning, {user.first_name or 'athlete'}!"
        if view.at is not None:
            return Draft(f"{greeting}\n\n{render_day(view)}", extras)
        resting = active is not None and view.next_at is not None and day >= active.start
        if user.rest_note and resting:
            return Draft(f"{greeting}\n\n{render_day(view)}", extras)
        return Draft(None, extras)
