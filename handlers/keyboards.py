"""Inline keyboards shared by several handlers."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.timezones import COMMON


def grid(buttons: Sequence[tuple[str, str]], columns: int = 2) -> InlineKeyboardMarkup:
    """Lay out (label, callback data) pairs in rows of ``columns``."""
    rows = [
        [
            InlineKeyboardButton(label, callback_data=data)
            for label, data in buttons[i : i + columns]
        ]
        for i in range(0, len(buttons), columns)
    ]
    return InlineKeyboardMarkup(rows)


def units_keyboard() -> InlineKeyboardMarkup:
    """Two buttons: kg and lb."""
    return grid([("kg", "units:kg"), ("lb", "units:lb")])


def timezone_keyboard() -> InlineKeyboardMarkup:
    """The common timezones, two per row; anything else is typed."""
    return grid([(name.replace("_", " "), f"tz:{name}") for name in COMMON])
