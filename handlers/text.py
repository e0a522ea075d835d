"""Plain text in a private chat: answers to a pending question, or a set log."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes, MessageHandler, filters

from bot.context import services_of
from handlers.keyboards import units_keyboard
from handlers.logbook import entry_of_ack, log_message
from handlers.onboarding import all_set

NOT_STARTED = "Hi! Send /start first so I can set you up — it takes two taps."


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Route a plain text message to what the user is expected to answer."""
    message, tg_user = update.effective_message, update.effective_user
    if message is None or message.text is None or tg_user is None:
        return
    services = services_of(context)
    user = await services.users.get(tg_user.id)
    if user is None:
        await message.reply_text(NOT_STARTED)
        return
    if user.awaiting == "units":
        units = message.text.strip().lower().removesuffix("s")
        if units not in ("kg", "lb"):
            await message.reply_text("Tap kg or lb, please:", reply_markup=units_keyboard())
            return
        await services.users.set_units(update.update_id, tg_user.id, units)
        await message.reply_text(f"Units: {units} ✓ Now type your city or timezone.")
        return
    if user.awaiting == "timezone":
        user = await services.users.set_timezone(update.update_id, tg_user.id, message.text)
        await message.reply_text(all_set(user))
        return
    await log_message(update, context, await _edit_target(update, context, user.awaiting))


async def _edit_target(
    update: Update, context: ContextTypes.DEFAULT_TYPE, awaiting: str | None
) -> int | None:
    """The entry this text corrects: after Edit, or when replying to an acknowledgement."""
    if awaiting and awaiting.startswith("edit:"):
        return int(awaiting.removeprefix("edit:"))
    message = update.effective_message
    replied = message.reply_to_message if message else None
    if replied is None or replied.from_user is None or not replied.from_user.is_bot:
        return None
    return entry_of_ack(replied)


HANDLERS = [
    MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, on_text),
]
