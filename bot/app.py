"""Build the PTB Application: handlers, error handler, command menu, lifecycle hooks."""

from __future__ import annotations

import datetime as dtm
import gc
import logging

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackContext,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot.context import INBOX_KEY, SERVICES_KEY
from bot.inbox import Inbox, InboxRequest
from bot.ordering import PerChatUpdateProcessor
from bot.sending import RetryingRequest
from bot.services import Services
from bot.settings import Settings
from bot.workers import warm_up
from handlers import (
    admin,
    bodyweight,
    broadcast,
    buttons,
    charts,
    coach,
    coaching,
    errors,
    groups,
    guide,
    logbook,
    morning,
    onboarding,
    preferences,
    profile,
    programs,
    reminders,
    text,
    uploads,
    workouts,
)
from jobs import deliveries, housekeeping

log = logging.getLogger(__name__)

# Order matters: commands and buttons first, the catch-all text router last.
FEATURES = (
    groups,
    onboarding,
    guide,
    preferences,
    reminders,
    morning,
    logbook,
    workouts,
    charts,
    programs,
    uploads,
    bodyweight,
    profile,
    admin,
    coach,
    coaching,
    broadcast,
    text,
    buttons,
)
ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]


def command_menu() -> list[BotCommand]:
    """The commands shown in Telegram's menu, from every feature module."""
    return [
        BotCommand(name, description)
        for feature in FEATURES
        for name, description in getattr(feature, "COMMANDS", [])
    ]


# Handled updates are kept a week (a copy Telegram delivers again is recognised meanwhile).
INBOX_KEEP = dtm.timedelta(days=7)
INBOX_PRUNE_EVERY = dtm.timedelta(hours=6)


async def _prune_inbox(context: CallbackContext) -> None:
    box: Inbox = context.job.data
    services: Services = context.application.bot_data[SERVICES_KEY]
    removed = await box.prune(services.core.clock() - INBOX_KEEP)
    log.info("inbox housekeeping removed=%d", removed)


class SpotterApplication(Application):
    """PTB's Application; on stop, updates still waiting their turn are left to the inbox."""

    async def stop(self) -> None:
        processor = self.update_processor
        if isinstance(processor, PerChatUpdateProcessor):
            processor.stop_waiting()
        await super().stop()


async def _post_init(application: Application) -> None:
    await application.bot.set_my_commands(command_menu())
    processor = application.update_processor
    if isinstance(processor, PerChatUpdateProcessor) and processor.inbox is not None:
        # What a crash left unhandled goes first, ahead of anything polled from now on.
        await processor.inbox.replay(application)
        application.job_queue.run_repeating(
            _prune_inbox, interval=INBOX_PRUNE_EVERY, first=dtm.timedelta(minutes=1),
            data=processor.inbox, name="inbox housekeeping",
        )  # fmt: skip
    deliveries.schedule(application)  # morning, deload reminder, weekly summary
    housekeeping.schedule(application)  # nightly backup (when chosen), expiry
    services: Services = application.bot_data[SERVICES_KEY]
    services.voice.start()  # loads the Ollama model in the background when it is there
    if services.core.workers is not None:
        # Start a worker now, so the first chart or upload does not wait for it to boot.
        services.core.workers.submit(warm_up)
    # What is loaded by now lives as long as the process: spare it the collector's passes.
    gc.collect()
    gc.freeze()
    log.info("bot started username=%s", application.bot.username)


async def _post_shutdown(application: Application) -> None:
    services: Services = application.bot_data[SERVICES_KEY]
    await services.voice.close()
    await services.core.db.dispose()
    if services.core.workers is not None:
        services.core.workers.shutdown(wait=True, cancel_futures=True)


def build_application(
    settings: Settings,
    services: Services,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    processor: BaseUpdateProcessor | None = None,
) -> Application:
    """Wire everything together; never starts polling (tests drive it directly).

    With the default processor, every update goes through the durable inbox (bot.inbox).
    """
    if processor is None:
        box = Inbox(services.core.db, services.core.clock)
        processor = PerChatUpdateProcessor(inbox=box)
        updates_request = InboxRequest(
            RetryingRequest(updates_request or HTTPXRequest(connection_pool_size=1)), box
        )
    builder = (
        ApplicationBuilder()
        .application_class(SpotterApplication)
        .token(settings.token or "0:demo")
        .base_url(settings.bot_base_url)
        .base_file_url(settings.bot_file_url)
        .concurrent_updates(processor)
        # Keeps within Telegram's limits (about 30 messages/s, 20/min per group) and retries
        # a 429 after its retry_after, so a reply is delayed rather than lost.
        .rate_limiter(AIORateLimiter(max_retries=3))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    # Network faults on the way out are retried where that is safe (bot.sending).
    builder = builder.request(RetryingRequest(request or HTTPXRequest(connection_pool_size=256)))
    if updates_request is not None:
        builder = builder.get_updates_request(updates_request)
    application = builder.build()
    application.bot_data[SERVICES_KEY] = services
    if isinstance(processor, PerChatUpdateProcessor) and processor.inbox is not None:
        application.bot_data[INBOX_KEY] = processor.inbox
    for feature in FEATURES:
        application.add_handlers(feature.HANDLERS)
    application.add_error_handler(errors.on_error)
    return application
