"""Find an IANA timezone from what a user types: 'Berlin', 'new york', 'Europe/Paris', 'UTC+2'."""

from __future__ import annotations

import re
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

# Names people type that are not the last part of an IANA name.
_ALIASES = {
    "nyc": "America/New_York",
    "la": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles",
    "sf": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "boston": "America/New_York",
    "washington": "America/New_York",
    "miami": "America/New_York",
    "atlanta": "America/New_York",
    "dallas": "America/Chicago",
    "houston": "America/Chicago",
    "austin": "America/Chicago",
    "munich": "Europe/Berlin",
    "hamburg": "Europe/Berlin",
    "frankfurt": "Europe/Berlin",
    "cologne": "Europe/Berlin",
    "milan": "Europe/Rome",
    "barcelona": "Europe/Madrid",
    "manchester": "Europe/London",
    "edinburgh": "Europe/London",
    "uk": "Europe/London",
    "montreal": "America/Toronto",
    "beijing": "Asia/Shanghai",
    "mumbai": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "melbourne": "Australia/Melbourne",
    "gmt": "UTC",
    "utc": "UTC",
}
_OFFSET = re.compile(r"(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::00)?")

# Buttons offered during onboarding; anything else is typed.
COMMON = (
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Australia/Sydney",
    "UTC",
)


@cache
def _by_city() -> dict[str, str]:
    index: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "posix/", "right/")):
            city = name.rsplit("/", 1)[1].replace("_", " ").lower()
            index.setdefault(city, name)
    return index


@cache
def _by_lower() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def resolve_timezone(text: str) -> str | None:
    """The IANA name the user means, or None when nothing matches."""
    key = " ".join(text.strip().lower().replace("_", " ").split())
    if not key or len(key) > 64:
        return None
    exact = _by_lower().get(key.replace(" ", "_"))
    if exact:
        return exact
    if key in _ALIASES:
        return _ALIASES[key]
    offset = _OFFSET.fullmatch(key)
    if offset:
        hours = int(offset[2])
        if hours > 14:
            return None
        if hours == 0:
            return "UTC"
        # POSIX-style Etc names invert the sign: UTC+2 is Etc/GMT-2.
        return f"Etc/GMT{'-' if offset[1] == '+' else '+'}{hours}"
    return _by_city().get(key)


def is_valid_timezone(name: str) -> bool:
    """Whether ``name`` is a known IANA timezone."""
    try:
        ZoneInfo(name)
    except (ValueError, KeyError):
        return False
    return name in available_timezones() or name == "UTC"
