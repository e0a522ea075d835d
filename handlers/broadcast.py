"""/broadcast PLAN [TEAM] [from DATE] and the group post's "My loads" button.

Every private message goes through the application's bot, so the rate limiter keeps
Telegram's pace (30 a second in all, 20 a minute into one group) and waits out a 429's
retry_after; a flood wait outlasting its retries is waited out here a few times more, then
the athlete is left pending for the next /broadcast of the same week. Each athlete is
claimed in the database before their message goes out (bot.services.broadcast), so nobody
gets it twice.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import re

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    filters,
)

from bot.context import services_of
from bot.services.broadcast import BLOCKED, PENDING, SENT, UNOPENED, Prepared
from engine.errors import EngineError
from handlers.limits import reply_in_parts, shorten

log = logging.getLogger(__name__)

COMMANDS = [("broadcast", "Coaches: post a plan's week to a team: /broadcast PLAN [TEAM]")]
MY_LOADS = "💪 My loads"
TAP_BOT_FIRST = "Open a chat with me and press Start first, then tap My loads again."
_DATA = re.compile(r"^bl:(\d{1,12})$")
FLOOD_WAITS = 4  # flood waits honoured per athlete before they are left for the next run


def never_opened(exc: Forbidden) -> bool:
    """403 "bot can't initiate conversation with a user": they never opened a chat."""
    return "initiate" in exc.message.lower()


async def _deliver(bot: Bot, user_id: int, text: str) -> str:
    """Send one athlete's week; the recipient's new status."""
    for _ in range(FLOOD_WAITS):
        try:
            await bot.send_message(user_id, shorten(text, 4096))
        except RetryAfter as exc:  # a flood wait outlasting the limiter's retries: wait it out
            log.info("broadcast waits %s s for Telegram user_id=%s", exc.retry_after, user_id)
            await asyncio.sleep(_seconds(exc.retry_after))
            continue
        except Forbidden as exc:
            return UNOPENED if never_opened(exc) else BLOCKED
        except NetworkError as exc:  # after the request's own retries
            log.warning("broadcast message not sent yet user_id=%s: %s", user_id, exc)
            return PENDING
        except BadRequest as exc:
            log.warning("broadcast message refused user_id=%s: %s", user_id, exc)
            return BLOCKED
        return SENT
    return PENDING


def _seconds(wait: float | dtm.timedelta) -> float:
    return wait.total_seconds() if isinstance(wait, dtm.timedelta) else float(wait)


async def _post(bot: Bot, prepared: Prepared, text: str) -> tuple[int, int] | None:
    """Post in the group (following a supergroup's new id once); (chat, message) or None."""
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton(MY_LOADS, callback_data=f"bl:{prepared.broadcast_id}")]]
    )
    chat = prepared.chat_id
    for _ in range(2):
        if chat is None:
            return None
        try:
            sent = await bot.send_message(chat, shorten(text, 4096), reply_markup=markup)
        except ChatMigrated as exc:
            chat = exc.new_chat_id
            continue
        except TelegramError as exc:
            log.warning("broadcast group post failed chat_id=%s: %s", chat, exc)
            return None
        return chat, sent.message_id
    return None


def _report(prepared: Prepared, outcomes: dict[str, list[str]], group: str) -> str:
    sent = len(outcomes[SENT])
    lines = [
        f"📣 {prepared.team}: {sent} athlete{'s' if sent != 1 else ''} got their sessions. {group}"
    ]
    if prepared.repeated and not prepared.privates:
        lines = [f"📣 {prepared.team} had this week already: nobody is sent it twice. {group}"]
    if outcomes[UNOPENED]:
        lines.append(f"Never opened a chat with me: {', '.join(outcomes[UNOPENED])} "
                     "(the group post asks them to).")  # fmt: skip
    if outcomes[BLOCKED]:
        lines.append(f"Blocked me, skipped: {', '.join(outcomes[BLOCKED])}.")
    if outcomes[PENDING]:
        lines.append(f"Not reached yet: {', '.join(outcomes[PENDING])}. "
                     "The same /broadcast again sends to them only.")  # fmt: skip
    return "\n".join(lines)


async def broadcast(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/broadcast PLAN [TEAM] [from DATE] in a private chat."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    args = " ".join(context.args or ())
    report = await _run(context, update.update_id, user.id, args)
    await reply_in_parts(message, report)


async def broadcast_in_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/broadcast PLAN [from DATE] in a team's linked group: that team's broadcast. The group
    gets the post only; the coach's report goes to their private chat (a refusal is short
    and says nothing personal)."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        raise ApplicationHandlerStop
    service = services_of(context).broadcast
    try:
        args = await service.in_group(user.id, message.chat_id, " ".join(context.args or ()))
        report = await _run(context, update.update_id, user.id, args)
    except EngineError as exc:
        await message.reply_text(shorten(str(exc), 500))
        raise ApplicationHandlerStop from None
    try:
        await context.bot.send_message(user.id, shorten(report, 4096))
    except TelegramError as exc:
        log.info("broadcast report not sent privately coach_id=%s: %s", user.id, exc)
    raise ApplicationHandlerStop


async def _run(context: ContextTypes.DEFAULT_TYPE, update_id: int, user_id: int, args: str) -> str:
    service = services_of(context).broadcast
    prepared = await service.prepare(update_id, user_id, args)
    outcomes: dict[str, list[str]] = {SENT: [], UNOPENED: [], BLOCKED: [], PENDING: []}
    for private in prepared.privates:
        if not await service.claim(prepared.broadcast_id, private.user_id):
            continue
        status = await _deliver(context.bot, private.user_id, private.text)
        await service.outcome(prepared.broadcast_id, private.user_id, status)
        outcomes[status].append(private.name)
    group = "No group is linked: /team link NAME in the group."
    if prepared.chat_id is not None:
        group = "The group had the post already."
    if prepared.group_text is not None:
        text = await service.group_post(prepared.broadcast_id, outcomes[UNOPENED])
        posted = await _post(context.bot, prepared, text)
        if posted is None:
            group = "I could not post in the group (am I still in it?)."
        else:
            await service.posted(prepared.broadcast_id, posted[0], posted[1], text)
            group = "Posted in the group."
    return _report(prepared, outcomes, group)


async def my_loads(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The group post's button: the tapper's loads in an alert, the session privately."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    found = _DATA.match(query.data)
    if found is None:
        await query.answer()
        raise ApplicationHandlerStop
    loads = await services_of(context).broadcast.my_loads(int(found.group(1)), query.from_user.id)
    alert = loads.alert
    if loads.full is not None:
        try:
            await context.bot.send_message(loads.user_id, loads.full)
        except Forbidden:
            alert = TAP_BOT_FIRST
        except TelegramError as exc:
            log.warning("my loads not sent user_id=%s: %s", loads.user_id, exc)
    await query.answer(shorten(alert, 200), show_alert=True)
    raise ApplicationHandlerStop


# "My loads" sits under a group message: it runs ahead of the guard that refuses presses
# outside the presser's private chat (group -1), and checks the tapper itself.
# /broadcast in a group runs ahead of the rule that keeps personal commands out of groups.
HANDLERS = {
    -2: [
        CallbackQueryHandler(my_loads, pattern=r"^bl:"),
        CommandHandler("broadcast", broadcast_in_group, filters=~filters.ChatType.PRIVATE),
    ],
    0: [CommandHandler("broadcast", broadcast, filters=filters.ChatType.PRIVATE)],
}
