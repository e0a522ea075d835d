"""Send every scheduled message that is due: morning session, deload reminder, weekly summary.

One mechanism for all of them: PTB's JobQueue (APScheduler underneath) runs a pass per kind
every minute, and each pass asks the database who is due (bot.services.deliveries). Nothing
is scheduled per user in APScheduler's memory, which a restart would lose: the database is
the source of truth, so a restart rebuilds everything from it, sends what was missed while
still inside its window (the first pass runs seconds after start-up), and never sends a
message twice, since each is claimed there before it goes out. A per-minute pass over the
users is cheap (one query and a pure check per user) and needs no rescheduling when a user
changes their timezone, hour or days.

Sends go through the application's bot, so Telegram's pace is kept by the rate limiter
(a 429's retry_after is waited out there). A transient failure (network, 5xx after the
retries, a flood wait outlasting them) releases the claim for the next pass; a refusal
keeps it: a blocked bot (403) also marks the user inactive until they write again.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes

from bot.context import services_of
from bot.inline import keyboard
from bot.services import Services
from bot.services.deliveries import KIND_NAMES, Outgoing
from bot.services.voice import Edit
from engine.schedule_due import MORNING

log = logging.getLogger(__name__)

INTERVAL_S = 60.0
# Below the limiter's 30 messages a second overall: the rest is kept for replies.
SCHEDULED_PER_S = 20.0
FIRST_RUN_S = 3.0  # soon after start-up, so a missed delivery still in its window goes out
# Job names by delivery kind: what /status lists and what onboarding promises.
JOBS = KIND_NAMES


def _voice_edit(bot: Bot, services: Services, out: Outgoing, message_id: int) -> Edit:
    """How the model's accepted sentence reaches the message: the morning message is drawn
    again as it stands (a readiness answer may have changed its loads), others edited."""

    async def edit(text: str) -> None:
        buttons = out.buttons
        if out.kind == MORNING and out.key is not None and out.coached is not None:
            shown = out.text or ""
            line = text[len(shown) - len(out.coached.template) :]
            card = await services.morning.with_line(out.user_id, out.key, line)
            if card is None:  # skipped or moved since: the message says so, leave it
                return
            text, buttons = card.text, card.buttons
        await bot.edit_message_text(
            text, chat_id=out.user_id, message_id=message_id, reply_markup=keyboard(buttons)
        )

    return edit


async def _send(bot: Bot, services: Services, out: Outgoing) -> None:
    sent = await bot.send_message(out.user_id, out.text or "", reply_markup=keyboard(out.buttons))
    if out.coached is not None:  # in the background: the pass never waits for the model
        edit = _voice_edit(bot, services, out, sent.message_id)
        services.voice.follow_up(out.coached, sent.text or out.text or "", edit)
    if out.photo is None:
        return
    try:  # the text went out: a failed chart must not send the text again
        await bot.send_photo(out.user_id, out.photo, caption=out.caption)
    except TelegramError as exc:
        log.warning("%s chart not sent user_id=%s: %s", out.kind, out.user_id, exc)


async def send_due(bot: Bot, services: Services, kind: str) -> int:
    """Send every due message of one kind, at most SCHEDULED_PER_S a second so the rate
    limiter always has room for replies to people writing meanwhile; returns how many."""
    deliveries, sent = services.deliveries, 0
    loop = asyncio.get_running_loop()
    started = loop.time()
    for number, due in enumerate(await deliveries.due(kind)):
        wait = started + number / SCHEDULED_PER_S - loop.time()
        if wait > 0:
            await asyncio.sleep(wait)
        user_id = due.recipient.user_id
        try:
            out = await deliveries.claim(kind, due)
        except Exception:  # one user's broken plan must not hold up everyone else's
            log.exception("%s message could not be prepared user_id=%s", kind, user_id)
            continue
        if out is None or out.text is None:  # claimed before, or nothing to say
            continue
        try:
            await _send(bot, services, out)
        except Forbidden as exc:
            log.info("%s message not sent, bot blocked user_id=%s: %s", kind, user_id, exc)
            await deliveries.refused(user_id)
        except BadRequest as exc:
            log.warning("%s message refused user_id=%s: %s", kind, user_id, exc)
        except (NetworkError, RetryAfter) as exc:
            log.warning("%s message will be retried user_id=%s: %s", kind, user_id, exc)
            await deliveries.release(out)
        except TelegramError as exc:
            log.warning("%s message failed user_id=%s: %s", kind, user_id, exc)
        else:
            sent += 1
    log.debug("deliveries pass kind=%s sent=%d", kind, sent)
    if sent:
        log.info("%s messages sent count=%d", kind, sent)
    return sent


async def _run(context: ContextTypes.DEFAULT_TYPE) -> None:
    kind = context.job.data if context.job is not None else None
    if isinstance(kind, str):
        await send_due(context.bot, services_of(context), kind)


def schedule(application: Application) -> None:
    """Run one pass per kind every minute on the application's job queue."""
    if application.job_queue is None:
        log.warning("no job queue (install python-telegram-bot[job-queue]); no reminders")
        return
    for kind, name in JOBS.items():
        application.job_queue.run_repeating(
            _run, interval=INTERVAL_S, first=FIRST_RUN_S, data=kind, name=name
        )
