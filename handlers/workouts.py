"""/start_workout, /done, /last, /history and /prs."""

from __future__ import annotations

import datetime as dtm
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import CommandHandler, ContextTypes

from bot.context import services_of
from bot.services.summary import ExerciseResult
from bot.services.voice_facts import summary_facts
from bot.services.workouts import WorkoutSummary
from handlers.limits import reply_in_parts
from handlers.programs import plan_progress
from handlers.render import describe_sets, heaviest_set, num, records_line

COMMANDS = [
    ("start_workout", "Start a new workout now"),
    ("done", "Finish the workout and see a summary"),
    ("last", "Last session of an exercise: /last bench"),
    ("history", "Your recent workouts"),
    ("prs", "Your personal records"),
]


def _day(when: dtm.datetime, tz: str) -> str:
    return when.astimezone(ZoneInfo(tz)).strftime("%a %d %b")


def _minutes(delta: dtm.timedelta) -> str:
    minutes = round(delta.total_seconds() / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def render_summary(summary: WorkoutSummary, title: str) -> str:
    """A workout summary: exercises, sets, tonnage, best e1RM, PRs, duration."""
    lines = [f"{title}{_day(summary.started_at, summary.timezone)}, {_minutes(summary.duration)}"]
    for line in summary.exercises:
        best = f" · e1RM {num(line.best_e1rm)} {summary.unit}" if line.best_e1rm else ""
        lines.append(f"• {line.exercise.capitalize()}: {describe_sets(line.sets)}{best}")
    sets = f"{summary.set_count} set{'s' if summary.set_count != 1 else ''}"
    lines.append(f"{sets} · {summary.tonnage:,.0f} {summary.unit} lifted")
    for exercise, record in summary.records:
        fake = ExerciseResult(exercise, (), 1, (record,), False, None)
        text = records_line(fake, summary.unit)
        if text:
            lines.append(f"{text} — {exercise}")
    return "\n".join(lines)


async def start_workout(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Begin a new workout now."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    await services_of(context).workouts.start(update.update_id, user.id)
    await message.reply_text("💪 New workout started. Log your first set whenever you're ready.")


async def finish_workout(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Close the workout and send its summary."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    services = services_of(context)
    summary = await services.workouts.finish(update.update_id, user.id)
    if summary is None:
        await message.reply_text("No workout in progress. Log a set to start one.")
    else:
        coached = services.voice.coach(summary_facts(summary))
        text = f"{render_summary(summary, '🏁 Workout done — ')}\n\n{coached.template}"
        sent = await reply_in_parts(message, text)
        services.voice.follow_up(coached, sent.text or "", sent.edit_text)
    progress = await plan_progress(services, user.id)
    if progress is not None:
        await reply_in_parts(message, progress)


async def last_session(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/last EXERCISE: the most recent session of one exercise."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    if not context.args:
        await message.reply_text("Which exercise? For example: /last bench")
        return
    services = services_of(context)
    exercise = await services.workouts.resolve_exercise(user.id, " ".join(context.args))
    found = await services.workouts.last_session(user.id, exercise)
    profile = await services.users.get(user.id)
    if found is None or profile is None:
        await message.reply_text(f"You haven't logged any {exercise} yet.")
        return
    when, line = found
    best = f"\nBest e1RM {num(line.best_e1rm)} {profile.units}" if line.best_e1rm else ""
    await reply_in_parts(
        message,
        f"{exercise.capitalize()} — {_day(when, profile.timezone)}\n"
        f"{describe_sets(line.sets)}{best}",
    )


async def show_history(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/history: the recent workouts."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    summaries = await services_of(context).workouts.history(user.id)
    if not summaries:
        await message.reply_text("No workouts yet. Log a set like “bench 60x8” to start.")
        return
    await reply_in_parts(message, "\n\n".join(render_summary(s, "🗓 ") for s in summaries))


async def show_records(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/prs: heaviest set and best e1RM per exercise."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    unit, tz, bests = await services_of(context).workouts.bests(user.id)
    if not bests:
        await message.reply_text("No records yet — log some sets first.")
        return
    lines = ["🏆 Personal records"]
    for best in bests[:15]:
        parts = []
        if best.heaviest is not None:
            parts.append(f"heaviest {heaviest_set(best.heaviest)}")
        if best.best_e1rm is not None and best.best_e1rm_at is not None:
            parts.append(f"e1RM {num(best.best_e1rm.e1rm)} {unit} ({_day(best.best_e1rm_at, tz)})")
        if parts:
            lines.append(f"• {best.exercise.capitalize()}: " + " · ".join(parts))
    await reply_in_parts(
        message, "\n".join(lines) if len(lines) > 1 else "No weighted records yet."
    )


HANDLERS = [
    CommandHandler("start_workout", start_workout),
    CommandHandler("done", finish_workout),
    CommandHandler("last", last_session),
    CommandHandler("history", show_history),
    CommandHandler("prs", show_records),
]
