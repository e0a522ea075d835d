"""The morning session message: who is due, claiming it once, and its text.

A user is due while their local time is in [morning hour, morning hour + WINDOW) and no
"morning" delivery exists for their local date. The claim (the delivery row, unique per user,
kind and date) is written before sending, so a restart never sends twice; a transient send
failure releases it so the next run retries, and the wide window leaves room for that. Rest
days are claimed too, with nothing sent, unless a deload reminder is waiting.
"""

from __future__ import annotations

import datetime as dtm
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.services.core import Core
from bot.services.program_text import render_day
from storage import programs as repo
from storage.tables import User

if TYPE_CHECKING:
    from bot.services.programs import ProgramService

log = logging.getLogger(__name__)
WINDOW = dtm.timedelta(hours=4)
MORNING, DELOAD = "morning", "deload"


@dataclass(frozen=True, slots=True)
class MorningMessage:
    """One claimed morning delivery: the text to send (None: nothing) and its claims."""

    user_id: int
    local_date: dtm.date
    text: str | None
    claims: tuple[tuple[str, dtm.date], ...]  # (kind, local date) delivery rows written


def local_due(user: User, now: dtm.datetime) -> dtm.date | None:
    """The user's local date when their morning window is open now, else None."""
    local = now.astimezone(ZoneInfo(user.timezone))
    opens = local.replace(hour=user.morning_hour, minute=0, second=0, microsecond=0)
    return local.date() if opens <= local < opens + WINDOW else None


class MorningDeliveries:
    """Find, claim and release morning messages."""

    def __init__(self, core: Core, programs: ProgramService) -> None:
        self._core = core
        self._programs = programs

    async def claim_due(self) -> list[MorningMessage]:
        """Claim every due user's morning delivery and return what to send."""
        now = self._core.clock()
        async with self._core.db.read() as session:
            pairs = await repo.programs_with_users(session)
            due = {
                user.id: (user, day)
                for _row, user in pairs
                if (day := local_due(user, now)) is not None
            }
            done = await repo.delivered(session, MORNING, _keys(due))
        claimed = []
        for user_id, (user, day) in due.items():
            if (user_id, day) in done:
                continue
            try:
                message = await self._claim(user, day, now)
            except Exception:  # one user's broken plan must not hold up everyone else's
                log.exception("morning message could not be prepared user_id=%s", user_id)
                continue
            if message is not None:
                claimed.append(message)
        return claimed

    async def _claim(self, user: User, day: dtm.date, now: dtm.datetime) -> MorningMessage | None:
        """Compose first (catching the plan up), then claim the delivery and any reminders."""
        view = await self._programs.today(user.id, on=day)
        reminders = [
            t
            for t in (view.active.state.deloads if view.active else ())
            if t.starts_on - dtm.timedelta(days=7) <= day < t.starts_on + dtm.timedelta(days=7)
        ]
        async with self._core.db.write(now=now) as session:
            if not await repo.claim_delivery(
                session, user_id=user.id, kind=MORNING, local_date=day, now=now
            ):
                return None
            notes, claims = [], [(MORNING, day)]
            for reminder in reminders:
                if await repo.claim_delivery(
                    session, user_id=user.id, kind=DELOAD, local_date=reminder.starts_on, now=now
                ):
                    notes.append(f"🔻 Reminder: {reminder.message}")
                    claims.append((DELOAD, reminder.starts_on))
        parts = []
        if view.at is not None:
            parts.append(f"☀️ Good morning, {user.first_name or 'athlete'}!\n\n{render_day(view)}")
        parts.extend(notes)
        text = "\n\n".join(parts) if parts else None
        return MorningMessage(user.id, day, text, tuple(claims))

    async def release(self, message: MorningMessage) -> None:
        """Delete a message's claims so that the next run tries again."""
        async with self._core.db.write(now=self._core.clock()) as session:
            for kind, day in message.claims:
                await repo.release_delivery(
                    session, user_id=message.user_id, kind=kind, local_date=day
                )


def _keys(due: dict[int, tuple[User, dtm.date]]) -> list[tuple[int, dtm.date]]:
    return [(user_id, day) for user_id, (_user, day) in due.items()]
