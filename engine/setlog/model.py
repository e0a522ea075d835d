"""Result types of the set-log parser and its errors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from engine.errors import ImplausibleValueError, SetLogError

CONTRACT_KEYS = (
    "weight", "unit", "reps", "rir", "rpe", "bodyweight", "added_weight", "duration_s",
    "distance_m",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ParsedSet:
    """One performed set, exactly the fields of the set-log output contract."""

    weight: float | None = None
    unit: str | None = None
    reps: int | None = None
    rir: float | None = None
    rpe: float | None = None
    bodyweight: bool = False
    added_weight: float | None = None
    duration_s: float | None = None
    distance_m: float | None = None


@dataclass(frozen=True, slots=True)
class ParsedExercise:
    """The sets logged for one exercise, and the text they were read from."""

    exercise: str
    sets: tuple[ParsedSet, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A reading the bot should confirm: a question and the parse behind each answer."""

    question: str
    options: tuple[tuple[str, tuple[ParsedExercise, ...]], ...]


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What a message logged; empty for messages that are not set logs."""

    exercises: tuple[ParsedExercise, ...] = ()
    ambiguity: Ambiguity | None = None
    # For a message recognised as something else (a body-weight report): what to tell the
    # user. Empty for logs and for messages that are simply not logs.
    note: str = ""


@dataclass(frozen=True, slots=True)
class LastSet:
    """The previous logged set, the context that short follow-ups such as "same" refer to."""

    exercise: str
    weight: float | None
    unit: str | None
    reps: int | None
    bodyweight: bool = False
    added_weight: float | None = None


class UnknownExerciseError(SetLogError):
    """The message looks like a set log but names no exercise the catalog knows."""

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        if not name:
            message = "Which exercise was that? Start the line with its name, e.g. 'squat 100x5'."
        elif self.suggestions:
            options = ", ".join(f"'{s}'" for s in self.suggestions)
            message = f"I don't know the exercise '{name}'. Did you mean {options}?"
        else:
            message = f"I don't know the exercise '{name}'. You can add it as a custom exercise."
        super().__init__(message)


# A number in the log outside any plausible range (e.g. 5000 reps): the engine-wide error.
SetLogValueError = ImplausibleValueError


class NotASetError(SetLogError):
    """The message is recognisably something else (a body-weight report): the note says so."""


class MessageTooLongError(SetLogError):
    """The message is longer than the parser accepts."""


def to_contract(result: ParseResult) -> list[dict[str, object]]:
    """Return the JSON-ready form of a parse: one dict per exercise with its sets.

    Args:
        result: A parse from ``parse_message``.

    Returns:
        ``[{"exercise": name, "sets": [{...contract keys...}, ...]}, ...]``; empty for non-logs.
    """
    return [
        {
            "exercise": item.exercise,
            "sets": [{key: getattr(s, key) for key in CONTRACT_KEYS} for s in item.sets],
        }
        for item in result.exercises
    ]
