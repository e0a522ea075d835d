"""What the coach sees: completion notices, /team report, the adherence chart, the digest.

Compliance follows engine.compliance (COACH.md): per set, capped at 100 %, over 7, 30 and 90
days of each athlete's own local days. What was prescribed comes from the coach's plans
(coached sessions made by /broadcast) and, for an athlete training on a program of their
own, from that program. Per team the coach chooses how they hear of finished workouts: each
one as it happens, one daily digest at their hour (a delivery kind, claimed once per coach
and local day like every scheduled message), or not at all.
"""

from __future__ import annotations

import datetime as dtm
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.charts import Chart
from bot.charts.adherence import AthleteWeeks, render_adherence
from bot.services.access import NOT_YOURS_TO_SEE, Access, NotAllowedError, may_view_athlete
from bot.services.charts import ChartService
from bot.services.core import Core
from bot.services.deliveries import DayLog, Draft, zone_of
from bot.services.programs import ProgramService
from bot.services.teams import NO_SUCH_TEAM
from bot.services.workouts import WorkoutService, WorkoutSummary
from engine.compliance import Compliance, Done, Prescribed, compliance, match_day, weekly
from engine.errors import EngineError
from engine.schedule import ALL_DAYS, Slot, daily_slot, undelivered
from storage import coaching as repo
from storage import logbook
from storage import teams as team_repo
from storage.coaching import SetFacts
from storage.deliveries import Recipient
from storage.tables import CoachSession, Team, User

DIGEST = "coach_digest"
DIGEST_GRACE = dtm.timedelta(hours=2)
HISTORY_DAYS = 90
CHART_WEEKS = 8
QUIET_DAYS = 7  # no training this long, with sessions planned: needs attention
MODES = {"each": "each workout", "daily": "a daily digest", "off": "off"}
BAD_MODE = "Choose how you hear of finished workouts: /team notify NAME each|daily|off"


class NoticeModeError(EngineError):
    """A /team notify line that names no mode or a wrong hour."""


@dataclass(frozen=True, slots=True)
class Notice:
    """A short message to a coach."""

    coach_id: int
    text: str


@dataclass(frozen=True, slots=True)
class AthleteLine:
    """One athlete of a report: compliance and the last day they trained."""

    user_id: int
    name: str
    compliance: Compliance
    last_trained: dtm.date | None
    today: dtm.date
    planned_today: int = 0  # sets prescribed for today

    @property
    def quiet(self) -> bool:
        """No training for a week or more while sessions were planned."""
        planned = self.compliance.window(QUIET_DAYS).prescribed > 0
        last = self.last_trained
        return planned and (last is None or (self.today - last).days >= QUIET_DAYS)

    @property
    def needs_attention(self) -> bool:
        """The 20-point drop, a low or missed week, or a quiet week."""
        week = self.compliance.window(7)
        return self.compliance.dropped or week.bucket in ("low", "missed") or self.quiet


@dataclass(frozen=True, slots=True)
class CoachedItem:
    """One planned exercise of a coached session, and the sets done of it so far."""

    text: str  # as the athlete was sent it, with their load
    sets: int
    done: int


@dataclass(frozen=True, slots=True)
class CoachedDay:
    """A coached session on one of the athlete's local days: planned against done."""

    day: dtm.date
    title: str
    items: tuple[CoachedItem, ...]


@dataclass(frozen=True, slots=True)
class TeamReport:
    team_id: int
    team: str
    athletes: tuple[AthleteLine, ...]


@dataclass(frozen=True, slots=True)
class NoticeSetting:
    team: str
    mode: str
    hour: int


def parse_notice(text: str) -> tuple[str, str, int | None]:
    """ "NAME each|daily [HOUR]|off" → (name, mode, hour or None)."""
    words = text.split()
    hour: int | None = None
    if len(words) >= 3 and words[-2].lower() == "daily" and words[-1].isdigit():
        hour = int(words[-1])
        if not 0 <= hour <= 23:
            raise NoticeModeError("The digest hour is 0 to 23, e.g. /team notify Squad daily 20")
        words = words[:-1]
    if len(words) < 2 or words[-1].lower() not in MODES:
        raise NoticeModeError(BAD_MODE)
    return " ".join(words[:-1]), words[-1].lower(), hour


def _local(when: dtm.datetime, zone: ZoneInfo) -> dtm.date:
    aware = when if when.tzinfo is not None else when.replace(tzinfo=dtm.UTC)
    return aware.astimezone(zone).date()


def done_of(rows: Sequence[SetFacts], zone: ZoneInfo) -> list[Done]:
    """Logged sets as the compliance engine reads them, on the athlete's local days."""
    return [
        Done(_local(r.performed_at, zone), r.exercise, r.reps, r.weight_kg, r.rir, r.rpe)
        for r in rows
    ]


def prescribed_of(row: CoachSession) -> list[Prescribed]:
    """A coached session's exercises as prescriptions."""
    items = []
    for item in json.loads(row.exercises or "[]"):
        items.append(
            Prescribed(
                row.local_date,
                str(item["exercise"]),
                int(item.get("sets") or 0),
                item.get("reps"),
                item.get("load_kg"),
                item.get("rir"),
                item.get("rpe"),
            )
        )
    return items


class CoachingService:
    """Notices, reports and the digest; every read of an athlete's data checked by Access."""

    name = DIGEST
    kinds = (DIGEST,)

    def __init__(
        self, core: Core, access: Access, programs: ProgramService, charts: ChartService
    ) -> None:
        self._core = core
        self._access = access
        self._programs = programs
        self._charts = charts
        self._workouts = WorkoutService(core)
        self._digests: dict[int, int] | None = None  # coach → digest hour; loaded on first use

    # -- settings ----------------------------------------------------------------------

    async def set_notice(self, update_id: int, coach_id: int, text: str) -> NoticeSetting:
        """/team notify NAME each|daily [HOUR]|off."""
        name, mode, hour = parse_notice(text)
        await self._access.require_coach(coach_id)
        async with self._core.once(update_id, coach_id, "team-notify") as session:
            team = await self._own_team(session, coach_id, name)
            assert team.id is not None  # noqa: S101  (a stored team)
            current = await repo.notice(session, team.id)
            row = await repo.save_notice(
                session, team.id, mode=mode, hour=hour if hour is not None else current.hour
            )
            found = NoticeSetting(team.name, row.mode, row.hour)
            self._digests = None if self._digests is None else await repo.digest_hours(session)
        return found

    async def _own_team(self, session: AsyncSession, coach_id: int, name: str) -> Team:
        team = await team_repo.team_by_name(session, coach_id=coach_id, name=name)
        if team is None:
            raise NotAllowedError(NO_SUCH_TEAM.format(name=" ".join(name.split())[:40]))
        return team

    # -- completion ----------------------------------------------------------------------

    async def finishing(self, user_id: int) -> bool:
        """Whether the user has an open workout with sets (one /done would finish)."""
        async with self._core.db.read() as session:
            workout = await logbook.current_workout(session, user_id)
            return workout is not None and bool(
                await logbook.workout_sets(session, workout.id or 0)
            )

    async def finished(self, athlete_id: int) -> list[Notice]:
        """The notices for the athlete's workout that was just finished."""
        found = await self._workouts.history(athlete_id, limit=1)
        return await self.completed(athlete_id, found[0]) if found else []

    async def completed(self, athlete_id: int, summary: WorkoutSummary) -> list[Notice]:
        """The notices to send when an athlete finished a workout: one per team set to
        "each workout" (a coach with two such teams hears once)."""
        async with self._core.db.read() as session:
            teams = await team_repo.teams_of_athlete(session, user_id=athlete_id)
            settings = await repo.notices(session, [t.id for t in teams if t.id is not None])
            athlete = await session.get(User, athlete_id)
        chosen: dict[int, list[str]] = defaultdict(list)
        for team in teams:
            if team.id is not None and settings[team.id].mode == "each":
                chosen[team.coach_id].append(team.name)
        chosen.pop(athlete_id, None)  # a coach training on their own team needs no notice
        if not chosen or athlete is None:
            return []
        line = await self._today_line(athlete)
        names = ", ".join(e.exercise for e in summary.exercises[:4])
        more = "…" if len(summary.exercises) > 4 else ""
        minutes = round(summary.duration.total_seconds() / 60)
        sets = f"{summary.set_count} set{'s' if summary.set_count != 1 else ''}"
        return [
            Notice(
                coach,
                f"✅ {athlete.first_name} ({', '.join(teams_)}) finished a workout: "
                f"{sets} · {names}{more} · {minutes} min{line}",
            )
            for coach, teams_ in chosen.items()
        ]

    async def _today_line(self, athlete: User) -> str:
        zone = ZoneInfo(athlete.timezone)
        today = self._core.clock().astimezone(zone).date()
        plan, done = (await self._histories([athlete], days=1))[athlete.id]
        result = compliance(plan, done, today, windows=(1,)).window(1)
        if not result.prescribed:
            return ""
        return (
            f"\nToday's plan: {result.done} of {result.prescribed} sets ({result.percent:.0f} %)"
        )

    # -- reports -----------------------------------------------------------------------

    def _today(self, athlete: User) -> dtm.date:
        return self._core.clock().astimezone(ZoneInfo(athlete.timezone)).date()

    async def _histories(
        self, athletes: Sequence[User], days: int = HISTORY_DAYS
    ) -> dict[int, tuple[list[Prescribed], list[Done]]]:
        """Each athlete's prescriptions and logged sets over the last ``days`` of their own
        local days, read for the whole roster in two queries."""
        if not athletes:
            return {}
        todays = {a.id: self._today(a) for a in athletes}
        span = dtm.timedelta(days=days - 1)
        first, last = min(todays.values()) - span, max(todays.values())
        since = dtm.datetime.combine(first - dtm.timedelta(days=1), dtm.time(), tzinfo=dtm.UTC)
        async with self._core.db.read() as session:
            rows = await repo.coach_sessions(session, list(todays), first, last)
            sets = await repo.sets_of(session, list(todays), since)
        sessions_of: defaultdict[int, list[CoachSession]] = defaultdict(list)
        for row in rows:
            sessions_of[row.user_id].append(row)
        sets_of: defaultdict[int, list[SetFacts]] = defaultdict(list)
        for set_row in sets:
            sets_of[set_row.user_id].append(set_row)
        found = {}
        for athlete in athletes:
            today = todays[athlete.id]
            start = today - span
            mine = [r for r in sessions_of[athlete.id] if start <= r.local_date <= today]
            plan = [p for row in mine for p in prescribed_of(row)]
            taken = {row.local_date for row in mine}
            plan.extend(await self._own_program(athlete.id, start, today, taken))
            zone = ZoneInfo(athlete.timezone)
            done = [d for d in done_of(sets_of[athlete.id], zone) if start <= d.day <= today]
            found[athlete.id] = (plan, done)
        return found

    async def _own_program(
        self, user_id: int, first: dtm.date, today: dtm.date, taken: set[dtm.date]
    ) -> list[Prescribed]:
        active = await self._programs.active(user_id)
        if active is None:
            return []
        found = []
        for at in active.dates():
            if first <= at.date <= today and at.date not in taken:
                for item in active.planned(at).exercises:
                    found.append(
                        Prescribed(
                            at.date, item.exercise, item.sets, item.reps, item.load_kg, item.rir
                        )
                    )
        return found

    async def _lines(self, athletes: Sequence[User]) -> list[AthleteLine]:
        histories = await self._histories(athletes)
        return [self._line(a, *histories[a.id]) for a in athletes]

    def _line(self, athlete: User, plan: list[Prescribed], done: list[Done]) -> AthleteLine:
        today = self._today(athlete)
        last = max((d.day for d in done), default=None)
        planned = sum(p.sets for p in plan if p.day == today)
        found = compliance(plan, done, today)
        return AthleteLine(athlete.id, athlete.first_name, found, last, today, planned)

    async def _teams(self, coach_id: int, name: str | None) -> list[Team]:
        await self._access.require_coach(coach_id)
        async with self._core.db.read() as session:
            if name:
                return [await self._own_team(session, coach_id, name)]
            return await team_repo.teams_of_coach(session, coach_id=coach_id)

    async def _roster(self, team: Team) -> list[User]:
        async with self._core.db.read() as session:
            return await team_repo.roster(session, team_id=team.id or 0)

    async def report(self, coach_id: int, name: str | None = None) -> tuple[TeamReport, ...]:
        """Compliance per athlete of one of the coach's teams, or of all of them."""
        reports = []
        for team in await self._teams(coach_id, name):
            athletes = await self._roster(team)
            await self._check(coach_id, athletes)
            lines = tuple(await self._lines(athletes))
            reports.append(TeamReport(team.id or 0, team.name, lines))
        return tuple(reports)

    async def _check(self, coach_id: int, athletes: Sequence[User]) -> None:
        """The roster is the coach's own; checked all the same, by the one rule."""
        actor = await self._access.actor(coach_id)
        coached = await self._access.coached_athletes(coach_id)
        if not all(may_view_athlete(actor, a.id, coached) for a in athletes):
            raise NotAllowedError(NOT_YOURS_TO_SEE)

    async def adherence_chart(self, coach_id: int, name: str | None = None) -> Chart:
        """The team's compliance per athlete and week, rendered off the event loop."""
        teams = await self._teams(coach_id, name)
        if not teams:
            raise NotAllowedError("You have no team yet. /team new NAME creates one.")
        if len(teams) > 1 and not name:
            raise NotAllowedError("Which team? For example: /team report Squad A")
        team = teams[0]
        athletes = await self._roster(team)
        await self._check(coach_id, athletes)
        histories = await self._histories(athletes, days=CHART_WEEKS * 7 + 6)
        rows = [
            AthleteWeeks(
                a.first_name, tuple(weekly(*histories[a.id], self._today(a), CHART_WEEKS))
            )
            for a in athletes
        ]
        return await self._core.offload(render_adherence, team.name, tuple(rows))

    # -- an athlete's coached sessions ---------------------------------------------------------

    async def coached_days(
        self, user_id: int, first: dtm.date | None = None, last: dtm.date | None = None
    ) -> tuple[dtm.date, list[CoachedDay]]:
        """The athlete's today and their coached sessions between two local days (default:
        today), each planned exercise with the sets done of it."""
        async with self._core.db.read() as session:
            athlete = await session.get(User, user_id)
        if athlete is None:
            return self._core.clock().date(), []
        today = self._today(athlete)
        first, last = first or today, last or today
        zone = ZoneInfo(athlete.timezone)
        since = dtm.datetime.combine(first - dtm.timedelta(days=1), dtm.time(), tzinfo=dtm.UTC)
        async with self._core.db.read() as session:
            rows = await repo.coach_sessions(session, [user_id], first, last)
            sets = await repo.sets_of(session, [user_id], since) if rows else []
        done = done_of(sets, zone)
        found = []
        for row in rows:
            plan = prescribed_of(row)
            result = match_day(row.local_date, plan, [d for d in done if d.day == row.local_date])
            texts = [
                str(i.get("text") or i["exercise"]) for i in json.loads(row.exercises or "[]")
            ]
            items = tuple(
                CoachedItem(text, p.sets, n)
                for text, p, n in zip(texts, plan, result.per_item, strict=True)
            )
            found.append(CoachedDay(row.local_date, row.title, items))
        return today, found

    # -- an athlete's charts ------------------------------------------------------------------

    async def athletes(self, coach_id: int) -> list[tuple[int, str]]:
        """The athletes on the coach's teams now (id, first name), by name."""
        coached = await self._access.coached_athletes(coach_id)
        async with self._core.db.read() as session:
            found = [await session.get(User, a) for a in coached]
        return sorted(((u.id, u.first_name) for u in found if u), key=lambda p: p[1].casefold())

    async def athlete_named(self, coach_id: int, name: str) -> int:
        """The coach's athlete of this first name (or its start); refused otherwise."""
        await self._access.require_coach(coach_id)
        wanted = " ".join(name.split()).casefold()
        mine = await self.athletes(coach_id)
        exact = [a for a, n in mine if n.casefold() == wanted]
        start = [a for a, n in mine if n.casefold().startswith(wanted)]
        found = exact or start
        if len(found) == 1:
            return found[0]
        if not found:
            raise NotAllowedError(f"None of your athletes is called “{name[:40]}”.")
        raise NotAllowedError(f"Several of your athletes are called “{name[:40]}”: tap one.")

    async def athlete_chart(self, viewer_id: int, athlete_id: int, kind: str, args: str) -> Chart:
        """A chart of an athlete, for themselves or their coach only (Access decides)."""
        await self._access.require_view(viewer_id, athlete_id)
        return await self._charts.render(athlete_id, kind, args)

    # -- the daily digest (a delivery kind) ------------------------------------------------

    async def _digest_hours(self) -> dict[int, int]:
        if self._digests is None:
            async with self._core.db.read() as session:
                self._digests = await repo.digest_hours(session)
        return self._digests

    async def slot(self, now: dtm.datetime, user: Recipient, log: DayLog) -> Slot | None:
        """The coach's digest at their hour, once per local day, for coaches who chose it."""
        hour = (await self._digest_hours()).get(user.user_id)
        if hour is None:
            return None
        found = daily_slot(now, zone_of(user), dtm.time(hour), DIGEST_GRACE, ALL_DAYS)
        return undelivered(found, DIGEST, log)

    async def compose(self, user: Recipient, slot: Slot) -> Draft:
        """Who trained today, who has not, who needs attention, per team on the digest."""
        async with self._core.db.read() as session:
            teams = await team_repo.teams_of_coach(session, coach_id=user.user_id)
            settings = await repo.notices(session, [t.id for t in teams if t.id is not None])
        parts = []
        for team in teams:
            if team.id is None or settings[team.id].mode != "daily":
                continue
            athletes = await self._roster(team)
            parts.append(digest_text(team.name, await self._lines(athletes)))
        if not parts:
            return Draft(None)
        return Draft(f"📋 Your teams today, {slot.day:%a %d %b}\n\n" + "\n\n".join(parts))


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} %"


def attention_reason(line: AthleteLine) -> str:
    """Why an athlete needs attention, in a few words."""
    week, month = line.compliance.window(7), line.compliance.window(30)
    if line.quiet:
        since = f"since {line.last_trained:%d %b}" if line.last_trained else "yet"
        return f"no training {since}"
    if line.compliance.dropped:
        return f"7 days {_percent(week.percent)}, down from {_percent(month.percent)} over 30"
    return f"7 days {_percent(week.percent)} ({week.bucket})"


def digest_text(team: str, lines: Sequence[AthleteLine]) -> str:
    """One team's part of the digest."""
    trained = [a.name for a in lines if a.last_trained == a.today]
    missed = [a.name for a in lines if a.last_trained != a.today and a.planned_today]
    attention = [f"• {a.name}: {attention_reason(a)}" for a in lines if a.needs_attention]
    out = [f"👥 {team}"]
    out.append(f"Trained today: {', '.join(trained) if trained else 'nobody yet'}")
    if missed:
        out.append(f"Planned but not logged: {', '.join(missed)}")
    if attention:
        out.append("Needs attention:")
        out.extend(attention)
    return "\n".join(out)


def report_text(report: TeamReport) -> str:
    """/team report for one team: compliance per athlete, then who needs attention."""
    lines = [f"📊 {report.team}: compliance (sets done ÷ prescribed) 7 d · 30 d · 90 d"]
    if not report.athletes:
        lines.append("No athletes yet: share the invite link (/team).")
    for a in report.athletes:
        c = a.compliance
        week = c.window(7)
        figures = " · ".join(_percent(c.window(n).percent) for n in (7, 30, 90))
        extra = []
        if week.bucket:
            extra.append(week.bucket)
        month = c.window(30)
        if month.load_ratio is not None:
            extra.append(f"load {month.load_ratio:.0%} of plan")
        if month.effort_delta is not None:
            extra.append(f"RIR {month.effort_delta:+.1f} vs target")
        flag = " ⚠️" if a.needs_attention else ""
        tail = f" ({', '.join(extra)})" if extra else ""
        lines.append(f"• {a.name}: {figures}{tail}{flag}")
    attention = [a for a in report.athletes if a.needs_attention]
    if attention:
        lines.append("Needs attention:")
        lines.extend(f"• {a.name}: {attention_reason(a)}" for a in attention)
    return "\n".join(lines)
