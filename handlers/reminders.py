"""/remind: the morning message's hour and days, rest-day note or silence, weekly summary, off.

Also: a user the bot could not reach (they had blocked it) is reachable again as soon as
they write, so scheduled messages resume.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, TypeHandler

from bot.context import services_of
from bot.services.reminders import CHECKINS, HOURS, RemindView
from engine.errors import EngineError
from handlers.keyboards import grid

COMMANDS = [("remind", "Morning message, days, weekly summary")]
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_HOURS = "|".join(map(str, HOURS))
CHECKIN_NAMES = {
    3: "sleep, soreness and energy",
    1: "one question (how do you feel)",
    0: "off",
}
CHECKIN_SHORT = {3: "3 questions", 1: "1 question", 0: "off"}


def _days(days: frozenset[int]) -> str:
    if len(days) == 7:
        return "every day"
    if days == frozenset(range(5)):
        return "Mon–Fri"
    return ", ".join(DAYS[d] for d in sorted(days)) or "no day"


def remind_text(view: RemindView) -> str:
    """What /remind shows."""
    morning = f"{view.hour:02d}:00, {_days(view.days)}" if view.morning else "off"
    rest = "a short note" if view.rest_note else "nothing"
    weekly = "Sunday 19:00" if view.weekly else "off"
    checkin = CHECKIN_NAMES[view.checkin]
    return (
        f"⏰ Reminders, your time ({view.timezone})\n"
        f"Morning session: {morning}\n"
        f"On rest days: {rest}\n"
        f"Weekly summary: {weekly}\n"
        f"Readiness check-in: {checkin}\n"
        "Deload reminder: 19:00 the evening before a deload week\n\n"
        "Tap to change. Days with a ✓ get the morning message."
    )


def remind_keyboard(view: RemindView) -> InlineKeyboardMarkup:
    """Hour, a toggle per weekday, rest-day note, weekly summary, on/off."""
    day = [
        InlineKeyboardButton(f"{n} ✓" if d in view.days else n, callback_data=f"remind:day:{d}")
        for d, n in enumerate(DAYS)
    ]
    rest = ("Rest days: note → silence", 0) if view.rest_note else ("Rest days: silence → note", 1)
    weekly = ("Weekly summary: turn off", 0) if view.weekly else ("Weekly summary: turn on", 1)
    switch = ("Morning message: off", 0) if view.morning else ("Morning message: on", 1)
    following = CHECKINS[(CHECKINS.index(view.checkin) + 1) % len(CHECKINS)]
    checkin = f"Check-in: {CHECKIN_SHORT[view.checkin]} → {CHECKIN_SHORT[following]}"
    rows = [
        [InlineKeyboardButton(f"Hour: {view.hour:02d}:00", callback_data="remind:hours")],
        day[:4],
        day[4:],
        [InlineKeyboardButton(rest[0], callback_data=f"remind:rest:{rest[1]}")],
        [InlineKeyboardButton(weekly[0], callback_data=f"remind:weekly:{weekly[1]}")],
        [InlineKeyboardButton(checkin, callback_data=f"remind:checkin:{following}")],
        [InlineKeyboardButton(switch[0], callback_data=f"remind:on:{switch[1]}")],
    ]
    return InlineKeyboardMarkup(rows)


async def show_reminders(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the reminder settings with buttons to change them."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    try:
        view = await services_of(context).reminders.view(user.id)
    except EngineError as exc:
        await message.reply_text(str(exc))
        return
    await message.reply_text(remind_text(view), reply_markup=remind_keyboard(view))


async def offer_hours(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The hours the morning message can come at."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    await query.edit_message_text(
        "Send the morning session at (your time):",
        reply_markup=grid([(f"{h:02d}:00", f"remind:hour:{h}") for h in HOURS], columns=3),
    )


async def change_reminder(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Apply one button and show the settings again."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    _, what, value = query.data.split(":")
    try:
        view = await services_of(context).reminders.change(
            update.update_id, query.from_user.id, what, int(value)
        )
    except EngineError as exc:
        await query.answer(str(exc))
        return
    await query.answer("Saved ✓")
    await query.edit_message_text(remind_text(view), reply_markup=remind_keyboard(view))


async def wrote_again(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Whoever writes can be sent scheduled messages again (they may have blocked the bot)."""
    user = update.effective_user
    if user is not None:
        await services_of(context).deliveries.returned(user.id)


# Before every other group (edits are -2, buttons' guard -1); it never stops the update.
HANDLERS = {
    -3: [TypeHandler(Update, wrote_again)],
    0: [
        CommandHandler("remind", show_reminders),
        CallbackQueryHandler(offer_hours, pattern=r"^remind:hours$"),
        CallbackQueryHandler(
            change_reminder,
            pattern=rf"^remind:(hour:({_HOURS})|day:[0-6]|rest:[01]|weekly:[01]|on:[01]|checkin:[310])$",
        ),
    ],
}
