"""Inline keyboards from plain rows of (label, callback data), as services describe buttons."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

Rows = Sequence[Sequence[tuple[str, str]]]


def keyboard(buttons: Rows) -> InlineKeyboardMarkup | None:
    """Inline buttons from rows of (label, callback data); None for no rows."""
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row]
         for row in buttons]
    )  # fmt: skip
