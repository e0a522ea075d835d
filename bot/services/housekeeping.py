"""Housekeeping: the nightly backup when the systemd timer is not used, and stale data out.

Run by the same per-minute job as every scheduled message (jobs/housekeeping.py); each piece
decides from the database or the disk whether it is due, so a restart neither repeats nor
loses it. The backup (SPOTTER_BACKUP_IN_BOT) is due after 03:30 in the installation's
timezone when no backup was made since (engine.schedule_due.backup_due): the files in
DATA_DIR/backups are its log. Once an hour, questions left unanswered for a week (their
buttons then answer that they no longer work), invites past their expiry or revoked, and
delivery claims older than five weeks (far outside every grace window) are deleted.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.services.core import Core
from engine.schedule_due import backup_due
from storage import housekeeping as repo
from storage.backup import backup_database, database_path

log = logging.getLogger(__name__)
PENDING_TTL = dtm.timedelta(days=7)
DELIVERY_KEEP = dtm.timedelta(days=35)
EXPIRY_EVERY = dtm.timedelta(hours=1)
BACKUPS_KEPT = 14  # as deploy/spotter-backup.service keeps


@dataclass(frozen=True, slots=True)
class Swept:
    """What one housekeeping run did."""

    backup: Path | None = None
    pending: int = 0
    invites: int = 0
    deliveries: int = 0


class HousekeepingService:
    """The nightly backup (when chosen) and the expiry of stale rows."""

    def __init__(self, core: Core) -> None:
        self._core = core
        self._expired_at: dtm.datetime | None = None

    @property
    def backups(self) -> Path:
        """Where backups go (the same folder as ``python -m bot backup``)."""
        return self._core.settings.data_dir / "backups"

    def newest_backup(self) -> dtm.datetime | None:
        """When the newest backup on disk was made (from its name), if any."""
        names = sorted(p.name for p in self.backups.glob("spotter-*.db"))
        if not names:
            return None
        try:
            made = dtm.datetime.strptime(f"{names[-1]}+0000", "spotter-%Y%m%d-%H%M%S.db%z")
        except ValueError:
            return None
        return made

    async def run(self) -> Swept:
        """Whatever is due now."""
        now = self._core.clock()
        made = await self._backup(now)
        if self._expired_at is not None and now - self._expired_at < EXPIRY_EVERY:
            return Swept(made)
        self._expired_at = now
        async with self._core.db.write(now=now) as session:
            pending = await repo.expire_pending(session, now - PENDING_TTL)
            invites = await repo.expire_invites(session, now)
            old = await repo.prune_deliveries(session, (now - DELIVERY_KEEP).date())
        if pending or invites or old:
            log.info("housekeeping pending=%d invites=%d deliveries=%d", pending, invites, old)
        return Swept(made, pending, invites, old)

    async def _backup(self, now: dtm.datetime) -> Path | None:
        settings = self._core.settings
        if not settings.backup_in_bot:
            return None
        if not backup_due(now, ZoneInfo(settings.timezone), self.newest_backup()):
            return None
        try:
            database_path(settings.database_url)
        except ValueError:
            return None  # not a SQLite file: the database server's own backups apply
        made = await asyncio.to_thread(
            backup_database, settings.database_url, self.backups, now, BACKUPS_KEPT
        )
        log.info("backup made file=%s", made.name)
        return made
