"""/chart and /calendar: progress charts sent as photos, and a menu of chart buttons."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatAction
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes

from bot.context import services_of
from engine.errors import EngineError
from handlers.keyboards import grid
from handlers.limits import CAPTION_LIMIT, shorten

COMMANDS = [
    ("chart", "Progress charts: /chart e1rm bench, volume, load, zones"),
    ("calendar", "Your training calendar for the last year"),
]
# What users may type after /chart, mapped to the chart it means.
KINDS = {
    "e1rm": "e1rm",
    "1rm": "e1rm",
    "strength": "e1rm",
    "volume": "volume",
    "sets": "volume",
    "load": "load",
    "fitness": "load",
    "zones": "zones",
    "hr": "zones",
    "calendar": "calendar",
}
MENU = [
    ("📈 e1RM", "chart:e1rm"),
    ("💪 Volume", "chart:volume"),
    ("🔋 Fitness & fatigue", "chart:load"),
    ("❤️ HR zones", "chart:zones"),
    ("🗓 Calendar", "chart:calendar"),
]
MENU_TEXT = (
    "📊 Which chart?\n"
    "• e1RM: your best estimated 1RM per day (/chart bench, or /chart bench vs squat)\n"
    "• Volume: hard sets per muscle per week, against the landmarks\n"
    "• Fitness & fatigue: training load over the last 90 days\n"
    "• HR zones: minutes per heart-rate zone per week\n"
    "• Calendar: a year of training days, streaks and score"
)


async def send_chart(
    message: Message, context: ContextTypes.DEFAULT_TYPE, user_id: int, kind: str, args: str = ""
) -> None:
    """Show 'sending a photo', render the chart, reply with it (or why there is none)."""
    await context.bot.send_chat_action(message.chat_id, ChatAction.UPLOAD_PHOTO)
    try:
        chart = await services_of(context).charts.render(user_id, kind, args)
    except EngineError as exc:  # too little data, unknown exercise, not started
        await message.reply_text(str(exc))
        return
    caption = shorten(chart.caption, CAPTION_LIMIT)
    await message.reply_photo(chart.png, caption=caption, filename=f"spotter-{kind}.png")


async def _chart_of(
    context: ContextTypes.DEFAULT_TYPE, user_id: int, args: list[str]
) -> tuple[str | None, str]:
    """The chart a /chart line asks for and its arguments; a lift alone means its e1RM."""
    if not args:
        return None, ""
    kind = KINDS.get(args[0].lower())
    if kind is not None:
        return kind, " ".join(args[1:])
    text = " ".join(args)  # "/chart bench vs squat", as the README writes it
    if await services_of(context).charts.names_lift(user_id, text):
        return "e1rm", text
    return None, ""


async def show_chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/chart KIND [ARGS] or /chart LIFT [vs LIFT]: one chart; else the menu."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    kind, args = await _chart_of(context, user.id, context.args or [])
    if kind is None:
        await message.reply_text(MENU_TEXT, reply_markup=grid(MENU))
        return
    await send_chart(message, context, user.id, kind, args)


async def show_calendar(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/calendar: the consistency heatmap of the last year."""
    message, user = update.effective_message, update.effective_user
    if message is not None and user is not None:
        await send_chart(message, context, user.id, "calendar")


async def on_menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A chart button: the chart of whoever pressed it."""
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    await query.answer()
    kind = query.data.removeprefix("chart:")
    await send_chart(query.message, context, query.from_user.id, kind)


HANDLERS = [
    CommandHandler("chart", show_chart),
    CommandHandler("calendar", show_calendar),
    CallbackQueryHandler(on_menu, pattern=r"^chart:(e1rm|volume|load|zones|calendar)$"),
]
