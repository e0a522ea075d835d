"""Groups: commands that show or change someone's training data only work in a private chat."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

# Commands that show nothing personal and may answer in a group.
OPEN_IN_GROUPS = ("start", "help")
PRIVATE_ONLY = (
    "Let's keep your training data between us: send me that in a private chat "
    "(tap my name, then Message)."
)


async def keep_private(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer Spotter's personal commands sent in a group with a pointer to the private
    chat; any other command (unknown, or addressed to another bot) is none of our business."""
    message = update.effective_message
    if message is not None and _is_ours(update, context):
        await message.reply_text(PRIVATE_ONLY)
    raise ApplicationHandlerStop


def _is_ours(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether one of Spotter's commands would answer this (its name, addressed to us)."""
    return any(
        isinstance(handler, CommandHandler) and handler.check_update(update)
        for handler in context.application.handlers.get(0, ())
    )


# Runs before every feature (group -1), so no feature can answer personal data in a group.
HANDLERS = {
    -1: [
        MessageHandler(
            ~filters.ChatType.PRIVATE
            & filters.COMMAND
            & ~filters.Regex(rf"^/({'|'.join(OPEN_IN_GROUPS)})(@\w+)?(\s|$)"),
            keep_private,
        )
    ]
}
