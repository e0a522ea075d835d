"""/broadcast PLAN [TEAM] [from DATE]: a plan's week posted to the team's group once, and each
athlete's own sessions with their own loads.

The group sees the plan as the coach wrote it (relative loads: %1RM, RPE, RIR), never an
athlete's numbers. Each athlete's sessions are stored on the plan's calendar days as local
days of the athlete's own timezone (coached sessions), and sent to their private chat once:
a recipient is claimed in the database (pending → sending) before their message goes out,
so a second /broadcast of the same week, a restart or a retry never sends it twice; it
resumes whoever is still pending. Telegram's refusals are recorded, never retried in a
loop: an athlete who never opened a chat with the bot is asked in the group post to tap the
bot first; one who blocked it is skipped and the coach is told.

Plans come from a ``PlanSource`` (the plan service): the week as the group reads it, and an
athlete's days with their loads resolved by the engine.
"""

from __future__ import annotations

import datetime as dtm
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services.access import Access, NotAllowedError
from bot.services.core import Core
from engine.errors import EngineError
from storage import coaching as repo
from storage import team_links, users
from storage import teams as team_repo
from storage.tables import Broadcast, BroadcastRecipient, CoachSession, Team

ALERT_LIMIT = 200
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
USAGE = "Send /broadcast PLAN [TEAM] [from DATE], e.g. /broadcast Base Squad from 2026-11-23"
NO_PLANS = "Plans come first: write one with /plan new NAME, then /broadcast it."
_FROM = re.compile(r"\s+from\s+(\S+)\s*$", re.IGNORECASE)
SENT, UNOPENED, BLOCKED, PENDING = "sent", "unopened", "blocked", "pending"


class BroadcastError(EngineError):
    """A /broadcast that cannot go out as asked; the message says why."""


@dataclass(frozen=True, slots=True)
class GroupDay:
    """One day of the plan as the group reads it: relative targets, no athlete's numbers."""

    offset: int  # days after the week's first day (0..6)
    title: str
    lines: tuple[str, ...]  # e.g. "Squat 5×5 @ 80 %"


@dataclass(frozen=True, slots=True)
class GroupWeek:
    """The plan's week for the group post."""

    plan: str  # the plan's name as stored
    title: str
    days: tuple[GroupDay, ...]


@dataclass(frozen=True, slots=True)
class AthleteExercise:
    """One exercise of an athlete's session, with their own load (``text`` in their unit)."""

    exercise: str
    sets: int
    text: str  # e.g. "Squat 5 × 5 @ 102.5 kg", or the cold-start instruction
    reps: int | None = None
    load_kg: float | None = None
    rir: float | None = None
    rpe: float | None = None
    short: str = ""  # a few characters for the 200-character alert, e.g. "Squat 5×5 102.5"


@dataclass(frozen=True, slots=True)
class AthleteDay:
    offset: int
    title: str
    exercises: tuple[AthleteExercise, ...]


class PlanSource(Protocol):
    """What broadcasting needs of the plans."""

    async def group_week(self, coach_id: int, name: str, week_start: dtm.date) -> GroupWeek:
        """The plan's week starting on a day; raises an EngineError for an unknown plan."""
        ...

    async def athlete_week(
        self, coach_id: int, name: str, week_start: dtm.date, athlete_id: int
    ) -> tuple[AthleteDay, ...]:
        """An athlete's days of that week with their loads resolved by the engine."""
        ...


@dataclass(frozen=True, slots=True)
class Private:
    """One athlete's message: their week with their loads."""

    user_id: int
    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Prepared:
    """A broadcast ready to go out: the group post (None when posted before) and the
    private messages still pending."""

    broadcast_id: int
    team: str
    coach_id: int
    chat_id: int | None  # the linked group, if any
    group_text: str | None
    privates: tuple[Private, ...]
    repeated: bool  # the same week was broadcast before: only the pending ones go out


@dataclass(frozen=True, slots=True)
class Loads:
    """What a "My loads" tap shows: an alert and the full session for the private chat."""

    alert: str
    full: str | None  # None: nothing personal to send (not on the team)
    user_id: int


def _week_start(text: str | None, today: dtm.date) -> dtm.date:
    """ "from DATE" (2026-11-23, 23.11., Mon, tomorrow) or the next Monday."""
    if text is None:
        return today + dtm.timedelta(days=7 - today.weekday())
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + dtm.timedelta(days=1)
    for index, name in enumerate(WEEKDAYS):
        if word[:3] == name.lower():
            return today + dtm.timedelta(days=(index - today.weekday()) % 7)
    try:
        found = dtm.date.fromisoformat(word)
    except ValueError:
        raise BroadcastError(f"I can't read the date “{text[:20]}”. {USAGE}") from None
    if found < today - dtm.timedelta(days=6):
        raise BroadcastError("That week is over: pick a date from this week on.")
    return found


def _day_label(day: dtm.date, title: str) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day:%d %b}" + (f" — {title}" if title else "")


def group_text(week: GroupWeek, team: str, start: dtm.date, unopened: Sequence[str]) -> str:
    """The group post: the plan's week as written, then how to get one's own loads."""
    lines = [f"📋 {week.title or week.plan} · {team} · week of {start:%a %d %b}"]
    for day in sorted(week.days, key=lambda d: d.offset):
        lines.append("")
        lines.append(_day_label(start + dtm.timedelta(days=day.offset), day.title))
        lines.extend(f"• {line}" for line in day.lines)
    lines.append("")
    lines.append("Tap “My loads” for your own numbers; your sessions are in our private chat.")
    if unopened:
        names = ", ".join(unopened)
        lines.append(f"👋 {names}: open a chat with me and press Start first, then tap My loads.")
    return "\n".join(lines)


def private_text(
    coach: str, plan: str, team: str, start: dtm.date, days: Sequence[AthleteDay]
) -> str:
    """An athlete's week with their own loads."""
    lines = [f"📋 {coach}'s plan “{plan}” ({team}), week of {start:%a %d %b}"]
    for day in sorted(days, key=lambda d: d.offset):
        lines.append("")
        lines.append(_day_label(start + dtm.timedelta(days=day.offset), day.title))
        lines.extend(f"• {e.text}" for e in day.exercises)
    lines.append("")
    lines.append("Log your sets here as usual; /today shows the day's session.")
    return "\n".join(lines)


def session_json(day: AthleteDay) -> str:
    """A coached session's exercises as stored."""
    return json.dumps(
        [
            {
                "exercise": e.exercise,
                "sets": e.sets,
                "reps": e.reps,
                "load_kg": e.load_kg,
                "rir": e.rir,
                "rpe": e.rpe,
                "text": e.text,
                "short": e.short,
            }
            for e in day.exercises
        ]
    )


def alert_text(row: CoachSession) -> str:
    """At most 200 characters: a session's day and its loads in short."""
    items = json.loads(row.exercises or "[]")
    head = f"{WEEKDAYS[row.local_date.weekday()]} {row.local_date:%d %b}: "
    parts = [str(i.get("short") or i.get("text") or i["exercise"]) for i in items]
    text = head + " · ".join(parts)
    if len(text) > ALERT_LIMIT:
        text = text[: ALERT_LIMIT - 1].rstrip(" ·") + "…"
    return text


def full_text(rows: Sequence[CoachSession]) -> str:
    """An athlete's next session in full."""
    row = rows[0]
    items = json.loads(row.exercises or "[]")
    lines = [f"💪 {_day_label(row.local_date, row.title)}"]
    lines.extend(f"• {i.get('text') or i['exercise']}" for i in items)
    return "\n".join(lines)


class BroadcastService:
    """Prepare, record and answer broadcasts; the sending is the caller's (handlers)."""

    def __init__(self, core: Core, access: Access, plans: PlanSource | None = None) -> None:
        self._core = core
        self._access = access
        self.plans = plans

    async def _split(self, coach_id: int, text: str) -> tuple[str, Team, str | None]:
        """PLAN [TEAM] [from DATE] → (plan name, team, date text)."""
        found = _FROM.search(text)
        when = found.group(1) if found else None
        words = (text[: found.start()] if found else text).split()
        if not words:
            raise BroadcastError(USAGE)
        async with self._core.db.read() as session:
            teams = await team_repo.teams_of_coach(session, coach_id=coach_id)
        if not teams:
            raise NotAllowedError("You have no team yet. /team new NAME creates one.")
        for cut in range(1, len(words)):
            name = team_repo.name_key(" ".join(words[cut:]))
            team = next((t for t in teams if t.name_key == name), None)
            if team is not None:
                return " ".join(words[:cut]), team, when
        if len(teams) > 1:
            names = ", ".join(t.name for t in teams)
            raise BroadcastError(f"To which team? Yours: {names}. {USAGE}")
        return " ".join(words), teams[0], when

    async def in_group(self, coach_id: int, chat_id: int, text: str) -> str:
        """The arguments of a /broadcast sent in a group: its linked team's name added."""
        await self._access.require_coach(coach_id)
        async with self._core.db.read() as session:
            link = await team_links.chat_link(session, chat_id)
            team = await team_repo.get_team(session, link.team_id) if link else None
        if link is None or not link.active or team is None:
            raise BroadcastError("This group is not linked to a team: /team link NAME first.")
        await self._access.require_team_coach(coach_id, team.coach_id)
        found = _FROM.search(text)
        plan = text[: found.start()] if found else text
        if not plan.strip():
            raise BroadcastError(USAGE)
        return f"{plan.strip()} {team.name}" + (found.group(0) if found else "")

    async def prepare(self, update_id: int, coach_id: int, text: str) -> Prepared:
        """Store the broadcast, each athlete's sessions and recipients; what to send."""
        await self._access.require_coach(coach_id)
        if self.plans is None:
            raise BroadcastError(NO_PLANS)
        name, team, when = await self._split(coach_id, text)
        await self._access.require_team_coach(coach_id, team.coach_id)
        coach = await self._core.profile(coach_id)
        zone = ZoneInfo(coach.timezone if coach is not None else self._core.default_timezone)
        now = self._core.clock()
        start = _week_start(when, now.astimezone(zone).date())
        week = await self.plans.group_week(coach_id, name, start)
        async with self._core.db.read() as session:
            roster = await team_repo.roster(session, team_id=team.id or 0)
            group = await team_links.team_group(session, team.id or 0)
        days = {a.id: await self.plans.athlete_week(coach_id, week.plan, start, a.id)
                for a in roster}  # fmt: skip
        coach_name = coach.first_name if coach is not None else "Your coach"
        async with self._core.once(update_id, coach_id, "broadcast") as session:
            cast = await repo.broadcast_of(
                session, team_id=team.id or 0, plan_name=week.plan, week_start=start
            )
            repeated = cast is not None
            if cast is None:
                cast = Broadcast(team_id=team.id or 0, plan_name=week.plan, week_start=start,
                                 coach_id=coach_id, created_at=now)  # fmt: skip
                session.add(cast)
                await session.flush()
            cast_id = cast.id or 0
            known = {r.user_id: r for r in await repo.recipients(session, cast_id)}
            privates = []
            for athlete in roster:
                if athlete.id not in known:
                    await self._enrol(session, cast_id, athlete.id, start, days[athlete.id], now)
                    known[athlete.id] = BroadcastRecipient(
                        broadcast_id=cast_id, user_id=athlete.id, updated_at=now
                    )
                if known[athlete.id].status == PENDING:
                    text_ = private_text(coach_name, week.plan, team.name, start, days[athlete.id])
                    privates.append(Private(athlete.id, athlete.first_name, text_))
            posted = cast.message_id is not None
            group_post = (
                None if posted or group is None else group_text(week, team.name, start, ())
            )
        return Prepared(cast_id, team.name, coach_id, group.chat_id if group else None,
                        group_post, tuple(privates), repeated)  # fmt: skip

    async def _enrol(
        self,
        session: AsyncSession,
        cast_id: int,
        athlete_id: int,
        start: dtm.date,
        days: Sequence[AthleteDay],
        now: dtm.datetime,
    ) -> None:
        await repo.set_recipient(session, broadcast_id=cast_id, user_id=athlete_id,
                                 status=PENDING, now=now)  # fmt: skip
        for day in days:
            session.add(
                CoachSession(
                    broadcast_id=cast_id,
                    user_id=athlete_id,
                    local_date=start + dtm.timedelta(days=day.offset),
                    title=day.title,
                    exercises=session_json(day),
                    created_at=now,
                )
            )
        await session.flush()

    async def claim(self, broadcast_id: int, user_id: int) -> bool:
        """Claim one athlete's private message before sending it (False: claimed before)."""
        now = self._core.clock()
        async with self._core.db.write(now=now) as session:
            return await repo.claim_recipient(
                session, broadcast_id=broadcast_id, user_id=user_id, now=now
            )

    async def outcome(self, broadcast_id: int, user_id: int, status: str) -> None:
        """Record how an athlete's message went (PENDING again: a transient failure)."""
        now = self._core.clock()
        async with self._core.db.write(now=now) as session:
            await repo.set_recipient(session, broadcast_id=broadcast_id, user_id=user_id,
                                     status=status, now=now)  # fmt: skip

    async def group_post(self, broadcast_id: int, unopened: Sequence[str]) -> str:
        """The group post's text, with the athletes who must open a chat with the bot."""
        async with self._core.db.read() as session:
            cast = await session.get(Broadcast, broadcast_id)
            team = await team_repo.get_team(session, cast.team_id) if cast else None
        if cast is None or team is None or self.plans is None:
            raise BroadcastError("That broadcast is gone.")
        week = await self.plans.group_week(cast.coach_id, cast.plan_name, cast.week_start)
        return group_text(week, team.name, cast.week_start, unopened)

    async def posted(self, broadcast_id: int, chat_id: int, message_id: int, text: str) -> None:
        """Record the group post (it is never posted again)."""
        async with self._core.db.write(now=self._core.clock()) as session:
            cast = await session.get(Broadcast, broadcast_id)
            if cast is not None:
                cast.chat_id, cast.message_id, cast.text = chat_id, message_id, text
                session.add(cast)

    async def my_loads(self, broadcast_id: int, user_id: int) -> Loads:
        """A "My loads" tap: the tapper's next session of this broadcast, if they are on the
        team (checked now, not trusted from the button)."""
        async with self._core.db.read() as session:
            cast = await session.get(Broadcast, broadcast_id)
            if cast is None:
                return Loads("This plan is no longer there.", None, user_id)
            member = await team_repo.membership(session, team_id=cast.team_id, user_id=user_id)
            user = await users.get_user(session, user_id)
            if member is None or member.left_at is not None:
                return Loads("This plan is for the athletes of the team.", None, user_id)
            rows = await repo.sessions_of_broadcast(session, broadcast_id, user_id)
        today = self._core.clock().astimezone(ZoneInfo(user.timezone if user else "UTC")).date()
        ahead = [r for r in rows if r.local_date >= today] or rows[-1:]
        if not ahead:
            return Loads("You joined after this plan went out: ask your coach.", None, user_id)
        return Loads(alert_text(ahead[0]), full_text(ahead), user_id)
