"""Onboarding and preferences: units, timezone."""

from __future__ import annotations

import datetime as dtm

from bot.services.core import Core
from bot.services.profile import UserView
from bot.timezones import is_valid_timezone, resolve_timezone
from engine.errors import EngineError
from storage import users as repo

UNITS = ("kg", "lb")
# A timezone asked for from /settings: the next text answers it only for a while.
CHANGE_TIMEZONE = "timezone-change"
QUESTION_TTL = dtm.timedelta(minutes=10)
NOT_STARTED = "Send /start first, so I know who you are."


class UnknownTimezoneError(EngineError):
    """The typed place or name is not a timezone we know."""


class UserService:
    """Create users and change their preferences."""

    def __init__(self, core: Core) -> None:
        self._core = core

    async def get(self, user_id: int) -> UserView | None:
        """The user, or None before their first /start."""
        return await self._core.profile(user_id)

    async def start(
        self, update_id: int, user_id: int, first_name: str, username: str | None
    ) -> UserView:
        """Register the user (or greet them again); new users are asked for units first."""
        async with self._core.once(update_id, user_id, "start") as session:
            existing = await repo.get_user(session, user_id)
            user = await repo.ensure_user(
                session,
                user_id=user_id,
                first_name=first_name,
                username=username,
                timezone=self._core.default_timezone,
                now=self._core.clock(),
            )
            user.first_name = first_name
            session.add(user)
            view = UserView.of(user, is_new=existing is None)
        return self._core.remember(view)

    async def set_units(self, update_id: int, user_id: int, units: str) -> UserView:
        """Store kg or lb; during onboarding, move on to the timezone question."""
        if units not in UNITS:
            raise EngineError(f"Units must be kg or lb, not {units!r}.")
        async with self._core.once(update_id, user_id, "units") as session:
            user = await repo.get_user(session, user_id)
            if user is None:
                raise EngineError(NOT_STARTED)
            user.units = units
            user.awaiting = "timezone" if user.awaiting == "units" else user.awaiting
            session.add(user)
            view = UserView.of(user)
        return self._core.remember(view)

    async def ask_timezone(
        self, update_id: int, user_id: int, *, change: bool = False
    ) -> UserView:
        """Remember that the user's next plain text is a timezone; a change of timezone (not
        onboarding) is asked for ``QUESTION_TTL`` only."""
        asked_at = f"{self._core.clock().timestamp():.0f}"
        awaiting = f"{CHANGE_TIMEZONE}@{asked_at}" if change else "timezone"
        return await self._change(update_id, user_id, "ask-timezone", awaiting=awaiting)

    def awaiting(self, user: UserView) -> str | None:
        """What the user's next plain text answers ("units", "timezone", CHANGE_TIMEZONE or
        "edit:<entry id>"); None when nothing is asked or the question has expired."""
        kind, _, asked_at = (user.awaiting or "").partition("@")
        if asked_at.isdigit():
            asked = dtm.datetime.fromtimestamp(int(asked_at), dtm.UTC)
            if self._core.clock() - asked > QUESTION_TTL:
                return None
        return kind or None

    async def set_timezone(self, update_id: int, user_id: int, text: str) -> UserView:
        """Store the timezone the user typed or tapped; finishes onboarding."""
        name = text if is_valid_timezone(text) else resolve_timezone(text)
        if name is None:
            raise UnknownTimezoneError(
                f"I couldn't find a timezone for “{text[:40]}”. Try a big city near you "
                "(e.g. Berlin, Chicago) or an IANA name like Europe/Paris."
            )
        return await self._change(update_id, user_id, "timezone", timezone=name, awaiting=None)

    async def _change(
        self, update_id: int, user_id: int, kind: str, **changes: object
    ) -> UserView:
        async with self._core.once(update_id, user_id, kind) as session:
            user = await repo.update_user(session, user_id, **changes)
            if user is None:
                raise EngineError(NOT_STARTED)
            view = UserView.of(user)
        return self._core.remember(view)
