"""Find exercise names inside a line of a set log (longest alias match, then typo tolerance)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from engine.catalog import MAX_ALIAS_WORDS, Exercise, normalise_name, resolve

# A word never starts inside a unit glued to a number ("80kg" holds no word "g"); after a
# glued "x" it may ("5xbench").
_WORD = re.compile(
    r"\((?P<paren>[a-z][a-z '&-]*)\)|(?<![\d.])(?<![a-wyz])[a-z][a-z0-9'&]*(?:-[a-z0-9]+)*"
)
_GAP = re.compile(r"[\s&-]*")
# Words that may sit next to a name without being part of it.
FILLERS = frozenset((
    "did", "got", "do", "done", "hit", "managed", "some", "my", "the", "a", "an", "on", "of",
    "for", "at", "with", "then", "and", "also", "today", "tonight", "this", "morning",
    "evening", "afternoon", "workout", "session", "sets", "set", "reps", "rep", "x", "kg",
    "kgs", "lbs", "lb", "bw", "in", "to", "worked", "finished", "started", "more", "few",
    "couple", "plus", "each", "per", "side", "just", "again", "another", "first", "last",
    "heavy", "light", "easy", "felt", "good", "great", "pr", "after", "before", "followed",
    "by", "rpe", "rir", "amrap", "failure", "total", "round", "rounds", "single", "double",
    "triple", "singles", "doubles", "triples", "assist", "assisted", "weighted", "paused",
    "pause", "tempo", "belted", "raw", "strict", "bar", "empty", "only", "was", "went", "off",
    "bodyweight", "min", "mins", "sec", "secs", "m", "km", "k", "mi", "miles", "hold",
    "superset", "ss", "circuit", "but", "still", "about", "around", "approx", "ish", "like",
    "w", "kilos", "pounds", "s", "ea", "sides", "arm", "arms", "leg", "legs", "new", "quick",
    "solid", "slow", "fast", "then", "finally", "plus", "plate", "plates",
    "nan", "inf", "infinity",  # not numbers, but where one was meant: the set grammar refuses
))  # fmt: skip
# Words that may stand next to a name without changing the exercise ("top set", "warmup").
QUALIFIERS_OK = frozenset((
    "top", "backoff", "back-off", "working", "work", "warmup", "warmups", "warm", "up",
    "drop", "dropset", "pyramid", "ramp", "ramping", "volume", "speed", "dynamic", "deficit",
    "high", "low", "wide", "narrow", "close", "grip", "stance", "competition", "comp", "touch",
    "go", "tng", "dead", "stop", "pin", "pins", "box", "partial", "partials", "negative",
    "negatives", "eccentric", "iso", "isometric", "left", "right", "alternating", "single",
    "unilateral", "bilateral", "machine", "smith", "cable", "band", "banded", "chains", "bench",
    "standing", "seated", "incline", "decline", "flat", "barbell", "dumbbell", "dumbbells",
    "kettlebell", "trap", "hex", "ez", "bar", "rope", "straight", "reverse", "neutral",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "times", "sets", "reps", "gym", "home", "club", "class",
))  # fmt: skip
# Words that mark prose rather than an exercise name ("5x5 is a good program").
PROSE = frozenset((
    "i", "im", "i'm", "you", "your", "is", "are", "was", "were", "it", "its", "it's", "this",
    "that", "these", "those", "feel", "felt", "feeling", "good", "great", "bad", "nice",
    "program", "plan", "day", "week", "today", "thanks", "thank", "what", "how", "hello", "hi",
    "hey", "ok", "okay", "sure", "yes", "no", "not", "lol", "haha", "slept", "sleep", "hours",
    "hour", "steps", "water", "coffee", "beer", "weight", "me", "we", "our", "us", "be", "been",
    "have", "has", "had", "will", "would", "can", "could", "should", "there", "here", "so",
    "very", "really", "too",
))  # fmt: skip


@dataclass(frozen=True, slots=True)
class NameHit:
    """An exercise named in a line: its span, and the hints the words around it give."""

    start: int
    end: int
    exercise: Exercise
    assisted: bool = False
    bare_row: bool = False
    weighted: bool = False
    # Words next to the name that neither belong to it nor are fillers ("nordic curl"):
    # the whole phrase, so the caller asks instead of silently logging the base exercise.
    unknown: str | None = None


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str
    key: str | None  # normalised form; None for a parenthesised group


@lru_cache(maxsize=8192)
def _key(word: str) -> str:
    return normalise_name(word)


def _words(line: str) -> list[_Word]:
    return [
        _Word(m.start(), m.end(), m.group(), None if m.group("paren") else _key(m.group()))
        for m in _WORD.finditer(line)
    ]


def _runs(line: str, words: list[_Word]) -> list[list[_Word]]:
    runs: list[list[_Word]] = []
    for word in words:
        if runs and _GAP.fullmatch(line, runs[-1][-1].end, word.start):
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _match(run: list[_Word], i: int, index: Mapping[str, Exercise]) -> tuple[Exercise, int] | None:
    for n in range(min(MAX_ALIAS_WORDS, len(run) - i), 0, -1):
        keys = [w.key for w in run[i : i + n]]
        if None in keys:
            continue
        exercise = index.get(" ".join(k for k in keys if k))
        if exercise is not None:
            return exercise, n
    return None


def _refine(run: list[_Word], a: int, n: int, exercise: Exercise, custom: Sequence[Exercise],
            line: str) -> NameHit:  # fmt: skip
    """Let the words around a match sharpen it: '(dumbbell)', 'benhc press', 'assisted'."""
    around = run[:a] + run[a + n :]
    texts = {w.text.strip("()") for w in around}
    assisted = bool(texts & {"assisted", "assist"})
    start, end = run[a].start, run[a + n - 1].end
    bare_row = exercise.name == "barbell row" and run[a].key in ("row", "rowed") and n == 1
    extra = [w for w in around if w.key is None or w.text not in FILLERS]
    if extra:
        kept = [
            w
            for w in run
            if w.key is None or w.text not in FILLERS or run[a].start <= w.start < end
        ]
        phrase = line[kept[0].start : kept[-1].end]
        better = resolve(phrase, custom)
        if better is not None and better != exercise:
            return NameHit(
                kept[0].start, kept[-1].end, better, assisted, weighted="weighted" in texts
            )
        if better is None and any(_qualifier(w) for w in extra):
            return NameHit(start, end, exercise, assisted, bare_row, "weighted" in texts, phrase)
    return NameHit(start, end, exercise, assisted, bare_row, "weighted" in texts)


def _qualifier(word: _Word) -> bool:
    """A plain word that could change which exercise is meant (not a number, unit or tag)."""
    return (
        word.key is not None
        and len(word.text) > 2
        and word.text.isalpha()
        and word.text not in PROSE
        and word.text not in QUALIFIERS_OK
    )


def find_names(
    line: str, index: Mapping[str, Exercise], custom: Sequence[Exercise] = ()
) -> list[NameHit]:
    """Return the exercises named in a line, left to right, by longest alias match."""
    hits: list[NameHit] = []
    for run in _runs(line, _words(line)):
        found: list[tuple[int, int, Exercise]] = []
        i = 0
        while i < len(run):
            match = _match(run, i, index)
            if match is None:
                i += 1
                continue
            found.append((i, match[1], match[0]))
            i += match[1]
        if len(found) == 1:
            hits.append(_refine(run, found[0][0], found[0][1], found[0][2], custom, line))
        else:
            hits.extend(NameHit(run[a].start, run[a + n - 1].end, ex) for a, n, ex in found)
    return hits


def guess_name(line: str, custom: Sequence[Exercise] = ()) -> tuple[NameHit | None, str]:
    """Try the word runs of a line without a known name: a typo'd name, or the unknown name.

    Returns:
        The hit if a run is within typo distance of an exercise, else None and the best
        candidate text for an "unknown exercise" message ("" when no run looks like a name).
    """
    candidate = ""
    for run in _runs(line, _words(line)):
        words = [w for w in run if w.key is not None and w.text not in FILLERS]
        if not words or len(words) > 4 or any(w.text in PROSE for w in run):
            continue
        if any(not w.text.replace("-", "").replace("'", "").isalpha() for w in words):
            continue
        text = line[words[0].start : words[-1].end]
        hit = resolve(text, custom)
        if hit is not None:
            return NameHit(words[0].start, words[-1].end, hit), ""
        candidate = candidate or text
    return None, candidate
