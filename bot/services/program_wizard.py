"""/program: one question at a time, answers kept in the database, then build and store.

The answers live in a PendingInput row (kind "program"), so a restart mid-way loses nothing.
Its payload and every button carry a token (the update id of the /program that began it), so
the buttons of an older /program cannot change a newer one.
"""

from __future__ import annotations

import datetime as dtm
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING
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
from storage.tables import ProgramRow

if TYPE_CHECKING:
    from bot.services.programs import ProgramService

E1RM_HISTORY_DAYS = 365
EXPIRED = "These questions have expired; send /program to start again."


@dataclass(frozen=True, slots=True)
class WizardStep:
    """What to show: text with buttons (label, callback data), and the overview once built."""

    text: str
    buttons: tuple[tuple[str, str], ...] = ()
    overview: str | None = None


class ProgramWizard:
    """Ask the /program questions and build the program from the answers."""

    def __init__(self, core: Core, programs: ProgramService) -> None:
        self._core = core
        self._programs = programs

    def _today(self, user: UserView) -> dtm.date:
        return self._core.clock().astimezone(ZoneInfo(user.timezone)).date()

    async def begin(self, update_id: int, user_id: int) -> WizardStep:
        """Start (or restart) the questions."""
        user = await self._core.profile(user_id)
        if user is None:
            raise EngineError("Send /start first, so I know your units and timezone.")
        async with self._core.once(update_id, user_id, "program-begin") as session:
            await questions.add_pending(
                session, user_id=user_id, kind="program", raw_text="",
                payload={"token": update_id, "answers": {}},
                now=self._core.clock(),
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
        user = await self._core.profile(user_id)
        if user is None:
            raise EngineError("Send /start first, so I know your units and timezone.")
        today = self._today(user)
        async with self._core.once(update_id, user_id, "program-answer") as session:
            row = await repo.wizard(session, user_id, wizard_id)
            if row is None:
                return WizardStep(EXPIRED)
            answers: Answers = questions.payload_of(row)["answers"]
            if field == "confirm":
                if value != "yes":
                    await session.delete(row)
                    return WizardStep("Kept your current program. /today shows today's session.")
                step = await self._finish(session, user, wizard_id, answers, today, True)
            else:
                new = (
                    change(answers, value) if field == "change" else answer(answers, field, value)
                )
                if new is None or new == answers:
                    return None
                payload = {"token": wizard_id, "answers": new}
                await repo.save_wizard(session, row, json.dumps(payload))
                if next_field(new) is not None:
                    return self._ask(wizard_id, new, today)
                step = await self._finish(session, user, wizard_id, new, today, False)
            if step.overview is not None:
                await session.delete(row)
        self._programs.forget(user_id)
        return step

    async def _finish(
        self,
        session: AsyncSession,
        user: UserView,
        wizard_id: int,
        answers: Answers,
        today: dtm.date,
        confirmed: bool,
    ) -> WizardStep:
        """Build; on success ask to replace an older program, or store and show week 1."""
        done = "\n".join(summary(answers))
        try:
            program = await self._build(session, user, answers, today)
        except ProgramError as exc:
            buttons = tuple((label, f"prog:{wizard_id}:change:{f}") for label, f in CHANGES)
            return WizardStep(f"{done}\n\n⚠️ {exc}\nChange an answer:", buttons)
        if not confirmed and await repo.active_program(session, user.id) is not None:
            buttons = (
                ("Yes, replace it", f"prog:{wizard_id}:confirm:yes"),
                ("Keep my current one", f"prog:{wizard_id}:confirm:no"),
            )
            return WizardStep(f"{done}\n\nThis replaces your current program. Go ahead?", buttons)
        start = start_date(answers, today)
        state = ProgramState(answers=answers)
        name = f"{SPLITS[answers['split']]} · {goals_text(answers['goals'], answers['weights'])}"
        row = await repo.add_program(
            session,
            ProgramRow(
                user_id=user.id, name=name, start_date=start, request=state.to_json(),
                program=json.dumps(program.to_dict()), created_at=self._core.clock(),
            ),
        )  # fmt: skip
        active = ActiveProgram(row.id or 0, name, start, program, state)
        return WizardStep(f"{done}\n\n✅ Program built.", (), render_overview(active, user.units))

    async def _build(
        self, session: AsyncSession, user: UserView, answers: Answers, today: dtm.date
    ) -> Program:
        """Build from the answers, with loads from the athlete's own e1RMs."""
        request = request_of(answers)
        since = self._core.clock() - dtm.timedelta(days=E1RM_HISTORY_DAYS)
        rows = await logbook.user_sets(session, user.id, since=since)
        e1rms = current_e1rms(by_local_day(rows, user.timezone), today)
        return build_program(request, e1rms, profile=default_profile(user.units))
