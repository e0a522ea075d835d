"""What an admin's /status shows: the health of this installation at a glance."""

from __future__ import annotations

import datetime as dtm
import resource
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import httpx
from sqlalchemy import func, select

from bot.services.core import Core
from bot.services.deliveries import DeliveryService, Upcoming
from storage.backup import database_path
from storage.tables import User

STARTED_MONOTONIC = time.monotonic()


@dataclass(frozen=True, slots=True)
class Status:
    """Facts about the running bot; None where a fact cannot be known here."""

    version: str
    uptime_s: float
    database_bytes: int | None
    users: int
    last_poll_at: dtm.datetime | None
    next_runs: tuple[tuple[str, dtm.datetime], ...]
    ollama: str
    newest_backup_age_s: float | None
    memory_mb: float
    deliveries: tuple[Upcoming, ...] = ()  # the next scheduled messages per kind


def _version() -> str:
    try:
        return metadata.version("spotter")
    except metadata.PackageNotFoundError:
        return "unknown"


def _database_bytes(url: str) -> int | None:
    try:
        path = database_path(url)
    except ValueError:
        return None  # not a SQLite file
    files = (path, path.with_name(path.name + "-wal"))
    return sum(f.stat().st_size for f in files if f.exists())


def _newest_backup_age_s(folder: Path, now: dtm.datetime) -> float | None:
    backups = list(folder.glob("spotter-*.db")) if folder.is_dir() else []
    if not backups:
        return None
    return now.timestamp() - max(f.stat().st_mtime for f in backups)


def _memory_mb() -> float:
    """Resident memory now (Linux), else the peak the OS reports."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


class StatusService:
    """Gathers the facts of /status."""

    def __init__(self, core: Core, deliveries: DeliveryService | None = None) -> None:
        self._core = core
        self._deliveries = deliveries

    def is_admin(self, user_id: int) -> bool:
        """Whether this Telegram user administers the installation (SPOTTER_ADMIN_IDS)."""
        return user_id in self._core.settings.admin_ids

    async def ollama_state(self, timeout_s: float = 1.5) -> str:
        """'ready', 'model not pulled' or 'not reachable', asked with a short timeout."""
        settings = self._core.settings
        try:
            async with httpx.AsyncClient(timeout=timeout_s) as client:
                response = await client.get(f"{settings.ollama_host.rstrip('/')}/api/tags")
                response.raise_for_status()
                models = {m.get("model") or m.get("name") for m in response.json()["models"]}
        except (httpx.HTTPError, ValueError, KeyError):
            return "not reachable (replies use plain templates)"
        wanted = settings.ollama_model
        wanted = wanted if ":" in wanted else f"{wanted}:latest"
        return f"ready ({wanted})" if wanted in models else f"reachable, {wanted} not pulled"

    async def status(
        self,
        last_poll_at: dtm.datetime | None,
        next_runs: tuple[tuple[str, dtm.datetime], ...],
    ) -> Status:
        """Everything /status shows; the caller knows the application's own timings."""
        core = self._core
        async with core.db.read() as session:
            users = (await session.exec(select(func.count()).select_from(User))).one()[0]
        return Status(
            version=_version(),
            uptime_s=time.monotonic() - STARTED_MONOTONIC,
            database_bytes=_database_bytes(core.db.url),
            users=int(users),
            last_poll_at=last_poll_at,
            next_runs=next_runs,
            ollama=await self.ollama_state(),
            newest_backup_age_s=_newest_backup_age_s(
                core.settings.data_dir / "backups", core.clock()
            ),
            memory_mb=_memory_mb(),
            deliveries=tuple(await self._deliveries.upcoming()) if self._deliveries else (),
        )
