"""Plain text in a private chat: answers to a pending question, or a set log; edits of a
logged message; commands nobody handles."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes, MessageHandler, filters

from bot.context import services_of
from bot.services import Services
from bot.services.users import CHANGE_TIMEZONE, UnknownTimezoneError
from handlers.bodyweight import log_if_weighin
from handlers.keyboards import units_keyboard
from handlers.logbook import entry_of_ack, log_message
from handlers.onboarding import timezone_set

NOT_STARTED = "Hi! Send /start first so I can set you up — it takes two taps."
UNKNOWN_COMMAND = "I don't know {command}. /help lists everything I can do."


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
    awaiting = services.users.awaiting(user)
    if awaiting == "units":
        units = message.text.strip().lower().removesuffix("s")
        if units not in ("kg", "lb"):
            await message.reply_text("Tap kg or lb, please:", reply_markup=units_keyboard())
            return
        await services.users.set_units(update.update_id, tg_user.id, units)
        await message.reply_text(f"Units: {units} ✓ Now type your city or timezone.")
        return
    if awaiting in ("timezone", CHANGE_TIMEZONE) and await _answer_timezone(
        update.update_id, message, services, onboarding=awaiting == "timezone"
    ):
        return
    if awaiting is None and await log_if_weighin(update, context, user.units):
        return  # "bw 82.5" is a weigh-in, never a set
    await log_message(update, context, _edit_target(message, awaiting))


async def _answer_timezone(
    update_id: int, message: Message, services: Services, *, onboarding: bool
) -> bool:
    """Store a typed timezone; False when the text is no place but reads like a set log,
    which then goes to the logbook (a set log always wins over an open question)."""
    text = message.text or ""
    try:
        # A private chat's id is its user's id.
        user = await services.users.set_timezone(update_id, message.chat_id, text)
    except UnknownTimezoneError:
        if any(ch.isdigit() for ch in text):  # places have no digits; sets have
            return False
        raise
    await message.reply_text(timezone_set(user, onboarding, services.core.clock()))
    return True


def _edit_target(message: Message, awaiting: str | None) -> int | None:
    """The entry this text corrects: after Edit, or when replying to an acknowledgement."""
    if awaiting and awaiting.startswith("edit:"):
        return int(awaiting.removeprefix("edit:"))
    replied = message.reply_to_message
    if replied is None or replied.from_user is None or not replied.from_user.is_bot:
        return None
    return entry_of_ack(replied)


async def on_edit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited message: an edit of a logged set corrects its entry, an edit of other text
    is read afresh; edited commands and edits in groups change nothing."""
    message = update.edited_message
    if (
        message is not None
        and message.text is not None
        and message.from_user is not None
        and message.chat.type == ChatType.PRIVATE
        and not message.text.startswith("/")
    ):
        logbook = services_of(context).logbook
        entry_id = await logbook.entry_of_message(message.from_user.id, message.message_id)
        if entry_id is not None:
            await log_message(update, context, entry_id)
        else:
            await on_text(update, context)
    # Nothing else sees an edit: a command or a set log must not run or log a second time.
    raise ApplicationHandlerStop


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command no feature handles, in a private chat: point to /help."""
    message = update.effective_message
    if message is None or not message.text:
        return
    command, _, addressee = message.text.split(maxsplit=1)[0].partition("@")
    if addressee.lower() in ("", context.bot.username.lower()):  # not another bot's
        await message.reply_text(UNKNOWN_COMMAND.format(command=command[:33]))


# Edits go first (group -2, ahead of the group guard in handlers.groups); text and unknown
# commands go last, after every feature's own handlers.
HANDLERS = {
    -2: [MessageHandler(filters.UpdateType.EDITED_MESSAGE, on_edit)],
    0: [
        MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, on_text),
        MessageHandler(filters.ChatType.PRIVATE & filters.COMMAND, unknown_command),
    ],
}
