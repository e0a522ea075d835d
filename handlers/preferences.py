"""/settings: show and change units, timezone, e1RM formula and the morning message hour."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes

from bot.context import services_of
from handlers.keyboards import grid, timezone_keyboard

COMMANDS = [("settings", "Units, timezone and preferences")]
FORMULAS = {
    "auto": "Auto (RPE chart when effort is logged)",
    "epley": "Epley",
    "brzycki": "Brzycki",
    "lombardi": "Lombardi",
    "oconner": "O'Conner",
    "rpe_chart": "RPE chart",
    "extended_epley": "Extended Epley",
}
MORNING_HOURS = range(5, 11)
# Only the choices offered are accepted; anything else is an old or forged button.
_FORMULAS = "|".join(FORMULAS)
_HOURS = "|".join(map(str, MORNING_HOURS))


async def show_settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the user's settings with buttons to change them."""
    message, tg_user = update.effective_message, update.effective_user
    if message is None or tg_user is None:
        return
    services = services_of(context)
    user = await services.users.get(tg_user.id)
    if user is None:
        await message.reply_text("Send /start first, so I can set you up.")
        return
    local = services.core.clock().astimezone(ZoneInfo(user.timezone))
    other = "lb" if user.units == "kg" else "kg"
    hour = await services.programs.morning_hour(tg_user.id)
    await message.reply_text(
        f"⚙️ Your settings\nUnits: {user.units}\n"
        f"Timezone: {user.timezone} (it's {local:%H:%M} there now)\n"
        f"e1RM formula: {FORMULAS.get(user.e1rm_formula, user.e1rm_formula)}\n"
        f"Morning message: {hour or 0:02d}:00",
        reply_markup=grid(
            [
                (f"Switch to {other}", f"units:{other}"),
                ("Change timezone", "settings:tz"),
                ("e1RM formula", "settings:formula"),
                ("Morning message hour", "settings:morning"),
            ]
        ),
    )


async def change_timezone(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer the timezone buttons and accept a typed one."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    await services_of(context).users.ask_timezone(
        update.update_id, query.from_user.id, change=True
    )
    await query.get_bot().send_message(
        query.from_user.id,
        "Tap your timezone or type your city (e.g. Madrid).",
        reply_markup=timezone_keyboard(),
    )


async def offer_choices(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The choices for the e1RM formula or the morning message hour."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    await query.answer()
    if query.data == "settings:formula":
        text, choices = (
            "Which e1RM formula for new sets?",
            [(v, f"formula:{k}") for k, v in FORMULAS.items()],
        )
    else:
        text, choices = (
            "Send the morning session at:",
            [(f"{h:02d}:00", f"morning:{h}") for h in MORNING_HOURS],
        )
    await query.get_bot().send_message(query.from_user.id, text, reply_markup=grid(choices))


async def apply_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Store the chosen e1RM formula or morning hour."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    kind, _, value = query.data.partition(":")
    programs = services_of(context).programs
    if kind == "formula":
        await programs.set_formula(update.update_id, query.from_user.id, value)
        text = f"e1RM formula: {FORMULAS.get(value, value)} ✓ (used for sets you log from now on)"
    else:
        await programs.set_morning_hour(update.update_id, query.from_user.id, int(value))
        text = f"Morning message: {int(value):02d}:00 your time ✓"
    await query.answer()
    await query.edit_message_text(text)


HANDLERS = [
    CommandHandler("settings", show_settings),
    CallbackQueryHandler(change_timezone, pattern=r"^settings:tz$"),
    CallbackQueryHandler(offer_choices, pattern=r"^settings:(formula|morning)$"),
    CallbackQueryHandler(apply_choice, pattern=rf"^(formula:({_FORMULAS})|morning:({_HOURS}))$"),
]
