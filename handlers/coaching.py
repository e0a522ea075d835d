"""What the coach sees: /team notify, /team report with the adherence chart, an athlete's
chart (/chart e1rm squat for Anna, or buttons), and the notice when an athlete finishes;
what the athlete sees of the coach's plan: /today and /week show a coached session planned
against done (ahead of the program's /today and /week, which answer on other days).

/team report and /team notify are answered here, ahead of /team's own handler (group -1,
which then stops), so the teams module stays as it is. The notice on /done needs to know
that the /done finished a workout: a look before the workouts handler runs (group -2)
marks the update, and the notice goes out after it (group 1).
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.context import services_of
from bot.services.access import NOT_YOURS_TO_SEE
from bot.services.coaching import MODES, CoachedDay, report_text
from engine.errors import EngineError
from handlers.charts import KINDS
from handlers.limits import CAPTION_LIMIT, reply_in_parts, shorten

log = logging.getLogger(__name__)

COMMANDS: list[tuple[str, str]] = []  # /team's own entry lists the command
FINISHING_KEY = "coaching:finishing"  # update ids of /done messages that finish a workout
TEAM_VERB = re.compile(r"^/team(?:@\w+)?\s+(report|notify)\b\s*(.*)$", re.IGNORECASE | re.DOTALL)
CHART_FOR = re.compile(r"^/chart(?:@\w+)?\s+(.*?)\s*\bfor\b\s*(.*)$", re.IGNORECASE | re.DOTALL)
CALLBACK = re.compile(r"^cc:(\d{1,19}):(e1rm|volume|load|zones|calendar):(.*)$")
NOTIFY_SET = {
    "each": "🔔 {team}: you'll hear of each finished workout.",
    "daily": "🗞 {team}: one digest a day at {hour:02d}:00 your time (who trained, who missed, "
    "who needs attention).",
    "off": "🔕 {team}: no workout notices.",
}


async def team_verb(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/team report [TEAM] and /team notify TEAM each|daily [HOUR]|off."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or message.text is None:
        return
    found = TEAM_VERB.match(message.text.strip())
    if found is None:
        return
    verb, rest = found.group(1).lower(), found.group(2).strip()
    services = services_of(context)
    try:
        if verb == "notify":
            setting = await services.coaching.set_notice(update.update_id, user.id, rest)
            text = NOTIFY_SET[setting.mode].format(team=setting.team, hour=setting.hour)
            await message.reply_text(text)
        else:
            await _report(message, context, user.id, rest or None)
    except EngineError as exc:
        await message.reply_text(str(exc))
    raise ApplicationHandlerStop


async def _report(
    message: Message, context: ContextTypes.DEFAULT_TYPE, coach_id: int, name: str | None
) -> None:
    services = services_of(context)
    reports = await services.coaching.report(coach_id, name)
    if not reports:
        await message.reply_text("You have no team yet. /team new NAME creates one.")
        return
    await reply_in_parts(message, "\n\n".join(report_text(r) for r in reports))
    if len(reports) == 1:
        await context.bot.send_chat_action(message.chat_id, ChatAction.UPLOAD_PHOTO)
        try:
            chart = await services.coaching.adherence_chart(coach_id, reports[0].team)
        except EngineError as exc:  # nothing planned yet
            await message.reply_text(str(exc))
            return
        await message.reply_photo(chart.png, caption=shorten(chart.caption, CAPTION_LIMIT),
                                  filename="spotter-adherence.png")  # fmt: skip


def _callback(athlete_id: int, kind: str, args: str) -> str:
    data = f"cc:{athlete_id}:{kind}:"
    room = 64 - len(data.encode())
    arg = args.encode()[:room].decode(errors="ignore") if len(args.encode()) > room else args
    return data + arg


async def chart_for(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/chart KIND [ARGS] for NAME: an athlete's chart, for their coach; without a name, a
    button per athlete."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or message.text is None:
        return
    found = CHART_FOR.match(message.text.strip())
    if found is None:
        return
    words, name = found.group(1).split(), found.group(2).strip()
    kind = KINDS.get(words[0].lower()) if words else None
    args = " ".join(words[1:]) if kind else " ".join(words)
    kind = kind or "e1rm"
    services = services_of(context)
    try:
        if name:
            athlete = await services.coaching.athlete_named(user.id, name)
            await _send_chart(message, context, user.id, athlete, kind, args)
        else:
            await services.access.require_coach(user.id)
            athletes = await services.coaching.athletes(user.id)
            if not athletes:
                await message.reply_text("No athletes on your teams yet.")
            else:
                rows = [[InlineKeyboardButton(n, callback_data=_callback(a, kind, args))]
                        for a, n in athletes[:30]]  # fmt: skip
                await message.reply_text("Whose chart?", reply_markup=InlineKeyboardMarkup(rows))
    except EngineError as exc:
        await message.reply_text(str(exc))
    raise ApplicationHandlerStop


async def _send_chart(
    message: Message,
    context: ContextTypes.DEFAULT_TYPE,
    viewer: int,
    athlete: int,
    kind: str,
    args: str,
) -> None:
    await context.bot.send_chat_action(message.chat_id, ChatAction.UPLOAD_PHOTO)
    try:
        chart = await services_of(context).coaching.athlete_chart(viewer, athlete, kind, args)
    except EngineError as exc:  # not theirs to see, too little data, unknown lift
        await message.reply_text(str(exc))
        return
    await message.reply_photo(chart.png, caption=shorten(chart.caption, CAPTION_LIMIT),
                              filename=f"spotter-{kind}.png")  # fmt: skip


async def on_chart_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An athlete's chart button: checked against who tapped it, never trusted."""
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    found = CALLBACK.match(query.data)
    if found is None:
        await query.answer()
        raise ApplicationHandlerStop
    athlete, kind, args = int(found.group(1)), found.group(2), found.group(3)
    services = services_of(context)
    if not await services.access.can_view(query.from_user.id, athlete):
        await query.answer(NOT_YOURS_TO_SEE[:200], show_alert=True)
        raise ApplicationHandlerStop
    await query.answer()
    await _send_chart(query.message, context, query.from_user.id, athlete, kind, args)
    raise ApplicationHandlerStop


async def before_done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Before /done is handled: note whether it finishes a workout."""
    user = update.effective_user
    if user is not None and await services_of(context).coaching.finishing(user.id):
        context.bot_data.setdefault(FINISHING_KEY, set()).add(update.update_id)


async def after_done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After /done finished a workout: tell the coaches who want each one."""
    user = update.effective_user
    marks: set[int] = context.bot_data.get(FINISHING_KEY, set())
    if user is None or update.update_id not in marks:
        return
    marks.discard(update.update_id)
    for notice in await services_of(context).coaching.finished(user.id):
        try:
            await context.bot.send_message(notice.coach_id, notice.text)
        except (Forbidden, BadRequest) as exc:
            log.info("coach notice not sent coach_id=%s: %s", notice.coach_id, exc)
        except TelegramError as exc:
            log.warning("coach notice failed coach_id=%s: %s", notice.coach_id, exc)


def coached_text(today: dt.date, days: list[CoachedDay], heading: str) -> str:
    """Coached sessions, each planned exercise against the sets done of it."""
    lines = [heading]
    for day in days:
        when = "Today" if day.day == today else f"{day.day:%a %d %b}"
        lines.append("")
        lines.append(f"{when}" + (f" — {day.title}" if day.title else "") + " (your coach's plan)")
        for item in day.items:
            mark = "✅" if item.done >= item.sets else "▫️" if not item.done else "◐"
            lines.append(f"{mark} {item.text} — {item.done}/{item.sets} sets")
    lines.append("")
    lines.append("Log your sets as usual; /done when you finish.")
    return "\n".join(lines)


async def coached_today(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/today on a day with a coached session: it, planned against done; else /today as
    usual (the program's)."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    today, days = await services_of(context).coaching.coached_days(user.id)
    if not days:
        return
    await reply_in_parts(message, coached_text(today, days, f"📋 {today:%a %d %b}"))
    raise ApplicationHandlerStop


async def coached_week(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/week in a week with coached sessions: them, planned against done."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    coaching = services_of(context).coaching
    today, _ = await coaching.coached_days(user.id)
    monday = today - dt.timedelta(days=today.weekday())
    _, days = await coaching.coached_days(user.id, monday, monday + dt.timedelta(days=6))
    if not days:
        return
    await reply_in_parts(message, coached_text(today, days, f"🗓 Week of {monday:%a %d %b}"))
    raise ApplicationHandlerStop


PRIVATE = filters.ChatType.PRIVATE
HANDLERS = {
    -2: [
        CommandHandler("done", before_done, filters=PRIVATE),
        CommandHandler("today", coached_today, filters=PRIVATE),
        CommandHandler("week", coached_week, filters=PRIVATE),
    ],
    -1: [
        MessageHandler(PRIVATE & filters.Regex(TEAM_VERB), team_verb),
        MessageHandler(PRIVATE & filters.Regex(CHART_FOR), chart_for),
        CallbackQueryHandler(on_chart_button, pattern=r"^cc:"),
    ],
    1: [CommandHandler("done", after_done, filters=PRIVATE)],
}
__all__ = ["HANDLERS", "MODES"]
