"""Storing analysed activities directly, the way the FIT import does, for chart tests."""

from __future__ import annotations

import datetime as dtm
import json
from collections.abc import Sequence

from bot.services import Services
from storage import activities
from storage.tables import ActivityRow


async def add_activity(
    services: Services,
    user_id: int,
    start: dtm.datetime,
    load: float = 0.0,
    zones_s: Sequence[float] = (),
) -> None:
    """Store an analysed activity the way the FIT import does."""
    row = ActivityRow(
        user_id=user_id,
        sport="running",
        start_time=start,
        timer_s=1800,
        load=load,
        zone_times_s=json.dumps(list(zones_s)),
        created_at=start,
    )
    async with services.core.db.write(now=start) as session:
        await activities.add_activity(session, row)
