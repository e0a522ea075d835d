"""The engine's error tree: every error here carries a message that is safe to show a user."""


class EngineError(Exception):
    """Input the user can fix; ``str(exc)`` is a friendly, user-safe message."""


class SetLogError(EngineError):
    """A message looked like a set log but could not be understood."""


class FitError(EngineError):
    """A FIT file could not be read: corrupt, truncated, not FIT, or empty."""


class ProgramError(EngineError):
    """A program could not be built from the answers given."""
