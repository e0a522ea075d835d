"""The morning session message: today's session, its buttons, the readiness check-in, a coach.

Due from the user's hour until two hours later, on the weekdays chosen in /remind
(engine.schedule_due), for users with a program; claimed once per local date through
bot.services.deliveries. A rest day sends a short note when the user asked for one and
nothing otherwise (claimed all the same), unless a triggered deload's first reminder is
waiting: that note rides on the next morning message, once.

A session day's message carries Start (opens a workout now), Skip today (the session is
dropped from the calendar, the plan goes on with the next one), Move to tomorrow (it moves a
day on, and a session planned there moves on too, up to the next free day:
engine.schedule_moves) and the readiness check-in (three rows, sleep, soreness and energy,
or one "how do you feel" row, as chosen in /remind). Each answer is stored and the message
is edited with today's loads moved by the engine's modifier (engine.readiness, ±7 % at
most); no answer, no change. A press is checked against the user's own calendar: a button
from another day, or for a session moved or skipped since, is refused and changes nothing.
The message ends with a coaching line, the template first and the model's sentence by an
edit when it passes the guardrails (bot.services.voice).
"""

from __future__ import annotations

import datetime as dtm
import json
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.services.core import Core
from bot.services.deliveries import Buttons, DayLog, Draft, reminders_of, zone_of
from bot.services.program_state import ActiveProgram
from bot.services.program_text import render_day, target
from bot.services.program_views import DayView
from bot.services.voice import Coached, VoiceService
from engine.errors import EngineError
from engine.loading import default_profile
from engine.program import PlannedSession, session_for
from engine.readiness import BASELINE_DAYS, CheckIn, Readiness, adjusted_session, readiness
from engine.schedule import Slot
from engine.schedule_due import MORNING, morning_due, next_morning
from engine.schedule_moves import move_to_next_day
from prompts.facts import Decision, Facts
from prompts.phrasing import MORNING as MORNING_TOPIC
from storage import deliveries as settings_repo
from storage import logbook
from storage import programs as program_repo
from storage import readiness as checkin_repo
from storage.deliveries import Recipient

if TYPE_CHECKING:
    from bot.services.programs import ProgramService

DELOAD = "deload"  # the first reminder of a triggered deload, keyed by the week's start
WEEK = dtm.timedelta(days=7)
DAY = dtm.timedelta(days=1)
PREFIX = "am"
STALE = "That morning message is from another day: today's has its own buttons."
GONE = "That session was moved or skipped already; /today shows what is planned."
# (question, short code, row of (label, answer)); answers run 1 (worst) to 3 (best).
QUESTIONS = (
    ("sleep", "s", (("Slept badly", 1), ("Slept OK", 2), ("Slept well", 3))),
    ("soreness", "o", (("Very sore", 1), ("A bit sore", 2), ("Not sore", 3))),
    ("energy", "e", (("Low energy", 1), ("Energy OK", 2), ("Full of energy", 3))),
    ("feel", "f", (("Feeling rough", 1), ("Feeling OK", 2), ("Feeling great", 3))),
)
CODES = {code: name for name, code, _ in QUESTIONS}
PATTERN = rf"^{PREFIX}:(go|skip|move|r):\d{{8}}:\d{{1,3}}\.\d{{1,2}}(:[soef][123])?$"
_PRESS = re.compile(PATTERN)
_SAID = {"sleep": "sleep", "soreness": "soreness", "energy": "energy", "feel": "feeling"}
_WORDS = {1: "poor", 2: "OK", 3: "good"}


@dataclass(frozen=True, slots=True)
class Press:
    """A morning-message button: what it does, for which day and session."""

    action: str  # go, skip, move, r (a readiness answer)
    day: dtm.date
    week: int
    session_day: int
    question: str | None = None
    value: int | None = None


def press_data(action: str, day: dtm.date, week: int, session_day: int, answer: str = "") -> str:
    """The callback data of a morning button (at most 25 characters)."""
    tail = f":{answer}" if answer else ""
    return f"{PREFIX}:{action}:{day:%Y%m%d}:{week}.{session_day}{tail}"


def parse_press(data: str) -> Press:
    """Read a morning button's data.

    Raises:
        ValueError: Not a morning button, or a date that does not exist.
    """
    if not _PRESS.fullmatch(data):
        raise ValueError(f"not a morning button: {data!r}")
    parts = data.split(":")
    day = dtm.date(int(parts[2][:4]), int(parts[2][4:6]), int(parts[2][6:]))
    week, session_day = (int(n) for n in parts[3].split("."))
    if len(parts) == 5:
        code, value = parts[4][0], int(parts[4][1])
        return Press(parts[1], day, week, session_day, CODES[code], value)
    return Press(parts[1], day, week, session_day)


@dataclass(frozen=True, slots=True)
class Card:
    """The morning message as it stands: text and buttons."""

    text: str
    buttons: Buttons = ()
    coached: Coached | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a press does: a short answer, the message edited (None: kept), a new message."""

    answer: str
    card: Card | None = None
    reply: str | None = None


def checkin_of(row: object | None, day: dtm.date) -> CheckIn:
    """The engine's view of a stored check-in (an empty one when none)."""
    if row is None:
        return CheckIn(day)
    values = {name: getattr(row, name) for name, _code, _row in QUESTIONS}
    return CheckIn(day, **values)


def readiness_line(checkin: CheckIn, found: Readiness | None) -> str | None:
    """'🔋 Readiness: sleep good, soreness OK → loads −2 % today.'"""
    answers = checkin.answers()
    if found is None or not answers:
        return None
    said = ", ".join(f"{_SAID[q]} {_WORDS[v]}" for q, v in answers.items())
    percent = found.percent
    change = f"loads {percent:+d} % today" if percent else "loads as planned"
    return f"🔋 Readiness: {said} → {change.replace('-', '−')}."


def morning_facts(session: PlannedSession, week: int, weeks: int) -> Facts:
    """What the morning coaching line may speak of: the session, never its numbers' meaning."""
    decision = Decision.DELOAD if session.block == "deload" else Decision.NONE
    names = ", ".join(e.exercise for e in session.exercises[:6])
    lines = (
        ("session", session.name),
        ("block", session.block),
        ("week", f"{week} of {weeks}"),
        ("exercises", names),
    )
    return Facts(MORNING_TOPIC, decision, lines)


class MorningDeliveries:
    """The morning kind of scheduled message, and what its buttons do."""

    name = MORNING
    kinds = (MORNING, DELOAD)

    def __init__(self, core: Core, programs: ProgramService, voice: VoiceService) -> None:
        self._core = core
        self._programs = programs
        self._voice = voice
        self._lines: dict[tuple[int, dtm.date], str] = {}  # the model's accepted sentences
        self._started: set[tuple[int, dtm.date]] = set()

    async def slot(self, now: dtm.datetime, user: Recipient, log: DayLog) -> Slot | None:
        """The morning slot due now for a user with a program."""
        if not user.has_program:
            return None
        return morning_due(now, zone_of(user), reminders_of(user), log)

    async def next_at(self, now: dtm.datetime, user: Recipient) -> dtm.datetime | None:
        """When the user's next morning message is due (for /status)."""
        return next_morning(now, zone_of(user), reminders_of(user)) if user.has_program else None

    async def compose(self, user: Recipient, slot: Slot) -> Draft:
        """Today's session (catching the plan up first), a rest-day note, deload notes."""
        day = slot.key
        view = await self._programs.today(user.user_id, on=day)
        active = view.active
        extras = tuple(
            (DELOAD, t.starts_on, f"🔻 Reminder: {t.message}")
            for t in (active.state.deloads if active else ())
            if t.starts_on - WEEK <= day < t.starts_on + WEEK
        )
        if view.at is not None:
            card = await self._card(user.user_id, user.first_name, view, user.checkin)
            return Draft(card.text, extras, card.buttons, coached=card.coached)
        resting = active is not None and view.next_at is not None and day >= active.start
        if user.rest_note and resting:
            return Draft(f"{_greeting(user.first_name)}\n\n{render_day(view)}", extras)
        return Draft(None, extras)

    async def _card(self, user_id: int, first_name: str, view: DayView, questions: int) -> Card:
        active, at = view.active, view.at
        if active is None or at is None:
            raise EngineError(GONE)
        session = active.planned(at)
        async with self._core.db.read() as db:
            rows = await checkin_repo.checkins(
                db, user_id, view.on - dtm.timedelta(days=BASELINE_DAYS), view.on
            )
        today = next((r for r in rows if r.local_date == view.on), None)
        checkin = checkin_of(today, view.on)
        earlier = [checkin_of(r, r.local_date) for r in rows if r.local_date != view.on]
        found = readiness(checkin, earlier)
        shown = view
        if found is not None and found.modifier:
            moved = adjusted_session(session, found.modifier, default_profile(view.unit))
            shown = replace(view, active=_with_session(active, moved))
        parts = [f"{_greeting(first_name)}\n\n{render_day(shown)}"]
        line = readiness_line(checkin, found)
        if line:
            parts.append(line)
        coached = self._voice.coach(morning_facts(session, at.week, active.program.weeks))
        parts.append(self._lines.get((user_id, view.on), coached.template))
        started = (user_id, view.on) in self._started
        buttons = _buttons(view.on, at.week, at.day, questions, checkin, started)
        return Card("\n\n".join(parts), buttons, coached)

    async def card(self, user_id: int, day: dtm.date) -> Card | None:
        """The morning message of a day as it stands now; None when no session is on it."""
        profile = await self._core.profile(user_id)
        if profile is None:
            return None
        view = await self._programs.today(user_id, on=day)
        if view.at is None:
            return None
        async with self._core.db.read() as db:
            setting = await settings_repo.reminder_setting(db, user_id)
        return await self._card(user_id, profile.first_name, view, setting.checkin)

    async def with_line(self, user_id: int, day: dtm.date, line: str) -> Card | None:
        """The message again with the model's accepted sentence in place of the template."""
        self._lines = {k: v for k, v in self._lines.items() if k[1] >= day - DAY}
        self._lines[(user_id, day)] = line
        return await self.card(user_id, day)

    async def press(self, update_id: int, user_id: int, data: str) -> Outcome:
        """Apply a morning button after checking it is today's and its session still there.

        Raises:
            EngineError: A button from another day, for a session moved or skipped, or data
                that is not a morning button.
        """
        try:
            press = parse_press(data)
        except ValueError as exc:
            raise EngineError(GONE) from exc
        profile = await self._core.profile(user_id)
        if profile is None:
            raise EngineError("Send /start first, so I know your timezone.")
        today = self._core.clock().astimezone(ZoneInfo(profile.timezone)).date()
        if press.day != today:
            raise EngineError(STALE)
        view = await self._programs.today(user_id, on=today)
        if view.at is None or (view.at.week, view.at.day) != (press.week, press.session_day):
            raise EngineError(GONE)
        if press.question is not None and press.value is not None:
            return await self._answer(update_id, user_id, today, press.question, press.value)
        session = view.active.planned(view.at) if view.active else None
        if session is None:
            raise EngineError(GONE)
        if press.action == "go":
            return await self._start(update_id, user_id, view, session)
        key = (view.at.week, view.at.day)
        return await self._reschedule(update_id, user_id, view.on, session, key, press.action)

    async def _answer(
        self, update_id: int, user_id: int, day: dtm.date, question: str, value: int
    ) -> Outcome:
        now = self._core.clock()
        async with self._core.once(update_id, user_id, "readiness") as db:
            await checkin_repo.answer(db, user_id, day, question, value, now)
        return Outcome("Noted ✓", await self.card(user_id, day))

    async def _start(
        self, update_id: int, user_id: int, view: DayView, session: PlannedSession
    ) -> Outcome:
        key = (user_id, view.on)
        if key in self._started:
            return Outcome("Already started ✓")
        async with self._core.once(update_id, user_id, "morning-start") as db:
            await logbook.start_workout(db, user_id, self._core.clock())
        self._started.add(key)
        reply = f"🏋️ {session.name} started."
        if session.exercises:
            first = session.exercises[0]
            name = first.exercise[:1].upper() + first.exercise[1:]
            reply += f" First up: {name} {target(first, view.unit)}."
        reply += "\nLog each set as you go; /done when you finish."
        return Outcome("Workout started ✓", await self.card(user_id, view.on), reply)

    async def _reschedule(
        self,
        update_id: int,
        user_id: int,
        day: dtm.date,
        session: PlannedSession,
        key: tuple[int, int],
        action: str,
    ) -> Outcome:
        async with self._core.once(update_id, user_id, f"morning-{action}") as db:
            row = await program_repo.active_program(db, user_id)
            if row is None:
                raise EngineError(GONE)
            active = ActiveProgram.of(row)
            state = active.state
            if action == "skip":
                state = replace(state, skipped=state.skipped | {key})
                moved: dict[tuple[int, int], dtm.date] = {}
            else:
                dates = {(s.week, s.day): s.date for s in active.dates()}
                moved = move_to_next_day(dates, key)
                state = replace(state, moved={**state.moved, **moved})
            await program_repo.save_program(
                db, active.id, program=json.dumps(active.program.to_dict()), state=state.to_json()
            )
        self._programs.forget(user_id)
        name = session.name
        if action == "skip":
            after = await self._programs.today(user_id, on=day)
            text = f"⏭ Skipped: {name}, {day:%a %d %b}."
            if after.next_at is not None and after.active is not None:
                upcoming = after.active.planned(after.next_at).name
                text += f"\nNext: {after.next_at.date:%a %d %b} — {upcoming}."
            return Outcome("Skipped ✓", Card(text))
        lines = [f"➡️ {name} moved to tomorrow, {day + DAY:%a %d %b}."]
        for (week, number), when in sorted(moved.items(), key=lambda kv: kv[1]):
            if (week, number) != key:
                other = session_for(active.program, week, number).name
                lines.append(f"{other} moves on to {when:%a %d %b}.")
        lines.append("Its loads come with that morning's message.")
        return Outcome("Moved ✓", Card("\n".join(lines)))


def _greeting(first_name: str) -> str:
    return f"☀️ Good morning, {first_name or 'athlete'}!"


def _with_session(active: ActiveProgram, session: PlannedSession) -> ActiveProgram:
    """The program with one session replaced (today's, with its adjusted loads)."""
    sessions = tuple(
        session if (s.week, s.day) == (session.week, session.day) else s
        for s in active.program.sessions
    )
    return replace(active, program=replace(active.program, sessions=sessions))


def _buttons(
    day: dtm.date, week: int, session_day: int, questions: int, checkin: CheckIn, started: bool
) -> Buttons:
    """Start / Skip today / Move to tomorrow, then the check-in rows (✓ on the answers)."""
    rows = []
    if not started:
        rows.append(
            (
                ("▶️ Start", press_data("go", day, week, session_day)),
                ("⏭ Skip today", press_data("skip", day, week, session_day)),
                ("➡️ Move to tomorrow", press_data("move", day, week, session_day)),
            )
        )
    asked = QUESTIONS[:3] if questions == 3 else QUESTIONS[3:] if questions == 1 else ()
    answers = checkin.answers()
    for name, code, options in asked:
        rows.append(
            tuple(
                (
                    f"✓ {label}" if answers.get(name) == value else label,
                    press_data("r", day, week, session_day, f"{code}{value}"),
                )
                for label, value in options
            )
        )
    return tuple(rows)
