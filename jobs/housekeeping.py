"""Housekeeping on the same job queue as the scheduled messages: a pass every minute that
makes the nightly backup when it is due and clears stale rows once an hour
(bot.services.housekeeping decides what is due from the disk and the database)."""

from __future__ import annotations

import logging

from telegram.ext import Application, ContextTypes

from bot.context import services_of
from jobs.deliveries import FIRST_RUN_S, INTERVAL_S

log = logging.getLogger(__name__)
NAME = "housekeeping"


async def _run(context: ContextTypes.DEFAULT_TYPE) -> None:
    try:
        await services_of(context).housekeeping.run()
    except Exception:  # a failed backup must not stop the job: the next minute tries again
        log.exception("housekeeping failed")


def schedule(application: Application) -> None:
    """Run housekeeping every minute."""
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            _run, interval=INTERVAL_S, first=FIRST_RUN_S + 1, name=NAME
        )
