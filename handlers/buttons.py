"""Buttons nobody may use: someone else's, on a message too old to reach, or unknown data."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, ContextTypes

NOT_YOURS = "That button isn't yours."
TOO_OLD = "That message is too old for its buttons. Send the command again."
UNKNOWN = "That button doesn't work any more. Send the command again."


async def guard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Refuse a press on a message that is not in the presser's own private chat."""
    query = update.callback_query
    if query is None:
        return
    message = query.message
    if message is not None and (not isinstance(message, Message) or not message.is_accessible):
        answer = TOO_OLD  # deleted, or too old: Telegram no longer shows it to the bot
    elif message is None or message.chat.id != query.from_user.id:
        answer = NOT_YOURS  # every Spotter button sits in its user's private chat
    else:
        return
    await query.answer(answer)
    raise ApplicationHandlerStop


async def unknown(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A press no feature understands (old, forged or random data): say so, change nothing."""
    query = update.callback_query
    if query is not None:
        await query.answer(UNKNOWN)


# The guard runs before every feature (group -1); the catch-all after all of them.
HANDLERS = {-1: [CallbackQueryHandler(guard)], 0: [CallbackQueryHandler(unknown)]}
