"""The user's profile as services see it, and a small cache of it."""

from __future__ import annotations

from dataclasses import dataclass

from storage.tables import User


@dataclass(frozen=True, slots=True)
class UserView:
    """What handlers and services need to know about a user."""

    id: int
    first_name: str
    units: str
    timezone: str
    role: str
    awaiting: str | None
    e1rm_formula: str = "auto"
    is_new: bool = False

    @classmethod
    def of(cls, user: User, *, is_new: bool = False) -> UserView:
        return cls(
            user.id,
            user.first_name,
            user.units,
            user.timezone,
            user.role,
            user.awaiting,
            user.e1rm_formula,
            is_new,
        )
