"""The one error handler: friendly text for user errors, an apology and a log for the rest."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError
from telegram.ext import ContextTypes

from bot.services.core import DuplicateUpdateError
from engine.errors import EngineError

log = logging.getLogger(__name__)
APOLOGY = "Sorry — something went wrong on my side and I couldn't finish that. Please try again."


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain user errors, skip duplicates quietly, log and apologise for everything else."""
    error = context.error
    if isinstance(error, DuplicateUpdateError):
        return
    message = update.effective_message if isinstance(update, Update) else None
    if isinstance(error, EngineError):
        if message is not None:
            await message.reply_text(str(error))
        return
    if isinstance(error, Forbidden):
        log.info("user blocked the bot: %s", error)
        return
    if isinstance(error, NetworkError) and not isinstance(update, Update):
        log.warning("network error while polling: %s", error)
        return
    log.error("unhandled error", exc_info=error)
    if message is not None:
        try:
            await message.reply_text(APOLOGY)
        except Exception:  # the apology is best-effort; the error is already logged
            log.warning("could not send the apology", exc_info=True)
