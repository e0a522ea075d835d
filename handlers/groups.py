"""Groups: commands that show or change someone's training data only work in a private chat."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes, MessageHandler, filters

# Commands that show nothing personal and may answer in a group.
OPEN_IN_GROUPS = ("start", "help")
PRIVATE_ONLY = (
    "Let's keep your training data between us: send me that in a private chat "
    "(tap my name, then Message)."
)


async def keep_private(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer personal commands sent in a group with a pointer to the private chat."""
    message = update.effective_message
    if message is not None:
        await message.reply_text(PRIVATE_ONLY)
    raise ApplicationHandlerStop


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
