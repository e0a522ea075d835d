"""Send each athlete today's session at their morning hour, once, whatever restarts happen.

Runs every minute. The service claims a delivery (a row unique per user and local date)
before anything is sent; a transient failure (network, 5xx, flood wait) releases the claim
so the next run retries within the user's window, while a blocked bot or a refused message
keeps it, so nobody is sent the same morning twice.
"""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes

from bot.context import services_of
from bot.services import Services

log = logging.getLogger(__name__)

INTERVAL_S = 60.0
FIRST_RUN_S = 10.0  # soon after start, once polling is up


async def send_due_mornings(bot: Bot, services: Services) -> int:
    """Send every due morning message; returns how many were sent."""
    morning = services.programs.morning
    sent = 0
    for message in await morning.claim_due():
        if message.text is None:  # a rest day: claimed, nothing to say
            continue
        try:
            await bot.send_message(message.user_id, message.text)
        except Forbidden as exc:
            log.info("morning message not sent, bot blocked user_id=%s: %s", message.user_id, exc)
        except BadRequest as exc:
            log.warning("morning message refused user_id=%s: %s", message.user_id, exc)
        except (NetworkError, RetryAfter) as exc:
            log.warning("morning message will be retried user_id=%s: %s", message.user_id, exc)
            await morning.release(message)
        except TelegramError as exc:
            log.warning("morning message failed user_id=%s: %s", message.user_id, exc)
        else:
            sent += 1
    if sent:
        log.info("morning messages sent count=%d", sent)
    return sent


async def _run(context: ContextTypes.DEFAULT_TYPE) -> None:
    await send_due_mornings(context.bot, services_of(context))


def schedule(application: Application) -> None:
    """Run the morning job every minute on the application's job queue."""
    if application.job_queue is None:
        log.warning("no job queue (install python-telegram-bot[job-queue]); no morning messages")
        return
    application.job_queue.run_repeating(
        _run, interval=INTERVAL_S, first=FIRST_RUN_S, name="morning"
    )
