"""Plain-text formatting of durations shared by replies, captions and the command line."""

from __future__ import annotations


def fmt_duration(seconds: float) -> str:
    """Format seconds as ``m:ss`` or ``h:mm:ss``."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def fmt_minutes(minutes: float) -> str:
    """Format minutes as ``45 min`` or ``4 h 10 min``."""
    whole = round(minutes)
    hours, mins = divmod(whole, 60)
    return f"{hours} h {mins} min" if hours else f"{mins} min"
