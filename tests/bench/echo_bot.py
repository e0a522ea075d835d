"""A bare PTB echo bot, the round-trip baseline: ``python -m tests.bench.echo_bot``.

It reads the same SPOTTER_TELEGRAM_TOKEN / SPOTTER_TELEGRAM_API_URL as Spotter.
"""

from __future__ import annotations

import asyncio
import os
import sys

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


def main() -> None:
    """Echo every text message until SIGTERM (on uvloop with ``--uvloop``)."""
    if "--uvloop" in sys.argv:
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    root = os.environ["SPOTTER_TELEGRAM_API_URL"]
    app = (
        Application.builder()
        .token(os.environ["SPOTTER_TELEGRAM_TOKEN"])
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .build()
    )
    app.add_handler(MessageHandler(filters.ALL, _echo))
    app.run_polling(allowed_updates=[Update.MESSAGE])


if __name__ == "__main__":
    main()
