"""The facts a coaching sentence may speak about, rendered as ``key: value`` lines."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

_KEY = re.compile(r"[a-z][a-z0-9_ ]{0,39}")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"(\d),(\d{3})\b")
NOTE_LIMIT = 200


class Decision(StrEnum):
    """What the engine decided; the sentence must not contradict it."""

    INCREASE = "increase"  # the next loads go up
    HOLD = "hold"  # same loads
    DELOAD = "deload"  # lighter on purpose
    REST = "rest"  # no training today
    NONE = "none"  # nothing decided: the sentence gives no load direction at all


@dataclass(frozen=True, slots=True)
class Facts:
    """One message's facts: the asker's own data only, each value with its unit.

    ``lines`` are ``(key, value)`` pairs such as ``("top_set", "100 kg x 5 @ RPE 8")``.
    """

    topic: str
    decision: Decision = Decision.NONE
    lines: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        for key, _value in self.lines:
            if not _KEY.fullmatch(key):
                raise ValueError(f"fact key {key!r} is not a short lowercase name")

    def render(self) -> str:
        """The facts as the model reads them: one ``key: value`` line each."""
        rows = [("topic", self.topic), ("decision", self.decision.value), *self.lines]
        return "\n".join(f"{key}: {_one_line(value)}" for key, value in rows)

    def numbers(self) -> frozenset[float]:
        """Every number in the facts' values (a sentence may repeat these and no others)."""
        text = " ".join(_one_line(value) for _key, value in self.lines)
        return frozenset(float(n) for n in _NUMBER.findall(_THOUSANDS.sub(r"\1\2", text)))

    def has(self, key: str) -> bool:
        """Whether a fact with this key is present."""
        return any(k == key for k, _value in self.lines)


def _one_line(value: str) -> str:
    return " ".join(clean_text(value, 300).split())


def clean_text(text: str, limit: int = NOTE_LIMIT) -> str:
    """Text from a user made safe to quote as data: NFKC, no control or zero-width
    characters, no newlines, backticks or angle brackets, at most ``limit`` characters."""
    text = unicodedata.normalize("NFKC", text)
    kept = "".join(
        " " if ch in "\n\r\t" else ch
        for ch in text
        if ch in "\n\r\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs")
    )
    kept = " ".join(kept.translate(str.maketrans("", "", "`<>{}")).split())
    return kept if len(kept) <= limit else kept[: limit - 1].rstrip() + "…"
