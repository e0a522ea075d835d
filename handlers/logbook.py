"""Logging sets: the acknowledgement and its buttons (Undo, Same again, Edit), /undo, answers."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Message, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes

from bot.context import services_of
from bot.services import Services
from bot.services.core import DuplicateUpdateError
from bot.services.logbook import ENTRY_GONE, Logged, NotALog, Outcome, Question
from engine.errors import EngineError
from handlers.keyboards import grid
from handlers.limits import ANSWER_LIMIT, shorten
from handlers.render import acknowledgement, removed

COMMANDS = [("undo", "Remove the last logged set")]
log = logging.getLogger(__name__)
NOT_SAVED = "⚠️ Sorry, I couldn't save “{text}”: please send it again."
QUOTE_LIMIT = 200  # how much of the user's message NOT_SAVED quotes
NOTHING_TO_UNDO = "Nothing to undo."
NOT_A_LOG = (
    "I couldn't read that as a set. Try “bench 80x5”, “squat 3x5 @ 100kg” or “plank 60s”; "
    "/help has more examples."
)


def entry_of_ack(message: Message | None) -> int | None:
    """The entry an acknowledgement is about, read from its buttons."""
    markup = message.reply_markup if message is not None else None
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            action, _, raw_id = str(button.callback_data or "").partition(":")
            if action in ("undo", "edit") and raw_id.isdigit():
                return int(raw_id)
    return None


def ack_keyboard(entry_id: int):
    """Undo, Same again and Edit for one logged entry."""
    return grid(
        [
            ("↩️ Undo", f"undo:{entry_id}"),
            ("🔁 Same again", f"same:{entry_id}"),
            ("✏️ Edit", f"edit:{entry_id}"),
        ],
        columns=3,
    )


async def _ack_text(message: Message, logged: Logged, services: Services) -> str:
    plan = await services.programs.plan_notes(message.chat_id, logged, message.date)
    return "\n".join([acknowledgement(logged), *plan])


async def send_outcome(message: Message, outcome: Outcome | None, services: Services) -> None:
    """Reply with an acknowledgement, a question with buttons, or why nothing was logged."""
    if isinstance(outcome, Logged):
        # The buttons carry the entry id, so a reply to this message can find its entry.
        text, buttons = await _ack_text(message, outcome, services), ack_keyboard(outcome.entry_id)
        if outcome.store is None:
            await message.reply_text(text, reply_markup=buttons)
            return
        ack = None
        try:
            ack = await message.reply_text(text, reply_markup=buttons)
        finally:  # the sets are stored even when the acknowledgement cannot be sent
            await _store_acknowledged(message, ack, outcome, outcome.store, services)
    elif isinstance(outcome, Question):
        await message.reply_text(outcome.text, reply_markup=grid(list(outcome.buttons)))
    elif isinstance(outcome, NotALog):
        await message.reply_text(outcome.reason or NOT_A_LOG)


async def _store_acknowledged(
    message: Message,
    ack: Message | None,
    acked: Logged,
    store: Callable[[], Awaitable[Logged]],
    services: Services,
) -> None:
    """Write sets acknowledged ahead of their write; correct the acknowledgement if needed."""
    try:
        stored = await store()
    except DuplicateUpdateError:
        return  # stored by an earlier delivery of this update
    except Exception:
        log.exception("acknowledged set log not stored")
        if ack is not None:
            await ack.edit_text(NOT_SAVED.format(text=shorten(message.text or "", QUOTE_LIMIT)))
        return
    if ack is not None and stored.exercises != acked.exercises:
        await ack.edit_text(
            await _ack_text(message, stored, services), reply_markup=ack_keyboard(stored.entry_id)
        )


async def log_message(
    update: Update, context: ContextTypes.DEFAULT_TYPE, edit_of: int | None
) -> None:
    """Log (or, with ``edit_of``, correct) the sets in a text message."""
    message, user = update.effective_message, update.effective_user
    if message is None or message.text is None or user is None:
        return
    services = services_of(context)
    try:
        if edit_of is not None:
            outcome = await services.logbook.edit(update.update_id, user.id, edit_of, message.text)
        else:
            outcome = await services.logbook.log_text(
                update.update_id,
                user.id,
                message.text,
                message.date,
                message.message_id,
                ahead=True,
            )
    except DuplicateUpdateError:
        # Telegram delivers again after a crash; the reply may never have gone out.
        replayed = await services.logbook.replay(update.update_id, user.id)
        if replayed is not None:
            entry_id, views = replayed
            text = shorten(f"✅ Already logged: {removed(views)}")
            await message.reply_text(text, reply_markup=ack_keyboard(entry_id))
        return
    await send_outcome(message, outcome, services)


async def undo_last(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/undo: remove the last logged entry."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    gone = await services_of(context).logbook.undo(update.update_id, user.id, None)
    await message.reply_text(shorten(f"↩️ Removed: {removed(gone)}") if gone else NOTHING_TO_UNDO)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Undo, Same again or Edit on an acknowledgement (only the user's own entries)."""
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    action, _, raw_id = query.data.partition(":")
    entry_id, user_id = int(raw_id), query.from_user.id
    services = services_of(context)
    if action == "undo":
        gone = await services.logbook.undo(update.update_id, user_id, entry_id)
        await query.answer("Removed" if gone else "Already removed")
        if gone:
            await query.edit_message_text(shorten(f"↩️ Undone: {removed(gone)}"))
    elif action == "same":
        outcome = await services.logbook.repeat(update.update_id, user_id, entry_id)
        if isinstance(outcome, Logged):
            await query.answer()
            await send_outcome(query.message, outcome, services)
        else:  # gone, a double tap, or a value no longer accepted
            await query.answer(shorten(outcome.reason if outcome else ENTRY_GONE, ANSWER_LIMIT))
    else:
        text = await services.logbook.begin_edit(update.update_id, user_id, entry_id)
        await query.answer(ENTRY_GONE if text is None else None)
        if text is not None:
            await query.message.reply_text(
                shorten(f"Send the corrected line for: {text}\n(or reply to my message with it)")
            )


async def on_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button under a question: which reading was meant, or which exercise."""
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    kind, pending_id, choice = query.data.split(":", 2)
    services = services_of(context)
    try:
        outcome = await services.questions.answer(
            update.update_id, query.from_user.id, kind, int(pending_id), choice
        )
    except EngineError as exc:  # a button that does not fit its question: nothing changes
        await query.answer(shorten(str(exc), ANSWER_LIMIT))
        return
    if outcome is None:
        await query.answer("Already answered")
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    await send_outcome(query.message, outcome, services)


# Ids beyond 15 digits are no ids of ours (and would overflow SQLite's integers).
HANDLERS = [
    CommandHandler("undo", undo_last),
    CallbackQueryHandler(on_button, pattern=r"^(undo|same|edit):\d{1,15}$"),
    CallbackQueryHandler(on_answer, pattern=r"^(pick|name):\d{1,15}:(\d{1,3}|new|x)$"),
]
