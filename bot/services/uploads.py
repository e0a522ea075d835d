"""FIT uploads: analyse off the event loop, store exactly once, describe, ask about sets."""

from __future__ import annotations

import datetime as dtm
from collections import Counter
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.charts import ActivityTrace, Chart, Unit
from bot.services.athlete import AthleteService
from bot.services.core import Core, DuplicateUpdateError
from bot.services.fit_sets import SetGroup, choices_for, describe, groups_of, payload_of, row_of
from bot.services.logwrite import Question
from bot.services.questions import STALE_BUTTON, StaleButtonError
from bot.services.upload_analysis import (
    FileAnalysis,
    FitInput,
    analyse_files,
    draw,
    refusal,
    trace_of,
    unpack,
)
from bot.services.upload_report import compose
from bot.services.upload_store import Athlete, EffortBook, FileOutcome, store_file
from engine.errors import EngineError
from storage import activities as repo
from storage import logbook
from storage import pending as questions
from storage.tables import LogEntry

NOT_STARTED = "Send /start first, so I know your units and timezone."
ALREADY_HANDLED = "I've already analysed this upload."
MAX_CHARTS = 4
FAVOURITE_DAYS = 90


@dataclass(frozen=True, slots=True)
class UploadReport:
    """The reply to an upload: summary text, activity charts, and a question about sets."""

    text: str
    charts: tuple[Chart, ...] = ()
    question: Question | None = None
    stored: int = 0


@dataclass(frozen=True, slots=True)
class SetAnswer:
    """What answering a set question did, and the next question if any."""

    text: str
    question: Question | None = None


class UploadService:
    """Turn FIT files and Garmin export ZIPs into stored activities and logged sets."""

    def __init__(self, core: Core) -> None:
        self._core = core
        self._athletes = AthleteService(core)

    async def refusal(self, user_id: int, filename: str | None, size: int | None) -> str | None:
        """Why a document cannot be taken, before downloading it; None when it can."""
        if await self._core.profile(user_id) is None:
            return NOT_STARTED
        return refusal(filename, size)

    async def _athlete(self, user_id: int) -> Athlete:
        user = await self._core.profile(user_id)
        if user is None:
            raise EngineError(NOT_STARTED)
        heart = await self._athletes.heart(user_id)
        settings = self._core.settings
        tz = ZoneInfo(user.timezone)
        return Athlete(user_id, user.units, tz, heart, settings.data_dir, self._core.clock())

    async def upload(
        self,
        update_id: int,
        user_id: int,
        filename: str,
        data: bytes,
        message_id: int | None = None,
    ) -> UploadReport:
        """Analyse, store and describe an upload; repeats and bad files store nothing.

        Raises:
            EngineError: The user has not started, or the upload as a whole is unusable.
        """
        who = await self._athlete(user_id)
        inputs = await self._core.offload(unpack, filename, data)
        async with self._core.db.read() as session:
            known = await repo.known_hashes(session, user_id, (i.sha256 for i in inputs))
        fresh = list({i.sha256: i for i in inputs if i.sha256 not in known}.values())
        analyses = await self._core.offload(analyse_files, fresh, who.heart.athlete)
        try:
            outcomes, question = await self._store(update_id, who, inputs, analyses, message_id)
        except DuplicateUpdateError:
            return UploadReport(ALREADY_HANDLED)
        traces = _chart_traces(outcomes)
        unit: Unit = "lb" if who.unit == "lb" else "kg"
        charts = await self._core.offload(draw, traces, who.heart.zones_bpm, unit)
        stored = sum(len(o.results) for o in outcomes)
        return UploadReport(compose(outcomes, who, len(inputs)), tuple(charts), question, stored)

    async def _store(
        self,
        update_id: int,
        who: Athlete,
        inputs: list[FitInput],
        analyses: list[FileAnalysis],
        message_id: int | None,
    ) -> tuple[list[FileOutcome], Question | None]:
        """All writes of one upload, in one exactly-once transaction."""
        analysed = {a.source.sha256 for a in analyses}
        failed = {a.source.sha256: a.error for a in analyses if a.error is not None}
        ordered = sorted(analyses, key=_first_start)
        async with self._core.once(update_id, who.user_id, "upload") as session:
            book = EffortBook.of(await repo.effort_history(session, who.user_id))
            outcomes = []
            for analysis in ordered:
                outcome = await store_file(session, who, analysis, book, message_id=message_id)
                outcomes.append(outcome)
            for item in inputs:
                if item.sha256 in analysed:
                    analysed.discard(item.sha256)  # a second copy in the same ZIP is a repeat
                elif item.sha256 in failed:
                    outcomes.append(FileOutcome(item.name, error=failed[item.sha256]))
                else:
                    outcomes.append(await _repeat(session, who.user_id, item))
            groups = [g for o in outcomes for g in o.groups]
            question = await self._ask(session, who, groups, message_id) if groups else None
        return outcomes, question

    async def _ask(
        self, session: AsyncSession, who: Athlete, groups: list[SetGroup], message_id: int | None
    ) -> Question:
        """Store a question about the first group of unnamed sets; the rest follow later."""
        since = who.now - dtm.timedelta(days=FAVOURITE_DAYS)
        usual = Counter(r.exercise for r in await logbook.user_sets(session, who.user_id, since))
        choices = choices_for(groups[0].category, [name for name, _ in usual.most_common(4)])
        pending = await questions.add_pending(
            session,
            user_id=who.user_id,
            kind="fitsets",
            raw_text=groups[0].filename,
            payload=payload_of(groups, choices),
            now=who.now,
            message_id=message_id,
        )
        data = f"fitset:{pending.id}"
        buttons = [(_button(choice), f"{data}:{i}") for i, choice in enumerate(choices)]
        buttons.append(("Skip", f"{data}:x"))
        later = ""
        if len(groups) > 1:
            buttons.append(("Skip all", f"{data}:all"))
            later = f" ({len(groups) - 1} more to go after this.)"
        text = f"{describe(groups[0], who.unit)}.\nWhich exercise was it?{later}"
        return Question(text, tuple(buttons))

    async def name_sets(
        self, update_id: int, user_id: int, pending_id: int, choice: str
    ) -> SetAnswer | None:
        """Log a group of unnamed sets as the chosen exercise, or skip it; None if answered."""
        who = await self._athlete(user_id)
        async with self._core.once(update_id, user_id, "fitsets") as session:
            pending = await questions.take_pending(session, user_id, pending_id)
            if pending is None:
                return None
            payload = questions.payload_of(pending)
            offered = len(payload.get("choices", ())) if pending.kind == "fitsets" else -1
            if offered < 0 or (choice.isdigit() and int(choice) >= offered):
                raise StaleButtonError(STALE_BUTTON)  # rolls back: the question stays open
            group, *rest = groups_of(payload)
            if choice == "all":
                skipped = len(group.sets) + sum(len(g.sets) for g in rest)
                return SetAnswer(f"Skipped {_sets(skipped)}; nothing else was changed.")
            if choice == "x":
                text = f"Skipped {_sets(len(group.sets))}."
            else:
                exercise = await _exercise(session, who, payload["choices"][int(choice)])
                workout_id = await _log_group(session, who, group, exercise)
                rest = [_in_workout(g, group.activity_id, workout_id) for g in rest]
                text = f"✅ Logged {_sets(len(group.sets))} of {exercise}."
            question = await self._ask(session, who, rest, pending.message_id) if rest else None
        return SetAnswer(text, question)


def _sets(count: int) -> str:
    return f"{count} set{'s' * (count != 1)}"


def _button(choice: str) -> str:
    """'Bench press', or '➕ Sit up' for a new exercise."""
    name = choice.removeprefix("+")
    label = name[:1].upper() + name[1:]
    return f"➕ {label}" if choice.startswith("+") else label


async def _exercise(session: AsyncSession, who: Athlete, choice: str) -> str:
    """The exercise a choice names; a "+name" choice adds it to the user's own exercises."""
    if not choice.startswith("+"):
        return choice
    name = choice.removeprefix("+")
    await questions.add_custom_exercise(
        session, user_id=who.user_id, name=name, bodyweight=False, now=who.now
    )
    return name


def _first_start(analysis: FileAnalysis) -> dtm.datetime:
    starts = [a.start_time for a in analysis.activities]
    return min(starts, default=dtm.datetime.max.replace(tzinfo=dtm.UTC))


async def _repeat(session: AsyncSession, user_id: int, item: FitInput) -> FileOutcome:
    """A file uploaded before (or twice in one ZIP): what it holds, storing nothing."""
    known = await repo.file_by_hash(session, user_id, item.sha256)
    rows = await repo.activities_of_file(session, user_id, known.id or 0) if known else []
    return FileOutcome(item.name, duplicates=tuple(rows), repeat=True)


def _in_workout(group: SetGroup, activity_id: int, workout_id: int) -> SetGroup:
    same = group.activity_id == activity_id and group.workout_id is None
    return replace(group, workout_id=workout_id) if same else group


async def _log_group(session: AsyncSession, who: Athlete, group: SetGroup, exercise: str) -> int:
    """Log a group's sets into its upload's workout (created now if it has none yet)."""
    start, end = (dtm.datetime.fromisoformat(t) for t in group.span)
    workout_id = group.workout_id or await repo.add_closed_workout(
        session, who.user_id, start, end
    )
    rows = [row_of(item, exercise, start, who.unit) for item in group.sets]
    what = (group.category or "unnamed").replace("_", " ")
    entry = LogEntry(
        user_id=who.user_id,
        workout_id=workout_id,
        raw_text=f"FIT upload: {group.filename} ({what} → {exercise})",
        created_at=start,
    )
    await logbook.add_entry(session, entry, rows)
    # The sets now carry this session's load, so the activity stops adding its own.
    await repo.set_activity_load(session, who.user_id, group.activity_id, 0.0)
    return workout_id


def _chart_traces(outcomes: list[FileOutcome]) -> list[ActivityTrace]:
    """Traces of the longest new activities (at most MAX_CHARTS), in time order."""
    results = [r for o in outcomes for r in o.results if len(r.activity.track) >= 2]
    longest = sorted(results, key=lambda r: r.activity.elapsed_s, reverse=True)[:MAX_CHARTS]
    chosen = sorted(longest, key=lambda r: r.activity.start_time)
    return [trace_of(r.activity, r.label, r.start_local.date()) for r in chosen]
