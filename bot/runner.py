"""Start the bot for real (long polling) or in a terminal demo chat."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from telegram.ext import Application, BaseUpdateProcessor
from telegram.request import BaseRequest

from bot.app import ALLOWED_UPDATES, build_application
from bot.demo import run_demo
from bot.logs import configure_logging
from bot.services import build_services
from bot.services.core import offset_clock
from bot.settings import Settings
from bot.workers import make_workers
from storage.db import Database
from storage.migrate import upgrade

log = logging.getLogger(__name__)


def use_uvloop() -> bool:
    """Run the bot's event loop on uvloop where it is installed (Linux and macOS).

    Between receiving an update and sending its reply, much of the bot's own time is event
    loop machinery (tasks, sockets, callbacks), which uvloop does in C.
    """
    try:
        import uvloop
    except ImportError:
        return False
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    return True


def run_bot(settings: Settings) -> int:
    """Migrate the database, then poll Telegram until SIGINT/SIGTERM."""
    configure_logging(settings.log_level, [settings.token])
    if not use_uvloop():
        log.info("uvloop not installed: running on the standard asyncio event loop")
    upgrade(settings.database_url)
    workers = make_workers(settings.workers)
    clock = offset_clock(settings.clock_offset_s)
    services = build_services(settings, Database(settings.database_url), clock, workers)
    application = build_application(settings, services)
    application.run_polling(allowed_updates=ALLOWED_UPDATES, close_loop=False)
    return 0


def run_demo_chat(settings: Settings, out_dir: Path) -> int:
    """Chat with the real application in this terminal."""
    configure_logging("WARNING", [settings.token])
    upgrade(settings.database_url)
    services = build_services(settings, Database(settings.database_url))

    def factory(request: BaseRequest, processor: BaseUpdateProcessor) -> Application:
        return build_application(
            settings, services, request=request, updates_request=request, processor=processor
        )

    return run_demo(factory, out_dir)
