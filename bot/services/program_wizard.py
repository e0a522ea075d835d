"""/program: one question at a time, answers kept in the database, then build and store.

The answers live in a PendingInput row (kind "program"), so a restart mid-way loses nothing.
Its payload and every button carry a token (the update id of the /program that began it), so
the buttons of an older /program cannot change a newer one.
"""

from __future__ import annotations

import datetime as dtm
import json
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services.core import Core
from bot.services.profile import UserView
from bot.services.program_progress import by_local_day, current_e1rms
from bot.services.program_questions import (
    CHANGES,
    SPLITS,
    Answers,
    answer,
    change,
    goals_text,
    next_field,
    question,
    request_of,
    start_date,
    summary,
)
from bot.services.program_state import ActiveProgram, ProgramState
from bot.services.program_text import render_overview
from engine.errors import EngineError, ProgramError
from engine.loading import default_profile
from engine.program import Program, build_program
from storage import logbook
from storage import pending as questions
from storage import programs as repo
from storage.tables import PendingInput, ProgramRow

E1RM_HISTORY_DAYS = 365
EXPIRED = "These questions have expired; send /program to start again."
KEPT = "Kept your current program. /today shows today's session."
BUILT_WITH_NOTES = "✅ Program built: the notes under week 1 say what did not fit."


@dataclass(frozen=True, slots=True)
class WizardStep:
    """What to show: text with buttons (label, callback data), and the overview once built."""

    text: str
    buttons: tuple[tuple[str, str], ...] = ()
    overview: str | None = None


@dataclass(frozen=True, slots=True)
class Tap:
    """One tapped button of the questions."""

    wizard_id: int
    field: str
    value: str
    today: dtm.date


class ProgramCache(Protocol):
    """What the wizard needs of the program service: dropping a cached program."""

    def forget(self, user_id: int) -> None:
        """Drop the user's cached program after it changed."""
        ...


class ProgramWizard:
    """Ask the /program questions and build the program from the answers."""

    def __init__(self, core: Core, programs: ProgramCache) -> None:
        self._core = core
        self._programs = programs

    def _today(self, user: UserView) -> dtm.date:
        return self._core.clock().astimezone(ZoneInfo(user.timezone)).date()

    async def _user(self, user_id: int) -> UserView:
        user = await self._core.profile(user_id)
        if user is None:
            raise EngineError("Send /start first, so I know your units and timezone.")
        return user

    async def begin(self, update_id: int, user_id: int) -> WizardStep:
        """Start (or restart) the questions."""
        user = await self._user(user_id)
        async with self._core.once(update_id, user_id, "program-begin") as session:
            await questions.add_pending(
                session, user_id=user_id, kind="program", raw_text="",
                payload={"token": update_id, "answers": {}}, now=self._core.clock(),
            )  # fmt: skip
            existing = await repo.active_program(session, user_id)
        intro = "🧭 Let's build your program — a few taps."
        if existing is not None:
            intro += " (I'll ask before replacing your current one.)"
        return self._ask(update_id, {}, self._today(user), intro)

    def _ask(
        self, wizard_id: int, answers: Answers, today: dtm.date, intro: str = ""
    ) -> WizardStep:
        field = next_field(answers) or "goal"  # only called while something is unanswered
        text, choices = question(field, answers, today)
        lines = [line for line in (intro, *summary(answers)) if line]
        buttons = tuple((label, f"prog:{wizard_id}:{field}:{value}") for label, value in choices)
        return WizardStep("\n".join([*lines, "", text] if lines else [text]), buttons)

    async def answer(
        self, update_id: int, user_id: int, wizard_id: int, field: str, value: str
    ) -> WizardStep | None:
        """Apply one tap; None when it answers a question already answered (a double tap)."""
        user = await self._user(user_id)
        today = self._today(user)
        async with self._core.once(update_id, user_id, "program-answer") as session:
            row = await repo.wizard(session, user_id, wizard_id)
            if row is None:
                return WizardStep(EXPIRED)
            tap = Tap(wizard_id, field, value, today)
            step = await self._tap(session, user, row, tap)
            if step is not None and step.overview is not None:
                await session.delete(row)
        self._programs.forget(user_id)
        return step

    async def _tap(
        self, session: AsyncSession, user: UserView, row: PendingInput, tap: Tap
    ) -> WizardStep | None:
        """Store the answer and say what comes next."""
        answers: Answers = questions.payload_of(row)["answers"]
        if tap.field == "confirm":
            if tap.value == "yes":
                return await self._finish(session, user, answers, tap, confirmed=True)
            await session.delete(row)
            return WizardStep(KEPT)
        if tap.field == "change":
            new = change(answers, tap.value)
        else:
            new = answer(answers, tap.field, tap.value)
        if new is None or new == answers:
            return None
        payload = {"token": tap.wizard_id, "answers": new}
        await repo.save_wizard(session, row, json.dumps(payload))
        if next_field(new) is not None:
            return self._ask(tap.wizard_id, new, tap.today)
        return await self._finish(session, user, new, tap, confirmed=False)

    async def _finish(
        self, session: AsyncSession, user: UserView, answers: Answers, tap: Tap, *, confirmed: bool
    ) -> WizardStep:
        """Build; on success ask to replace an older program, or store and show week 1."""
        done = "\n".join(summary(answers))
        try:
            program = await self._build(session, user, answers, tap.today)
        except ProgramError as exc:
            buttons = tuple((label, f"prog:{tap.wizard_id}:change:{f}") for label, f in CHANGES)
            return WizardStep(f"{done}\n\n⚠️ {exc}\nChange an answer:", buttons)
        if not confirmed and await repo.active_program(session, user.id) is not None:
            buttons = (
                ("Yes, replace it", f"prog:{tap.wizard_id}:confirm:yes"),
                ("Keep my current one", f"prog:{tap.wizard_id}:confirm:no"),
            )
            return WizardStep(f"{done}\n\nThis replaces your current program. Go ahead?", buttons)
        active = await self._store(session, user, answers, program, start_date(answers, tap.today))
        built = "✅ Program built." if not program.notes else BUILT_WITH_NOTES
        return WizardStep(f"{done}\n\n{built}", (), render_overview(active, user.units))

    async def _store(
        self,
        session: AsyncSession,
        user: UserView,
        answers: Answers,
        program: Program,
        start: dtm.date,
    ) -> ActiveProgram:
        """Store the program as the user's active one."""
        state = ProgramState(answers=answers)
        name = f"{SPLITS[answers['split']]} · {goals_text(answers['goals'], answers['weights'])}"
        row = await repo.add_program(
            session,
            ProgramRow(
                user_id=user.id, name=name, start_date=start, state=state.to_json(),
                program=json.dumps(program.to_dict()), created_at=self._core.clock(),
            ),
        )  # fmt: skip
        return ActiveProgram(row.id or 0, name, start, program, state, row.created_at)

    async def _build(
        self, session: AsyncSession, user: UserView, answers: Answers, today: dtm.date
    ) -> Program:
        """Build from the answers, with loads from the athlete's own e1RMs."""
        request = request_of(answers)
        since = self._core.clock() - dtm.timedelta(days=E1RM_HISTORY_DAYS)
        rows = await logbook.user_sets(session, user.id, since=since)
        e1rms = current_e1rms(by_local_day(rows, user.timezone), today)
        return build_program(request, e1rms, profile=default_profile(user.units))
