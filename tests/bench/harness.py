"""Tiny timing harness: median and p95 of repeated calls, and rows printed side by side."""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Timing:
    """Latency samples of one measured thing, in milliseconds."""

    name: str
    samples_ms: list[float]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def time_calls(name: str, func: Callable[[], object], repeat: int, warmup: int = 2) -> Timing:
    """Call ``func`` ``warmup`` times unmeasured, then ``repeat`` times measured."""
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return Timing(name, samples)


async def time_async_calls(
    name: str, func: Callable[[], Awaitable[object]], repeat: int, warmup: int = 2
) -> Timing:
    """Await ``func()`` ``warmup`` times unmeasured, then ``repeat`` times measured."""
    for _ in range(warmup):
        await func()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        await func()
        samples.append((time.perf_counter() - start) * 1000)
    return Timing(name, samples)


def compare(
    title: str, subject: Timing, baseline: Timing, target_ratio: float | None = None
) -> str:
    """Format a subject against its same-run baseline: medians, p95s and the ratio."""
    ratio = subject.median_ms / baseline.median_ms if baseline.median_ms else float("inf")
    target = f" (target <= {target_ratio:.2f}x)" if target_ratio else ""
    rows = [
        f"  {t.name:<34} median {t.median_ms:8.2f} ms  p95 {t.p95_ms:8.2f} ms"
        for t in (subject, baseline)
    ]
    return "\n".join([title, *rows, f"  ratio {ratio:.2f}x{target}"])
