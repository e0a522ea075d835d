"""The morning message's buttons: Start, Skip today, Move to tomorrow, the readiness check-in.

Each press is checked by bot.services.program_morning against the user's own calendar: a
button from another day, or for a session moved or skipped since, is refused with a short
answer and changes nothing.
"""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, ContextTypes

from bot.context import services_of
from bot.inline import keyboard
from bot.services.program_morning import PATTERN
from engine.errors import EngineError


async def press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Apply one morning button and show the message as it now stands."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    try:
        outcome = await services_of(context).morning.press(
            update.update_id, query.from_user.id, query.data
        )
    except EngineError as exc:
        await query.answer(str(exc), show_alert=True)
        return
    await query.answer(outcome.answer)
    if outcome.card is not None:
        try:
            await query.edit_message_text(
                outcome.card.text, reply_markup=keyboard(outcome.card.buttons)
            )
        except BadRequest as exc:  # the same answer again: nothing to change
            if "not modified" not in str(exc).lower():
                raise
    if outcome.reply is not None and query.message is not None:
        await context.bot.send_message(query.from_user.id, outcome.reply)


HANDLERS = {0: [CallbackQueryHandler(press, pattern=PATTERN)]}
