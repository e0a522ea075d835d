"""/status for the installation's admins: version, uptime, database, polling, jobs, backups."""

from __future__ import annotations

import datetime as dtm

from telegram import Update
from telegram.ext import CommandHandler, ContextTypes, filters

from bot.context import inbox_of, services_of
from bot.services.deliveries import KIND_NAMES as JOBS
from bot.services.status import Status

COMMANDS: list[tuple[str, str]] = []  # not in everyone's menu
NOT_ADMIN = "/status is for the admins of this Spotter installation."


def _span(seconds: float) -> str:
    """A span as a person says it: 40 s, 12 min, 5 h 3 min, 2 d 4 h."""
    minutes, hours, days = seconds / 60, seconds / 3600, seconds / 86400
    if seconds < 60:
        return f"{seconds:.0f} s"
    if minutes < 60:
        return f"{minutes:.0f} min"
    if hours < 24:
        return f"{int(hours)} h {int(minutes % 60)} min"
    return f"{int(days)} d {int(hours % 24)} h"


def _age(seconds: float | None) -> str:
    return "none yet" if seconds is None else f"{_span(seconds)} ago"


def render_status(status: Status, now: dtm.datetime) -> str:
    """The /status text."""
    size = status.database_bytes
    poll = status.last_poll_at
    runs = [
        f"  {name}: {when.astimezone(dtm.UTC):%Y-%m-%d %H:%M} UTC"
        for name, when in status.next_runs[:5]
    ]
    return "\n".join(
        [
            f"🩺 Spotter {status.version}, up {_span(status.uptime_s)}",
            f"Database: {'not a SQLite file' if size is None else f'{size / 1e6:.1f} MB'}",
            f"Users: {status.users}",
            f"Last poll: {_age(None if poll is None else (now - poll).total_seconds())}",
            f"Ollama: {status.ollama}",
            f"Newest backup: {_age(status.newest_backup_age_s)}",
            f"Memory: {status.memory_mb:.0f} MB",
            "Next scheduled:" if runs else "Next scheduled: nothing",
            *runs,
            "Next deliveries:" if status.deliveries else "Next deliveries: none",
            *(
                f"  {JOBS.get(u.kind, u.kind)}: {u.first.astimezone(dtm.UTC):%Y-%m-%d %H:%M} UTC"
                f", {u.count} in the next 24 h"
                for u in status.deliveries
            ),
        ]
    )


async def show_status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/status: the installation's health, for admins only."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    services = services_of(context)
    if not services.status.is_admin(user.id):
        await message.reply_text(NOT_ADMIN)
        return
    jobs = context.job_queue.jobs() if context.job_queue else ()
    runs = tuple(
        sorted(((j.name or "job", j.next_t) for j in jobs if j.next_t), key=lambda r: r[1])
    )
    box = inbox_of(context)
    status = await services.status.status(box.last_poll_at if box else None, runs)
    await message.reply_text(render_status(status, services.core.clock()))


HANDLERS = [CommandHandler("status", show_status, filters.ChatType.PRIVATE)]
