"""Free-text set-log parser: messages such as 'squat 3x5 100kg @8' into exercises and sets."""

from engine.setlog.followup import parse_followup
from engine.setlog.message import MAX_CHARS, parse_message
from engine.setlog.model import (
    Ambiguity,
    LastSet,
    MessageTooLongError,
    NotASetError,
    ParsedExercise,
    ParsedSet,
    ParseResult,
    SetLogValueError,
    UnknownExerciseError,
    to_contract,
)

__all__ = [
    "MAX_CHARS",
    "Ambiguity",
    "LastSet",
    "MessageTooLongError",
    "NotASetError",
    "ParseResult",
    "ParsedExercise",
    "ParsedSet",
    "SetLogValueError",
    "UnknownExerciseError",
    "parse_followup",
    "parse_message",
    "to_contract",
]
