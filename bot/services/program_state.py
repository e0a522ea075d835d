"""An active program as the services hold it: the plan, its dates and what was applied."""

from __future__ import annotations

import datetime as dtm
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.services.program_schedule import SessionDate, next_session, session_dates, session_on
from engine.program import PlannedSession, Program, session_for
from storage.tables import ProgramRow, SetLog


def aware(when: dtm.datetime) -> dtm.datetime:
    """A stored time as UTC-aware (SQLite gives them back naive)."""
    return when if when.tzinfo else when.replace(tzinfo=dtm.UTC)


@dataclass(frozen=True, slots=True)
class TriggeredDeload:
    """A deload brought forward by performance or load, and its reminder."""

    week: int
    starts_on: dtm.date
    message: str


@dataclass(frozen=True, slots=True)
class ProgramState:
    """The wizard's answers and what happened since the program was built."""

    answers: dict[str, Any] = field(default_factory=dict)
    applied: frozenset[tuple[int, int]] = frozenset()  # (week, day) progressed from logs
    deloads: tuple[TriggeredDeload, ...] = ()
    # The athlete's changes to the calendar: sessions moved to another day, or skipped.
    moved: dict[tuple[int, int], dtm.date] = field(default_factory=dict)
    skipped: frozenset[tuple[int, int]] = frozenset()

    def to_json(self) -> str:
        """The state as the ``state`` column stores it."""
        return json.dumps(
            {
                "answers": self.answers,
                "applied": sorted([w, d] for w, d in self.applied),
                "deloads": [
                    {"week": t.week, "starts_on": t.starts_on.isoformat(), "message": t.message}
                    for t in self.deloads
                ],
                "moved": sorted([w, d, day.isoformat()] for (w, d), day in self.moved.items()),
                "skipped": sorted([w, d] for w, d in self.skipped),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> ProgramState:
        """Read the ``state`` column."""
        data = json.loads(text or "{}")
        return cls(
            answers=data.get("answers", {}),
            applied=frozenset((int(w), int(d)) for w, d in data.get("applied", [])),
            deloads=tuple(
                TriggeredDeload(
                    int(t["week"]), dtm.date.fromisoformat(t["starts_on"]), str(t["message"])
                )
                for t in data.get("deloads", [])
            ),
            moved={
                (int(w), int(d)): dtm.date.fromisoformat(day)
                for w, d, day in data.get("moved", [])
            },
            skipped=frozenset((int(w), int(d)) for w, d in data.get("skipped", [])),
        )


@dataclass(frozen=True, slots=True)
class ActiveProgram:
    """A user's active program with its start date."""

    id: int
    name: str
    start: dtm.date
    program: Program
    state: ProgramState
    created_at: dtm.datetime | None = None  # sets logged before it are no part of it

    @classmethod
    def of(cls, row: ProgramRow) -> ActiveProgram:
        """Read a stored row."""
        plan = Program.from_dict(json.loads(row.program))
        state = ProgramState.from_json(row.state)
        return cls(row.id or 0, row.name, row.start_date, plan, state, row.created_at)

    @property
    def end(self) -> dtm.date:
        """The last day of the program."""
        return self.start + dtm.timedelta(weeks=self.program.weeks, days=-1)

    @property
    def rescheduled(self) -> bool:
        """Whether the athlete moved or skipped any session."""
        return bool(self.state.moved or self.state.skipped)

    def dates(self) -> tuple[SessionDate, ...]:
        """Every session with its date (moved ones on their new day, skipped ones left out)."""
        planned = session_dates(self.start, self.program.days_per_week, self.program.weeks)
        if not self.rescheduled:
            return planned
        moved, skipped = self.state.moved, self.state.skipped
        found = [
            SessionDate(s.week, s.day, moved.get((s.week, s.day), s.date))
            for s in planned
            if (s.week, s.day) not in skipped
        ]
        return tuple(sorted(found, key=lambda s: (s.date, s.week, s.day)))

    def on(self, day: dtm.date) -> SessionDate | None:
        """The session planned for a day, if any."""
        if self.rescheduled:
            return next((s for s in self.dates() if s.date == day), None)
        return session_on(self.start, self.program.days_per_week, self.program.weeks, day)

    def after(self, day: dtm.date) -> SessionDate | None:
        """The first session after a day, if any."""
        if self.rescheduled:
            return next((s for s in self.dates() if s.date > day), None)
        return next_session(self.start, self.program.days_per_week, self.program.weeks, day)

    def planned(self, at: SessionDate) -> PlannedSession:
        """The planned session at a place in the program."""
        return session_for(self.program, at.week, at.day)

    def own_sets(self, rows: Sequence[SetLog]) -> list[SetLog]:
        """The sets logged once the program existed: earlier ones are no part of its sessions."""
        if self.created_at is None:
            return list(rows)
        built = aware(self.created_at)
        return [r for r in rows if aware(r.performed_at) >= built]

    def deload_for(self, week: int) -> TriggeredDeload | None:
        """The triggered deload of a week, if one was triggered."""
        return next((t for t in self.state.deloads if t.week == week), None)
