"""Checks on the model's text before anyone sees it (OLLAMA.md §4.2): a sentence that fails
one is dropped and the template stays."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from prompts.facts import Decision, Facts

MAX_CHARS = 300
MAX_SENTENCES = 2
SHINGLE = 5  # this many words in a row from the system prompt are a leak
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")
_THOUSANDS = re.compile(r"(\d),(\d{3})\b")
_WORDS = re.compile(r"[a-z']+")
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "dozen": 12, "half": 0.5, "double": 2, "twice": 2, "triple": 3, "once": 1,
}  # fmt: skip
_LINK = re.compile(
    r"https?:|www\.|\b[\w-]+\.(?:com|org|net|io|ly|me|app|co|de|uk|ru|info|xyz)\b|\]\("
)
_MENTION = re.compile(r"(?<![\w.])@\w")
_MARKUP = re.compile(r"[*_`#<>|~\[\]{}\\]")
_SAFETY = re.compile(
    r"\b(?:pain|painful|hurts?|hurting|injur\w*|sprain\w*|strained|torn|tear|dizz\w*|"
    r"faint\w*|numb\w*|doctor|physio\w*|medical|bleed\w*|swollen|swelling)\b"
)
_REFUSAL = re.compile(
    r"\b(?:as an ai|language model|i can(?:no|')t (?:help|do|provide)|i am unable|"
    r"system prompt|my instructions|athlete_note)\b"
)
_UP = re.compile(
    r"\b(?:heavier|increase\w*|add(?:ing)? (?:(?:some|more|a bit of|a little) )?"
    r"(?:weight|load|plates?|kilos?|kg|pounds?|lbs?)|more (?:weight|load)|bump\w* (?:it |them )?up"
    r"|go(?:ing)? up|load (?:it )?up|push (?:the )?(?:weight|load)|up the (?:weight|load))\b"
)
_DOWN = re.compile(
    r"\b(?:lighter|deload\w*|back off|back it off|reduc\w*|lower (?:the )?(?:weight|load)"
    r"|drop (?:the )?(?:weight|load)|less (?:weight|load)|strip (?:some )?weight)\b"
)
_RECORD = re.compile(r"\b(?:prs?|personal (?:record|best)s?|records?)\b")
# Which directions contradict each decision.
_CONTRARY = {
    Decision.INCREASE: (_DOWN,),
    Decision.HOLD: (_UP, _DOWN),
    Decision.DELOAD: (_UP,),
    Decision.REST: (_UP,),
    Decision.NONE: (_UP, _DOWN),
}


@dataclass(frozen=True, slots=True)
class Verdict:
    """The sentence to show (None when rejected) and why it was rejected."""

    text: str | None
    reason: str | None = None


def check(text: str, facts: Facts, system: str, done_reason: str | None = "stop") -> Verdict:
    """Accept the model's text only when it passes every check; the first failure names it."""
    cleaned = _clean(text)
    if done_reason == "length":
        cleaned = _whole_sentences(cleaned)
    lowered = cleaned.lower()
    for reason, failed in (
        ("empty", not cleaned),
        ("link", bool(_LINK.search(lowered))),
        ("mention", bool(_MENTION.search(cleaned))),
        ("markup", bool(_MARKUP.search(cleaned))),
        ("system prompt", _leaks(lowered, system) or bool(_REFUSAL.search(lowered))),
        ("safety", bool(_SAFETY.search(lowered))),
        ("too long", len(cleaned) > MAX_CHARS),
        ("too many sentences", sentence_count(cleaned) > MAX_SENTENCES),
        ("number not in facts", _stray_digits(cleaned, facts)),
        ("number word not in facts", _stray_words(lowered, facts)),
        ("contradicts the decision", _contrary(lowered, facts.decision)),
        ("record not in facts", bool(_RECORD.search(lowered)) and not facts.has("records")),
    ):
        if failed:
            return Verdict(None, reason)
    return Verdict(cleaned)


def mentions_safety(text: str) -> bool:
    """Whether a text speaks of pain, injury or a medical matter (a fixed reply answers it)."""
    return bool(_SAFETY.search(_clean(text).lower()))


def sentence_count(text: str) -> int:
    """Sentences in a text: pieces ended by . ! ? or … (an unended last piece counts)."""
    return len([p for p in _SENTENCE_END.split(text) if p.strip()])


def _clean(text: str) -> str:
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    return text.strip().strip("\"'“”‘’").strip()


def _whole_sentences(text: str) -> str:
    """A reply cut off by the token cap keeps its complete sentences only."""
    ends = list(_SENTENCE_END.finditer(text))
    return text[: ends[-1].end()] if ends else ""


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


def _leaks(lowered: str, system: str) -> bool:
    prompt, said = _words(system), f" {' '.join(_words(lowered))} "
    return any(
        f" {' '.join(prompt[i : i + SHINGLE])} " in said
        for i in range(len(prompt) - SHINGLE + 1)
    )


def _stray_digits(text: str, facts: Facts) -> bool:
    allowed = facts.numbers()
    found = _DIGITS.findall(_THOUSANDS.sub(r"\1\2", text))
    return any(float(n.replace(",", ".")) not in allowed for n in found)


def _stray_words(lowered: str, facts: Facts) -> bool:
    allowed = facts.numbers()
    return any(NUMBER_WORDS[w] not in allowed for w in _words(lowered) if w in NUMBER_WORDS)


def _contrary(lowered: str, decision: Decision) -> bool:
    return any(pattern.search(lowered) for pattern in _CONTRARY[decision])
