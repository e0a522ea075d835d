"""The weekly summary, Sunday evening local time: the week at a glance and its volume chart.

Sessions done against the program's plan, hard sets per muscle group against the MEV–MRV
landmarks, the week's e1RM records, and the training load trend (this week's load against
last week's, fitness and form from the same model as /chart load), with the /chart volume
image. A user with nothing logged this week and no program gets nothing.
"""

from __future__ import annotations

import datetime as dtm
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.charts import NotEnoughDataError
from bot.services.charts import ChartService, local_day
from bot.services.core import Core
from bot.services.deliveries import DayLog, Draft, coached, reminders_of, zone_of
from bot.services.programs import ProgramService
from bot.services.sets import from_kg
from bot.services.voice import VoiceService
from engine.landmarks import LANDMARKS
from engine.schedule import Slot
from engine.schedule_due import WEEKLY, next_weekly, weekly_due
from prompts.facts import Decision, Facts
from storage import logbook
from storage.deliveries import Recipient
from storage.tables import SetLog

WEEK = dtm.timedelta(days=7)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TOPIC = "weekly summary"
PHRASINGS = (
    "A week in the book. Rest well tonight and start the next one fresh.",
    "That was your week. Consistency is what moves the needle, so keep showing up.",
    "Worth a look back once a week: plan the next one with the same care.",
)


class WeeklySummaries:
    """The weekly-summary kind of scheduled message."""

    name = WEEKLY
    kinds = (WEEKLY,)

    def __init__(
        self, core: Core, programs: ProgramService, charts: ChartService, voice: VoiceService
    ) -> None:
        self._core = core
        self._programs = programs
        self._charts = charts
        self._voice = voice

    async def slot(self, now: dtm.datetime, user: Recipient, log: DayLog) -> Slot | None:
        """Sunday 19:00–22:00 local, once per ISO week (keyed by its Monday)."""
        return weekly_due(now, zone_of(user), reminders_of(user), log)

    async def next_at(self, now: dtm.datetime, user: Recipient) -> dtm.datetime | None:
        """When the user's next weekly summary is due (for /status)."""
        return next_weekly(now, zone_of(user), reminders_of(user))

    async def compose(self, user: Recipient, slot: Slot) -> Draft:
        """The summary text and the volume chart; nothing when the week was empty."""
        monday, zone = slot.key, ZoneInfo(user.timezone)
        async with self._core.db.read() as session:
            rows = await logbook.user_sets(session, user.user_id)
        week = [r for r in rows if monday <= local_day(r.performed_at, zone) <= slot.day]
        earlier = [r for r in rows if local_day(r.performed_at, zone) < monday]
        if not week and not user.has_program:
            return Draft(None)
        profile = await self._core.profile(user.user_id)
        unit = profile.units if profile is not None else "kg"
        lines = [f"🗓 Your week, Mon {monday:%d %b} – Sun {slot.day:%d %b}"]
        lines.append(await self._sessions(user, monday, slot.day, week, zone))
        lines.extend(await self._volume(user.user_id, monday))
        lines.extend(_records(week, earlier, unit))
        lines.extend(await self._load(user.user_id, slot.day))
        coach = coached(weekly_facts(lines), PHRASINGS)
        text = "\n".join(lines) + f"\n\n{coach.template}"
        try:
            chart = await self._charts.render(user.user_id, "volume")
        except NotEnoughDataError:
            return Draft(text, coached=coach)
        return Draft(text, photo=chart.png, caption=chart.caption, coached=coach)

    async def _sessions(
        self,
        user: Recipient,
        monday: dtm.date,
        sunday: dtm.date,
        week: Sequence[SetLog],
        zone: ZoneInfo,
    ) -> str:
        trained = {local_day(r.performed_at, zone) for r in week}
        active = await self._programs.active(user.user_id) if user.has_program else None
        dates = active.dates() if active is not None else ()
        planned = [at.date for at in dates if monday <= at.date <= sunday]
        if not planned:
            days = len(trained)
            return f"Training days: {days}" if days else "No training logged this week."
        done = [d for d in planned if d in trained]
        marks = ", ".join(f"{WEEKDAYS[d.weekday()]} {'✓' if d in done else '—'}" for d in planned)
        extra = len(trained - set(planned))
        more = f" (+{extra} unplanned day{'s' if extra > 1 else ''})" if extra else ""
        return f"Sessions: {len(done)} of {len(planned)} planned ({marks}){more}"

    async def _volume(self, user_id: int, monday: dtm.date) -> list[str]:
        weeks, _unit = await self._charts.volume_weeks(user_id)
        sets = next((w.hard_sets for w in weeks if w.week_start == monday), {})
        if not sets:
            return []
        lines = ["Hard sets per muscle group (MEV–MRV):"]
        for group, count in sorted(sets.items(), key=lambda kv: (-kv[1], kv[0])):
            name, mark = group[:1].upper() + group[1:], LANDMARKS.get(group)
            if mark is None:
                lines.append(f"• {name} {count:g}")
                continue
            status = "below" if count < mark.mev else "above" if count > mark.mrv else "in range"
            lines.append(f"• {name} {count:g} ({mark.mev}–{mark.mrv}): {status}")
        return lines

    async def _load(self, user_id: int, sunday: dtm.date) -> list[str]:
        days = await self._charts.load_days(user_id)
        week_ago_day, fortnight = sunday - WEEK, sunday - 2 * WEEK
        this = sum(d.load for d in days if week_ago_day < d.day <= sunday)
        last = sum(d.load for d in days if fortnight < d.day <= week_ago_day)
        if not this and not last:
            return []
        now = next((d for d in reversed(days) if d.day <= sunday), None)
        week_ago = next((d for d in reversed(days) if d.day <= week_ago_day), None)
        trend = f"{(this - last) / last:+.0%} on last week's {last:.0f}" if last else "none before"
        line = f"Training load: {this:.0f} this week ({trend})"
        if now is not None and week_ago is not None:
            line += f"; fitness {week_ago.ctl:.0f} → {now.ctl:.0f}, form {now.tsb:+.0f}"
        return [line]


def weekly_facts(lines: list[str]) -> Facts:
    """What the weekly coaching line may speak of: the summary's own lines."""
    facts = [("week", lines[0].removeprefix("🗓 Your week, ")), ("sessions", lines[1])]
    records = [line.removeprefix("• ") for line in lines if "e1RM" in line]
    if records:
        facts.append(("records", "; ".join(records)))
    load = next((line for line in lines if line.startswith("Training load")), None)
    if load:
        facts.append(("training_load", load.removeprefix("Training load: ")))
    return Facts(TOPIC, Decision.NONE, tuple(facts))


def _records(week: Sequence[SetLog], earlier: Sequence[SetLog], unit: str) -> list[str]:
    """The week's e1RM records: each lift's best this week above its best before it."""
    before: dict[str, float] = {}
    for row in earlier:
        if row.e1rm_kg:
            before[row.exercise] = max(before.get(row.exercise, 0.0), row.e1rm_kg)
    best: dict[str, float] = {}
    for row in week:
        if row.e1rm_kg and row.e1rm_kg > best.get(row.exercise, 0.0):
            best[row.exercise] = row.e1rm_kg
    found = []
    for lift, kg in best.items():
        old = before.get(lift)
        if old is not None and kg > old + 1e-6:
            shown, was = round(from_kg(kg, unit) or 0.0, 1), round(from_kg(old, unit) or 0.0, 1)
            name = lift[:1].upper() + lift[1:]
            found.append(f"• {name} e1RM {shown:g} {unit} (was {was:g} {unit})")
    return ["🏆 Records this week:", *found] if found else []
