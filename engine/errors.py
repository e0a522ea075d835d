"""The engine's error tree: every error here carries a message that is safe to show a user."""

from __future__ import annotations

from typing import Any


def _restore(cls: type[EngineError], message: str, state: dict[str, Any]) -> EngineError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class EngineError(Exception):
    """Input the user can fix; ``str(exc)`` is a friendly, user-safe message."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take their own constructor arguments; rebuild from the message and
        # attributes instead, so errors survive the trip back from a worker process.
        return (_restore, (type(self), str(self), dict(self.__dict__)))


class SetLogError(EngineError):
    """A message looked like a set log but could not be understood."""


class FitError(EngineError):
    """A FIT file could not be read: corrupt, truncated, not FIT, or empty."""


class ProgramError(EngineError):
    """A program could not be built from the answers given."""


class ImplausibleValueError(SetLogError):
    """A value no real set can have (NaN, 0 reps, a load beyond any record): never stored."""
