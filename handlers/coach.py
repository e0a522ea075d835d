"""/coach: ask the admins for coach rights; their Approve / Refuse buttons."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes

from bot.context import services_of
from bot.services.access import NotAllowedError
from handlers.keyboards import grid

log = logging.getLogger(__name__)
COMMANDS = [("coach", "Ask to become a coach")]

ASKED = "I've asked the admins to make you a coach. I'll tell you here when they decide."
NOT_REACHED = (
    "I couldn't reach an admin: they need to open a private chat with me first. "
    "Try /coach again later."
)
NOW_COACH = "/team new NAME creates a team and gives you its invite link."
ANSWERS = {
    "admin": f"You're an admin here, so you're a coach already. {NOW_COACH}",
    "coach": f"You're a coach already. {NOW_COACH}",
    "no-admins": (
        "No admin is set up on this Spotter yet. Its owner becomes admin (and coach) by "
        "putting their Telegram id in SPOTTER_ADMIN_IDS and restarting the bot."
    ),
}
ASK_ADMIN = (
    "🧑‍🏫 {name} asks to become a coach. A coach creates teams and sees the training log "
    "of each athlete who joins one."
)
DECIDED = {
    "approved": "✅ {name} is a coach now.",
    "refused": "✖ Refused: {name} stays an athlete.",
    "already-coach": "{name} is a coach already.",
    "no-request": "{name} has no open coach request any more.",
}
TOLD = {
    "approved": f"✅ You're a coach now. {NOW_COACH}",
    "refused": "Your request to become a coach was not approved.",
}


async def ask_coach(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Record the request and put it to every admin, with buttons."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    request = await services_of(context).roles.request_coach(update.update_id, user.id)
    if request.outcome != "asked":
        await message.reply_text(ANSWERS[request.outcome])
        return
    name = f"{user.first_name} (@{user.username})" if user.username else user.first_name
    buttons = grid([("✅ Approve", f"coach:yes:{user.id}"), ("✖ Refuse", f"coach:no:{user.id}")])
    reached = 0
    for admin_id in request.admins:
        try:
            await context.bot.send_message(
                admin_id, ASK_ADMIN.format(name=name), reply_markup=buttons
            )
            reached += 1
        except (Forbidden, BadRequest) as exc:  # never opened a chat with the bot
            log.info("admin not reachable admin_id=%s: %s", admin_id, exc)
    await message.reply_text(ASKED if reached else NOT_REACHED)


async def decide_coach(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An admin's Approve or Refuse; anyone else's tap is refused and changes nothing."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    _, verdict, candidate = query.data.split(":")
    try:
        decision = await services_of(context).roles.decide(
            update.update_id, query.from_user.id, int(candidate), verdict == "yes"
        )
    except NotAllowedError as exc:
        await query.answer(str(exc))
        return
    await query.answer()
    await query.edit_message_text(DECIDED[decision.outcome].format(name=decision.name))
    if decision.outcome in TOLD:
        await context.bot.send_message(decision.candidate_id, TOLD[decision.outcome])


HANDLERS = [
    CommandHandler("coach", ask_coach),
    CallbackQueryHandler(decide_coach, pattern=r"^coach:(yes|no):\d{1,19}$"),
]
