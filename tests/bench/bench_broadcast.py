"""A plan broadcast to a 200-athlete team through the real application and the fake Bot API,
with the bot's rate limiter on (30 messages a second in all, 20 a minute into one group) and
five 429 answers (retry after 1 s) injected on the way.

Figures: the time from /broadcast to the last athlete's private message and to the coach's
report; how many athletes got their week exactly once; athletes a 429 kept from their week
(left pending: target 0).
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import tempfile
import time
from collections import Counter
from pathlib import Path

from bot.app import build_application
from bot.services import build_services
from bot.services.broadcast import AthleteDay, AthleteExercise, GroupDay, GroupWeek
from bot.settings import Settings
from storage import coaching as repo
from storage import team_links
from storage import teams as team_repo
from storage.db import Database
from storage.migrate import upgrade
from storage.tables import User
from tests.conftest import running
from tests.faketg import FakeTelegram

ATHLETES = 200
COACH, GROUP = 1, -100
FAULTS = 5


class _Plans:
    async def group_week(self, coach_id: int, name: str, week_start: dtm.date) -> GroupWeek:
        day = GroupDay(0, "Heavy", ("Squat 5×5 @ 80 %", "Bench press 3×8 @ RPE 8"))
        return GroupWeek("Base", "Base", (day, GroupDay(3, "", ("Deadlift 3×3 @ 85 %",))))

    async def athlete_week(
        self, coach_id: int, name: str, week_start: dtm.date, athlete_id: int
    ) -> tuple[AthleteDay, ...]:
        load = 60 + athlete_id % 50
        squat = AthleteExercise("squat", 5, f"Squat 5 × 5 @ {load} kg", 5, float(load))
        return (AthleteDay(0, "Heavy", (squat,)), AthleteDay(3, "", (squat,)))


async def _seed(db: Database, now: dtm.datetime) -> None:
    async with db.write(now=now) as session:
        for uid in range(COACH, ATHLETES + 2):
            role = "coach" if uid == COACH else "athlete"
            session.add(User(id=uid, first_name=f"A{uid}", timezone="Europe/Berlin", role=role,
                             awaiting=None, created_at=now))  # fmt: skip
        await session.flush()
        team = await team_repo.add_team(session, coach_id=COACH, name="Big", now=now)
        for uid in range(2, ATHLETES + 2):
            await team_repo.add_member(session, team_id=team.id or 0, user_id=uid, now=now)
        await team_links.link_chat(session, team_id=team.id or 0, chat_id=GROUP, title="Big",
                                   coach_id=COACH, now=now)  # fmt: skip


async def _measure(tmp: Path) -> dict[str, float]:
    url = f"sqlite+aiosqlite:///{tmp / 'broadcast.db'}"
    upgrade(url)
    now = dtm.datetime.now(dtm.UTC)
    with FakeTelegram() as tg:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_token=tg.token,
            telegram_api_url=tg.api_root,
            data_dir=tmp,
            database_url=url,
        )
        db = Database(url)
        await _seed(db, now)
        services = build_services(settings, db, lambda: dtm.datetime.now(dtm.UTC))
        services.broadcast.plans = _Plans()
        async with running(build_application(settings, services)):
            tg.fail_next("sendMessage", status=429, retry_after=1, count=FAULTS)
            start = time.perf_counter()
            tg.send_text(COACH, "/broadcast Base")
            await tg.await_for(COACH, predicate=lambda m: "📣" in (m.text or ""), timeout=120)
            report_s = time.perf_counter() - start
            outputs = [m for m in tg.outputs() if m.method == "sendMessage"]
            per_athlete = Counter(m.chat_id for m in outputs if "plan “Base”" in (m.text or ""))
            group_posts = sum(1 for m in outputs if m.chat_id == GROUP)
            async with db.read() as session:
                rows = await repo.recipients(session, 1)
        await db.dispose()
    return {
        "report_s": report_s,
        "once": sum(1 for n in per_athlete.values() if n == 1),
        "twice": sum(1 for n in per_athlete.values() if n > 1),
        "pending": sum(1 for r in rows if r.status != "sent"),
        "group": group_posts,
    }


def run() -> list[str]:
    """The figures of this bench."""
    with tempfile.TemporaryDirectory() as tmp:
        found = asyncio.run(_measure(Path(tmp)))
    return [
        f"broadcast to a {ATHLETES}-athlete team, rate limiter on, {FAULTS} 429s injected",
        f"  /broadcast to the coach's report, sent after the last athlete's message: "
        f"{found['report_s']:.1f} s",
        f"  athletes with their week exactly once: {found['once']:.0f}, "
        f"more than once: {found['twice']:.0f}",
        f"  athletes not reached (a 429 outlasting every wait): {found['pending']:.0f}",
        f"  group posts: {found['group']:.0f}",
    ]
