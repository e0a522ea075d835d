"""/program (the questions), /today, /week, /stats, and the plan update after /done."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes

from bot.context import services_of
from bot.services import Services
from bot.services.bodyweight import scores_text
from bot.services.program_text import render_day, render_progress, render_stats, render_week
from bot.services.program_wizard import EXPIRED, WizardStep
from handlers.keyboards import grid
from handlers.limits import ANSWER_LIMIT, reply_in_parts, shorten

COMMANDS = [
    ("program", "Build a training program"),
    ("today", "Today's planned session"),
    ("week", "This week's planned sessions"),
    ("stats", "Strength by movement pattern"),
]


def _markup(step: WizardStep):
    return grid(list(step.buttons), columns=2) if step.buttons else None


async def start_program(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask the first /program question."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    step = await services_of(context).programs.wizard.begin(update.update_id, user.id)
    await reply_in_parts(message, step.text, reply_markup=_markup(step))


async def answer_program(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A tapped answer: show the next question, a problem to fix, or the built program."""
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    _prefix, wizard_id, field, value = query.data.split(":", 3)
    wizard = services_of(context).programs.wizard
    step = await wizard.answer(update.update_id, query.from_user.id, int(wizard_id), field, value)
    if step is None or step.text == EXPIRED:  # a double tap, or an old or forged button
        await query.answer("Already answered" if step is None else shorten(EXPIRED, ANSWER_LIMIT))
        return
    await query.answer()
    await query.edit_message_text(shorten(step.text), reply_markup=_markup(step))
    if step.overview is not None:
        await reply_in_parts(query.message, step.overview)


async def show_today(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/today: today's planned session, or the next one on a rest day."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    view = await services_of(context).programs.today(user.id)
    await reply_in_parts(message, render_day(view))


async def show_week(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/week: this program week's sessions, compact."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    view = await services_of(context).programs.week(user.id)
    await reply_in_parts(message, render_week(view))


async def show_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats: Pattern Strength Index per movement pattern."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    services = services_of(context)
    view = await services.programs.stats(user.id)
    profile = await services.core.profile(user.id)
    scores, missing = await services.bodyweight.scores(user.id)
    unit = "lb" if profile is not None and profile.units == "lb" else "kg"
    text = render_stats(view) + "\n\n" + scores_text(scores, missing, unit)
    await reply_in_parts(message, text)


async def plan_progress(services: Services, user_id: int) -> str | None:
    """What finishing a session changed in the athlete's plan (None without a program)."""
    profile = await services.users.get(user_id)
    if profile is None or await services.programs.active(user_id) is None:
        return None
    return render_progress(await services.programs.after_session(user_id), profile.units)


HANDLERS = [
    CommandHandler("program", start_program),
    CommandHandler("today", show_today),
    CommandHandler("week", show_week),
    CommandHandler("stats", show_stats),
    CallbackQueryHandler(answer_program, pattern=r"^prog:\d{1,15}:\w{1,20}:[\w-]{1,30}$"),
]
