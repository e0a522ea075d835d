"""/weight: log body weight (never as a set) or, without a number, show its chart."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler, ContextTypes

from bot.context import services_of
from bot.services import Services
from engine.bodyweight import read_argument, read_message
from engine.errors import EngineError
from handlers.limits import CAPTION_LIMIT, shorten

COMMANDS = [("weight", "Log body weight (/weight 82.5) or see its chart")]


async def weight(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/weight 82.5 logs a weigh-in; /weight alone sends the chart with the 7-day trend."""
    message, tg_user = update.effective_message, update.effective_user
    if message is None or tg_user is None:
        return
    services = services_of(context)
    try:
        view = await services.core.profile(tg_user.id)
        if view is None:
            await message.reply_text("Send /start first, so I know who you are.")
            return
        if context.args:
            kg = read_argument(" ".join(context.args), view.units)
            await _log(message, services, update.update_id, tg_user.id, kg, view.units)
            return
        await message.reply_chat_action(ChatAction.UPLOAD_PHOTO)
        chart = await services.bodyweight.chart(tg_user.id)
    except EngineError as exc:
        await message.reply_text(str(exc))
        return
    await message.reply_photo(chart.png, caption=shorten(chart.caption, CAPTION_LIMIT),
                              filename="spotter-bodyweight.png")


async def _log(
    message: Message, services: Services, update_id: int, user_id: int, kg: float, unit: str
) -> None:
    value = kg if unit == "kg" else kg / 0.45359237
    logged = await services.bodyweight.log(update_id, user_id, kg, round(value, 2), unit)
    await message.reply_text(logged.confirmation())


async def log_if_weighin(update: Update, context: ContextTypes.DEFAULT_TYPE, units: str) -> bool:
    """Log a plain text weigh-in ("bw 82.5", "weight 82.5kg"); False for any other text."""
    message, tg_user = update.effective_message, update.effective_user
    if message is None or message.text is None or tg_user is None:
        return False
    kg = read_message(message.text, units)
    if kg is None:
        return False
    await _log(message, services_of(context), update.update_id, tg_user.id, kg, units)
    return True


HANDLERS = {0: [CommandHandler("weight", weight)]}
