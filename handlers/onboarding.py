"""/start and the two onboarding questions: units and timezone."""

from __future__ import annotations

import datetime as dtm
import re
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes

from bot.context import services_of
from bot.services import UserView
from bot.services.users import UNITS
from bot.timezones import COMMON
from handlers.keyboards import timezone_keyboard, units_keyboard

COMMANDS = [("start", "Set up Spotter")]

WELCOME = (
    "👋 Hi {name}, I'm Spotter, your training coach.\n\n"
    "Tell me what you did the way you'd write it in a notebook — “bench 80x5 rir2”, "
    "“squat 3x5 @ 100kg”, “pullups bw+10 x6” — and I'll log it, work out your e1RM and PRs, "
    "and tell you what to do next.\n\nTwo quick questions first. Which units do you use?"
)
WELCOME_BACK = (
    "Welcome back, {name}! You're set up with {units} and {tz}.\n"
    "Log a set any time, or use /settings to change things."
)
ASK_TIMEZONE = (
    "Which timezone are you in? Tap one, or type your city (e.g. Madrid, Toronto) "
    "or an IANA name like Asia/Singapore. I use it for {uses}."
)
# What the timezone is for, by the name of the scheduled job that needs it: the question
# promises only what is running.
TIMEZONE_USES = {"morning": "your morning session", "weekly summary": "your weekly summary"}


def ask_timezone(context: ContextTypes.DEFAULT_TYPE) -> str:
    """The timezone question, naming what the timezone is used for."""
    queue = context.job_queue
    running = {job.name for job in queue.jobs()} if queue is not None else set()
    uses = ["your training days", *(u for n, u in TIMEZONE_USES.items() if n in running)]
    *head, last = uses
    return ASK_TIMEZONE.format(uses=f"{', '.join(head)} and {last}" if head else last)


def all_set(user: UserView) -> str:
    """The message that closes onboarding."""
    return (
        f"All set ✅ Units: {user.units}. Timezone: {user.timezone}.\n\n"
        "Try logging a set now, e.g. “bench 60x8 rir2”. /help shows everything I can do."
    )


def timezone_set(user: UserView, onboarding: bool, now: dtm.datetime) -> str:
    """The reply to a stored timezone: the end of onboarding, or a confirmed change."""
    if onboarding:
        return all_set(user)
    local = now.astimezone(ZoneInfo(user.timezone))
    return f"Timezone: {user.timezone} ✓ (it's {local:%H:%M} there now)"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the user and start (or resume) onboarding."""
    message, tg_user = update.effective_message, update.effective_user
    if message is None or tg_user is None:
        return
    if message.chat.type != ChatType.PRIVATE:
        await message.reply_text("Hi! Message me privately to set up your training log.")
        return
    user = await services_of(context).users.start(
        update.update_id, tg_user.id, tg_user.first_name, tg_user.username
    )
    if user.awaiting == "units":
        await message.reply_text(
            WELCOME.format(name=user.first_name), reply_markup=units_keyboard()
        )
    elif user.awaiting == "timezone":
        await message.reply_text(ask_timezone(context), reply_markup=timezone_keyboard())
    else:
        await message.reply_text(
            WELCOME_BACK.format(name=user.first_name, units=user.units, tz=user.timezone)
        )


async def choose_units(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Store the tapped unit; during onboarding, ask for the timezone next."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer()
    units = query.data.removeprefix("units:")
    user = await services_of(context).users.set_units(update.update_id, query.from_user.id, units)
    await query.edit_message_reply_markup(None)
    if user.awaiting == "timezone":
        await query.get_bot().send_message(
            query.from_user.id,
            f"Units: {user.units} ✓\n\n{ask_timezone(context)}",
            reply_markup=timezone_keyboard(),
        )
    else:
        await query.get_bot().send_message(query.from_user.id, f"Units: {user.units} ✓")


async def choose_timezone(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Store the tapped timezone, or ask the user to type one."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer()
    choice = query.data.removeprefix("tz:")
    services = services_of(context)
    if choice == "other":
        await services.users.ask_timezone(update.update_id, query.from_user.id)
        await query.get_bot().send_message(query.from_user.id, ask_timezone(context))
        return
    before = await services.users.get(query.from_user.id)
    user = await services.users.set_timezone(update.update_id, query.from_user.id, choice)
    await query.edit_message_reply_markup(None)
    onboarding = before is not None and before.awaiting == "timezone"
    await query.get_bot().send_message(
        query.from_user.id, timezone_set(user, onboarding, services.core.clock())
    )


HANDLERS = [
    CommandHandler("start", start),
    CallbackQueryHandler(choose_units, pattern=rf"^units:({'|'.join(UNITS)})$"),
    CallbackQueryHandler(
        choose_timezone, pattern=rf"^tz:({'|'.join(map(re.escape, ('other', *COMMON)))})$"
    ),
]
