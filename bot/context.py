"""Typed access to what the application keeps in bot_data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.inbox import Inbox
    from bot.services import Services

SERVICES_KEY = "services"
INBOX_KEY = "inbox"


def services_of(context: Any) -> Services:
    """The Services object the application was built with."""
    return context.application.bot_data[SERVICES_KEY]


def inbox_of(context: Any) -> Inbox | None:
    """The durable inbox the application polls through, if it has one."""
    return context.application.bot_data.get(INBOX_KEY)
