"""Typed places become IANA timezones."""

import pytest

from bot.timezones import COMMON, is_valid_timezone, resolve_timezone


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Berlin", "Europe/Berlin"),
        ("  new york ", "America/New_York"),
        ("NYC", "America/New_York"),
        ("europe/paris", "Europe/Paris"),
        ("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("buenos aires", "America/Argentina/Buenos_Aires"),
        ("UTC+2", "Etc/GMT-2"),
        ("gmt-5", "Etc/GMT+5"),
        ("utc", "UTC"),
        ("Munich", "Europe/Berlin"),
    ],
)
def test_resolves_cities_names_and_offsets(typed: str, expected: str) -> None:
    """Cities, IANA names in any case and UTC offsets resolve."""
    assert resolve_timezone(typed) == expected


@pytest.mark.parametrize("typed", ["", "Atlantis", "UTC+20", "x" * 200, "bench 80x5"])
def test_unknown_places_resolve_to_none(typed: str) -> None:
    """Nonsense gives None rather than a guess."""
    assert resolve_timezone(typed) is None


def test_common_buttons_are_valid() -> None:
    """Every onboarding button names a real timezone."""
    assert all(is_valid_timezone(name) for name in COMMON)
