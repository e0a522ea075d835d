"""The one error handler: friendly text for user errors, an honest apology, a log line."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, RetryAfter
from telegram.ext import ContextTypes

from bot.context import services_of
from bot.services.core import DuplicateUpdateError
from engine.errors import EngineError

log = logging.getLogger(__name__)
APOLOGY = "Sorry — something went wrong on my side and I couldn't finish that. Please try again."
# When the update's change is stored, asking for it again would store it twice.
APOLOGY_SAVED = (
    "Sorry — something went wrong on my side after saving that. It is stored: "
    "no need to send it again (/history shows it)."
)


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
    if isinstance(error, NetworkError | RetryAfter):
        # An ordinary fault on the way to Telegram (sends were retried where safe): an apology
        # would take the same broken way, and whatever the update changed is stored.
        log.warning("network error, reply not delivered: %s", error)
        return
    log.error("unhandled error", exc_info=error)
    if message is not None:
        try:
            saved = await services_of(context).core.db.applied(update.update_id)
            await message.reply_text(APOLOGY_SAVED if saved else APOLOGY)
        except Exception as exc:  # the apology is best-effort; the error is already logged
            log.warning("could not send the apology: %s", exc)
