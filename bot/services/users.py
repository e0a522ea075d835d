"""Onboarding and preferences: units, timezone."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.core import Core
from bot.timezones import is_valid_timezone, resolve_timezone
from engine.errors import EngineError
from storage import users as repo
from storage.tables import User

UNITS = ("kg", "lb")


class UnknownTimezoneError(EngineError):
    """The typed place or name is not a timezone we know."""


@dataclass(frozen=True, slots=True)
class UserView:
    """What handlers need to know about a user."""

    id: int
    first_name: str
    units: str
    timezone: str
    role: str
    awaiting: str | None
    is_new: bool = False

    @classmethod
    def of(cls, user: User, *, is_new: bool = False) -> UserView:
        return cls(
            user.id, user.first_name, user.units, user.timezone, user.role, user.awaiting, is_new
        )


class UserService:
    """Create users and change their preferences."""

    def __init__(self, core: Core) -> None:
        self._core = core

    async def get(self, user_id: int) -> UserView | None:
        """The user, or None before their first /start."""
        async with self._core.db.read() as session:
            user = await repo.get_user(session, user_id)
        return UserView.of(user) if user else None

    async def start(
        self, update_id: int, user_id: int, first_name: str, username: str | None
    ) -> UserView:
        """Register the user (or restart onboarding) and ask for units first."""
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
            if existing is None:
                return UserView.of(user, is_new=True)
            user.first_name = first_name
            session.add(user)
            return UserView.of(user)

    async def set_units(self, update_id: int, user_id: int, units: str) -> UserView:
        """Store kg or lb; during onboarding, move on to the timezone question."""
        if units not in UNITS:
            raise EngineError(f"Units must be kg or lb, not {units!r}.")
        async with self._core.once(update_id, user_id, "units") as session:
            user = await repo.get_user(session, user_id)
            if user is None:
                raise EngineError("Send /start first, so I know who you are.")
            user.units = units
            user.awaiting = "timezone" if user.awaiting == "units" else user.awaiting
            session.add(user)
            return UserView.of(user)

    async def ask_timezone(self, update_id: int, user_id: int) -> UserView:
        """Remember that the user's next plain text is a timezone."""
        async with self._core.once(update_id, user_id, "ask-timezone") as session:
            user = await repo.update_user(session, user_id, awaiting="timezone")
            if user is None:
                raise EngineError("Send /start first, so I know who you are.")
            return UserView.of(user)

    async def set_timezone(self, update_id: int, user_id: int, text: str) -> UserView:
        """Store the timezone the user typed or tapped; finishes onboarding."""
        name = text if is_valid_timezone(text) else resolve_timezone(text)
        if name is None:
            raise UnknownTimezoneError(
                f"I couldn't find a timezone for “{text[:40]}”. Try a big city near you "
                "(e.g. Berlin, Chicago) or an IANA name like Europe/Paris."
            )
        async with self._core.once(update_id, user_id, "timezone") as session:
            user = await repo.update_user(session, user_id, timezone=name, awaiting=None)
            if user is None:
                raise EngineError("Send /start first, so I know who you are.")
            return UserView.of(user)
