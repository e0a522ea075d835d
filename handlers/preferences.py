"""/settings: show and change units and timezone."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes

from bot.context import services_of
from handlers.keyboards import grid, timezone_keyboard

COMMANDS = [("settings", "Units, timezone and preferences")]


async def show_settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the user's settings with buttons to change them."""
    message, tg_user = update.effective_message, update.effective_user
    if message is None or tg_user is None:
        return
    services = services_of(context)
    user = await services.users.get(tg_user.id)
    if user is None:
        await message.reply_text("Send /start first, so I can set you up.")
        return
    local = services.core.clock().astimezone(ZoneInfo(user.timezone))
    other = "lb" if user.units == "kg" else "kg"
    await message.reply_text(
        f"⚙️ Your settings\nUnits: {user.units}\n"
        f"Timezone: {user.timezone} (it's {local:%H:%M} there now)",
        reply_markup=grid(
            [(f"Switch to {other}", f"units:{other}"), ("Change timezone", "settings:tz")]
        ),
    )


async def change_timezone(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer the timezone buttons and accept a typed one."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    await services_of(context).users.ask_timezone(update.update_id, query.from_user.id)
    await query.get_bot().send_message(
        query.from_user.id,
        "Tap your timezone or type your city (e.g. Madrid).",
        reply_markup=timezone_keyboard(),
    )


HANDLERS = [
    CommandHandler("settings", show_settings),
    CallbackQueryHandler(change_timezone, pattern=r"^settings:tz$"),
]
