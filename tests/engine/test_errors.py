"""The engine's errors: user-safe messages that survive a trip to a worker process."""

import pickle

from engine.fit.errors import NotFitError, TruncatedFitError
from engine.setlog import UnknownExerciseError


def test_engine_errors_survive_a_trip_to_a_worker_process() -> None:
    """Errors with their own constructor arguments pickle back with message and attributes."""
    for error in (NotFitError(), TruncatedFitError(2, 3), UnknownExerciseError("nordic", ["x"])):
        back = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own objects
        assert type(back) is type(error)
        assert str(back) == str(error)
        assert back.__dict__ == error.__dict__
