"""Questions before anything is saved: which reading of an ambiguous log, which exercise."""

from __future__ import annotations

import re

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.services.logwrite import LogWriter, NotALog, Outcome, Question
from bot.services.profile import UserView
from engine.errors import EngineError
from engine.plausibility import name_problem
from engine.setlog import ParsedExercise, ParsedSet, ParseResult, UnknownExerciseError
from storage import pending as questions
from storage.tables import PendingInput


async def ask(
    session: AsyncSession, user: UserView, text: str, problem: object, message_id: int, now
) -> Question | NotALog:
    """Store the question a parse raised and phrase it with buttons (or explain the error)."""
    if isinstance(problem, ParseResult) and problem.ambiguity is not None:
        options = [[_contract_of(e) for e in parse] for _label, parse in problem.ambiguity.options]
        pending = await questions.add_pending(
            session,
            user_id=user.id,
            kind="choice",
            raw_text=text,
            payload={"options": options},
            now=now,
            message_id=message_id,
        )
        buttons = tuple(
            (label, f"pick:{pending.id}:{i}")
            for i, (label, _parse) in enumerate(problem.ambiguity.options)
        )
        return Question(
            problem.ambiguity.question + "\nNothing is saved until you pick.",
            (*buttons, ("Cancel", f"pick:{pending.id}:x")),
        )
    if isinstance(problem, UnknownExerciseError):
        addable = name_problem(problem.name) is None
        if not problem.suggestions and not addable:
            return NotALog(str(UnknownExerciseError("")))
        pending = await questions.add_pending(
            session,
            user_id=user.id,
            kind="name",
            raw_text=text,
            payload={"name": problem.name, "suggestions": problem.suggestions},
            now=now,
            message_id=message_id,
        )
        buttons = [
            (s.capitalize(), f"name:{pending.id}:{i}") for i, s in enumerate(problem.suggestions)
        ]
        if addable:
            buttons.append((f"➕ Add “{problem.name[:24]}”", f"name:{pending.id}:new"))
        hint = "Did you mean one of these?" if problem.suggestions else ""
        return Question(
            f"I don't know the exercise “{_quoted(problem.name)}”. {hint}".strip(),
            (*buttons, ("Cancel", f"name:{pending.id}:x")),
        )
    return NotALog(str(problem))


class QuestionService:
    """Apply the user's answers to questions."""

    def __init__(self, writer: LogWriter) -> None:
        self._writer = writer
        self._core = writer.core

    async def answer(
        self, update_id: int, user_id: int, kind: str, pending_id: int, choice: str
    ) -> Outcome | None:
        """Apply the user's answer to a question; None when it was answered before."""
        user = await self._writer.profile(user_id)
        async with self._core.once(update_id, user_id, f"answer-{kind}") as session:
            pending = await questions.take_pending(session, user_id, pending_id)
            if pending is None:
                return None
            if not _fits(pending, kind, choice):
                raise StaleButtonError(STALE_BUTTON)  # rolls back: the question stays open
            if choice == "x":
                return NotALog("Cancelled — nothing was saved.")
            payload = questions.payload_of(pending)
            now = self._core.clock()
            options = payload.get("options" if kind == "pick" else "suggestions") or []
            if kind == "pick":
                parsed = tuple(_from_contract(e) for e in options[int(choice)])
                return await self._writer.store(
                    session,
                    user,
                    parsed,
                    pending.raw_text,
                    now,
                    update_id=None,
                    message_id=pending.message_id,
                )
            name = payload["name"]
            if choice == "new":
                problem = name_problem(name)
                if problem is not None:
                    return NotALog(f"I can't add “{name[:40]}” as an exercise. {problem}")
                await questions.add_custom_exercise(
                    session, user_id=user_id, name=name.lower(), bodyweight=False, now=now
                )
                text = pending.raw_text
            else:
                chosen = options[int(choice)]
                text = re.sub(re.escape(name), chosen, pending.raw_text, count=1, flags=re.I)
            parsed = await self._writer.parse(session, user, text, now)
            if not isinstance(parsed, tuple) or not parsed:
                reason = str(parsed) if isinstance(parsed, EngineError) else ""
                return NotALog(reason or "I still couldn't read that; try writing it again.")
            return await self._writer.store(
                session, user, parsed, text, now, update_id=None, message_id=pending.message_id
            )


# The kind of question each kind of button answers.
_ANSWERS = {"pick": "choice", "name": "name"}
STALE_BUTTON = "That button doesn't match the question any more; nothing changed."


class StaleButtonError(EngineError):
    """A button that does not fit the question it names (old, or forged): nothing changes."""


def _quoted(name: str, limit: int = 60) -> str:
    """A name as quoted in a question: a whole message's worth of text is cut short."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _fits(pending: PendingInput, kind: str, choice: str) -> bool:
    """Whether a button's choice is one the question offered."""
    if pending.kind != _ANSWERS.get(kind):
        return False
    if choice == "x" or (kind == "name" and choice == "new"):
        return True
    options = questions.payload_of(pending).get("options" if kind == "pick" else "suggestions")
    return choice.isdigit() and int(choice) < len(options or ())


_SET_FIELDS = (
    "weight",
    "unit",
    "reps",
    "rir",
    "rpe",
    "bodyweight",
    "added_weight",
    "duration_s",
    "distance_m",
)


def _contract_of(exercise: ParsedExercise) -> dict:
    return {
        "exercise": exercise.exercise,
        "source": exercise.source,
        "sets": [{f: getattr(s, f) for f in _SET_FIELDS} for s in exercise.sets],
    }


def _from_contract(data: dict) -> ParsedExercise:
    sets = tuple(ParsedSet(**{f: s[f] for f in _SET_FIELDS}) for s in data["sets"])
    return ParsedExercise(data["exercise"], sets, data.get("source", ""))
