"""Worker processes for CPU-heavy work (FIT analysis, chart rendering).

Threads would keep that work off the event loop but not out of the interpreter: pure-Python
FIT decoding and matplotlib hold the GIL, and every other user's reply would wait for it. The
workers are separate processes, started with "spawn" (the bot runs threads, which "fork"
would copy in an unknown state).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Executor, ProcessPoolExecutor


def make_workers(count: int) -> Executor | None:
    """A pool of ``count`` worker processes, or None (threads) when count is 0."""
    if count <= 0:
        return None
    return ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("spawn"))


def warm_up() -> bool:
    """Import the heavy modules in a worker, so the first chart or upload is not slow."""
    import bot.charts
    import engine.fit  # noqa: F401

    return bot.charts is not None
