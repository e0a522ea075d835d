"""Compliance for a 200-athlete team over 90 days: the engine alone, and /team report end to
end in the service (reading every athlete's coached sessions and sets from SQLite).

Each athlete has a coached session on three days a week (4 exercises × 3 sets) and logs
most of it: about 39 sessions, 470 prescribed sets and 420 logged sets each.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import tempfile
from pathlib import Path

from bot.services import build_services
from bot.settings import Settings
from engine.compliance import Done, Prescribed, compliance
from storage import teams as team_repo
from storage.db import Database
from storage.migrate import upgrade
from storage.tables import Broadcast, CoachSession, LogEntry, SetLog, User, Workout
from tests.bench.harness import time_async_calls, time_calls

ATHLETES = 200
DAYS = 90
COACH = 1
NOW = dtm.datetime(2026, 11, 16, 19, 0, tzinfo=dtm.UTC)
TODAY = NOW.date()
EXERCISES = ("squat", "bench press", "barbell row", "romanian deadlift")


def _days() -> list[dtm.date]:
    return [TODAY - dtm.timedelta(days=n) for n in range(DAYS) if n % 7 in (0, 2, 4)]


def _logged(athlete: int, day: dtm.date, index: int) -> bool:
    return (athlete + day.toordinal() + index) % 9 != 0  # about 89 % of sets done


def _engine_case() -> tuple[list[list[Prescribed]], list[list[Done]]]:
    plans, dones = [], []
    for athlete in range(ATHLETES):
        plan = [Prescribed(d, e, 3, 5, 100.0, 2) for d in _days() for e in EXERCISES]
        done = [
            Done(d, e, 5, 100.0, 2)
            for d in _days()
            for i, e in enumerate(EXERCISES)
            for s in range(3)
            if _logged(athlete, d, 3 * i + s)
        ]
        plans.append(plan)
        dones.append(done)
    return plans, dones


async def _seed(db: Database) -> None:
    async with db.write(now=NOW) as session:
        session.add(User(id=COACH, first_name="Cora", units="kg", timezone="Europe/Berlin",
                         role="coach", created_at=NOW))  # fmt: skip
        ids = [1000 + a for a in range(ATHLETES)]
        for uid in ids:
            session.add(User(id=uid, first_name=f"A{uid}", units="kg", timezone="Europe/Berlin",
                             created_at=NOW))  # fmt: skip
        await session.flush()
        team = await team_repo.add_team(session, coach_id=COACH, name="Big", now=NOW)
        cast = Broadcast(team_id=team.id or 0, plan_name="P", week_start=TODAY, coach_id=COACH,
                         created_at=NOW)  # fmt: skip
        session.add(cast)
        await session.flush()
        plan = json.dumps([{"exercise": e, "sets": 3, "reps": 5, "load_kg": 100.0, "rir": 2}
                           for e in EXERCISES])  # fmt: skip
        for a, uid in enumerate(ids):
            await team_repo.add_member(session, team_id=team.id or 0, user_id=uid, now=NOW)
            for day in _days():
                at = dtm.datetime.combine(day, dtm.time(17), tzinfo=dtm.UTC)
                session.add(CoachSession(broadcast_id=cast.id or 0, user_id=uid, local_date=day,
                                         title="Day", exercises=plan, created_at=NOW))  # fmt: skip
                workout = Workout(user_id=uid, started_at=at, last_set_at=at, closed_at=at)
                session.add(workout)
                await session.flush()
                entry = LogEntry(user_id=uid, workout_id=workout.id or 0, raw_text="bench",
                                 created_at=at)  # fmt: skip
                session.add(entry)
                await session.flush()
                rows = [
                    SetLog(entry_id=entry.id or 0, user_id=uid, workout_id=workout.id or 0,
                           exercise=name, weight_kg=100.0, reps=5, rir=2, performed_at=at)
                    for i, name in enumerate(EXERCISES)
                    for s in range(3)
                    if _logged(a, day, 3 * i + s)
                ]  # fmt: skip
                session.add_all(rows)


async def _service_timing() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        settings = Settings(_env_file=None, telegram_token="0:bench", data_dir=Path(tmp),  # type: ignore[call-arg]
                            database_url=url)  # fmt: skip
        db = Database(url)
        try:
            await _seed(db)
            services = build_services(settings, db, lambda: NOW)
            report = await time_async_calls(
                "/team report (200 athletes)",
                lambda: services.coaching.report(COACH, "Big"),
                repeat=3,
                warmup=1,
            )
            (found,) = await services.coaching.report(COACH, "Big")
            figure = found.athletes[0].compliance.window(90).percent
        finally:
            await db.dispose()
    return [
        f"  service, SQLite: median {report.median_ms:8.1f} ms  p95 {report.p95_ms:8.1f} ms"
        f"  (first athlete 90 d: {figure:.0f} %)"
    ]


def run() -> list[str]:
    """The figures of this bench."""
    plans, dones = _engine_case()

    def everyone() -> None:
        for plan, done in zip(plans, dones, strict=True):
            compliance(plan, done, TODAY)

    engine = time_calls("engine", everyone, repeat=5)
    sets = sum(len(p) * 3 for p in plans[:1])
    lines = [
        f"compliance of {ATHLETES} athletes over {DAYS} days ({sets} prescribed sets each)",
        f"  engine only:     median {engine.median_ms:8.1f} ms  p95 {engine.p95_ms:8.1f} ms",
    ]
    lines.extend(asyncio.run(_service_timing()))
    return lines
