"""Typed access to what the application keeps in bot_data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.services import Services

SERVICES_KEY = "services"


def services_of(context: Any) -> Services:
    """The Services object the application was built with."""
    return context.application.bot_data[SERVICES_KEY]
