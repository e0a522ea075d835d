"""The per-chat pace: a burst at once, then a steady rate; idle time refills it."""

from __future__ import annotations

import pytest

from bot.ordering import Pace, _Bucket


def test_a_burst_passes_at_once_then_updates_are_spaced_by_the_rate() -> None:
    """Twenty updates pass at once; the 21st waits half a second, the 22nd a whole one."""
    pace, bucket = Pace(burst=20, rate_per_s=2), _Bucket(20, 0.0)
    waits = [bucket.wait_s(pace, 0.0) for _ in range(22)]
    assert waits[:20] == [0.0] * 20
    assert waits[20:] == [pytest.approx(0.5), pytest.approx(1.0)]


def test_idle_time_refills_the_bucket_up_to_the_burst() -> None:
    """After a minute of quiet the chat may burst again, but not beyond the burst size."""
    pace, bucket = Pace(burst=5, rate_per_s=1), _Bucket(5, 0.0)
    for _ in range(5):
        bucket.wait_s(pace, 0.0)
    assert [bucket.wait_s(pace, 60.0) for _ in range(6)][-2:] == [0.0, pytest.approx(1.0)]
