"""Onboarding and preferences through the user service."""

from __future__ import annotations

import pytest

from bot.services import Services
from bot.services.core import DuplicateUpdateError
from bot.services.users import UnknownTimezoneError
from engine.errors import EngineError


async def test_onboarding_goes_units_then_timezone(services: Services) -> None:
    """A new user is asked units, then timezone, then is done."""
    user = await services.users.start(1, 42, "Ann", "ann")
    assert (user.is_new, user.awaiting) == (True, "units")
    user = await services.users.set_units(2, 42, "lb")
    assert (user.units, user.awaiting) == ("lb", "timezone")
    user = await services.users.set_timezone(3, 42, "berlin")
    assert (user.timezone, user.awaiting) == ("Europe/Berlin", None)
    again = await services.users.start(4, 42, "Ann", "ann")
    assert (again.is_new, again.awaiting, again.units) == (False, None, "lb")


async def test_redelivered_update_raises_duplicate_and_keeps_state(services: Services) -> None:
    """Applying the same update id twice is refused; the first effect stands."""
    await services.users.start(1, 42, "Ann", None)
    await services.users.set_units(2, 42, "lb")
    with pytest.raises(DuplicateUpdateError):
        await services.users.set_units(2, 42, "kg")
    user = await services.users.get(42)
    assert user is not None
    assert user.units == "lb"


async def test_unknown_timezone_is_a_friendly_error(services: Services) -> None:
    """A place we cannot find is explained, and nothing changes."""
    await services.users.start(1, 42, "Ann", None)
    with pytest.raises(UnknownTimezoneError, match="couldn't find a timezone"):
        await services.users.set_timezone(2, 42, "Atlantis")
    user = await services.users.get(42)
    assert user is not None
    assert user.timezone == "UTC"


async def test_units_must_be_kg_or_lb(services: Services) -> None:
    """Anything but kg or lb is refused with a user-safe message."""
    await services.users.start(1, 42, "Ann", None)
    with pytest.raises(EngineError, match="kg or lb"):
        await services.users.set_units(2, 42, "stone")
