"""Split the numeric part of a set log into typed tokens: numbers with units, x, @, efforts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.setlog.model import SetLogValueError

_V = r"\d{1,2}(?:\.\d{1,2})?"
_VR = rf"(?:<\s*)?{_V}(?:\s*-\s*{_V})?"
_VL = rf"{_V}(?:\s*-\s*{_V})?(?:\s*,\s*{_V}(?![\d.]|\s*[x*]|\s*(?:kg|lb)))*"
_UNIT_AFTER = r"\s*(?:%|kg|kilo|lb|pound|#|x|\*|k\b|s\b|sec|min|m\b|km|mi)"
_EFFORTS = (
    rf"(?P<rpe>(?:@\s*)?rpe\s*(?:[:=]\s*)?(?P<rpe_v>{_VL}|{_VR}))"
    rf"|(?P<rpe2>(?P<rpe2_v>{_V})\s*rpe\b(?!\s*(?:[:=]\s*)?\d))"
    rf"|(?P<rir>@\s*(?P<rir_v>{_V})\s*rir\b)"
    rf"|(?P<rir2>\brir\s*(?:[:=]\s*)?(?P<rir2_v>{_VL}))"
    rf"|(?P<rir3>(?P<rir3_v>{_V})\s*(?:-\s*)?rir\b(?!\s*(?:[:=]\s*)?\d))"
    rf"|(?P<tank>(?P<tank_v>{_V})\s*(?:more\s*)?(?:reps?\s*)?(?:left\s*)?in\s*(?:the\s*)?"
    r"(?:tank|me\b))"
    rf"|(?P<ateff>@\s*(?P<ateff_v>{_V}(?:\s*-\s*{_V})?)(?![\d.]|{_UNIT_AFTER}))"
)
# Forms that need a given word ("could have done 2 more", "3RM", "3 rep max", "2 plates"):
# they live in a second pattern, used only when the word appears, since every branch is tried
# at every character of every log.
_RARE = (
    rf"|(?P<could>could(?:'ve|\s+have)?\s+(?:done|got|gotten|had)\s+(?P<could_v>{_V})\s*"
    r"(?:more|extra)\b(?!\s*sets?\b)(?:\s*reps?\b)?)"
    r"|(?P<rm>(?<![a-z\d.])(?P<rm_v>\d{1,2})\s*-?\s*(?:rm|rep\s*max)\b)"
    r"|(?P<plates>(?<![\w.])(?:[1-8]|a|one|two|three|four|five|six)\s*plates?\b"
    r"(?:\s*(?:a|per|each)\s*side)?)"
)
_REST = (
    r"|(?P<clock>\d{1,2}:\d\d(?::\d\d)?)(?!\d)"
    r"|(?P<num>(?:(?<![\d.])(?P<sign>\+\s?|-(?=\d)))?(?P<digits>\d+(?:\.\d+)?)"
    r"(?:\s*(?P<suf>kgs?|kilos?|kilograms?|lbs?|pounds?|#|kms?|kilomet(?:er|re)s?|k"
    r"|mi|miles?|met(?:er|re)s?|m|secs?|seconds?|s|'s|mins?|minutes?|hrs?|hours?|h|%|'|\")"
    r"(?![a-wyz]))?)"
    r"|(?P<mul>[x*](?![a-wyz]))"
    r"|(?P<at>@)"
    r"|(?P<punct>[,/:;+()-])"
    r"|(?P<word>[a-z][a-z']*)"
)
_MASTER = re.compile(_EFFORTS + _REST)
_MASTER_RARE = re.compile(_EFFORTS + _RARE + _REST)
_SUFFIX = {
    **dict.fromkeys(("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"), ("wt", "kg", 1.0)),
    **dict.fromkeys(("lb", "lbs", "pound", "pounds", "#"), ("wt", "lb", 1.0)),
    **dict.fromkeys(
        ("km", "kms", "kilometer", "kilometers", "kilometre", "kilometres"), ("dist", None, 1000.0)
    ),
    **dict.fromkeys(("m", "meter", "meters", "metre", "metres"), ("dist", None, 1.0)),
    **dict.fromkeys(("mi", "mile", "miles"), ("dist", None, 1609.344)),
    **dict.fromkeys(("sec", "secs", "second", "seconds", '"'), ("time", None, 1.0)),
    **dict.fromkeys(("min", "mins", "minute", "minutes", "'"), ("time", None, 60.0)),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), ("time", None, 3600.0)),
    "s": ("sx", None, 1.0),
    "'s": ("impl", None, 1.0),
    "%": ("pct", None, 1.0),
}
_NUMBER_WORDS = {
    w: float(i)
    for i, w in enumerate((
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty",
    ))
}  # fmt: skip
_WORDS = {
    **dict.fromkeys(("set", "sets", "rounds", "round"), "sets"),
    **dict.fromkeys(("rep", "reps", "repetitions"), "reps"),
    **dict.fromkeys(("bw", "bodyweight", "bodyweights"), "bw"),
    **dict.fromkeys(("each", "ea", "side", "sides", "arm", "leg", "per", "hand"), "each"),
    **dict.fromkeys(("assist", "assisted", "assistance"), "assist"),
    **dict.fromkeys(("at", "with", "w"), "at"),
    "of": "of", "for": "for", "bar": "bar", "in": "in", "last": "last", "weighted": "weighted",
    "and": "and", "then": "and",
}  # fmt: skip
_REP_WORDS = {"single": 1.0, "double": 2.0, "triple": 3.0}
MAX_DIGITS = 9
# Words that some programs read as numbers; next to an "x" or "@" they are meant as one.
_NOT_NUMBERS = frozenset(("nan", "inf", "infinity", "nanx", "infx", "infinityx"))


@dataclass(frozen=True, slots=True)
class Tok:
    """One token: kind, its number (scaled to kg/lb, seconds or metres) and how it was written."""

    kind: str
    value: float | None = None
    unit: str | None = None
    sign: str = ""
    gap: bool = True
    values: tuple[float | None, ...] = ()


def _number(text: str) -> float:
    if len(text.split(".")[0]) > MAX_DIGITS:
        raise SetLogValueError("One of the numbers is far too large to be a set.")
    return float(text)


def _effort_values(text: str) -> tuple[float | None, ...]:
    values: list[float | None] = []
    for part in text.split(","):
        part = part.strip()
        values.append(None if "-" in part or "<" in part else _number(part))
    return tuple(values)


def _effort(m: re.Match[str], gap: bool) -> Tok:
    kind = m.lastgroup or ""
    text = m.group(f"{kind}_v")
    unit = "rpe" if kind.startswith(("rpe", "ateff")) else "rir"
    values = _effort_values(text)
    if kind == "ateff" and values[0] is not None and values[0] > 10:
        return Tok("at", gap=gap)  # '@ 12' is a load, not an effort; the number follows
    return Tok("eff", values[0], unit, gap=gap, values=values)


def _num_token(m: re.Match[str], gap: bool, cardio: bool) -> Tok:
    value = _number(m.group("digits"))
    sign = (m.group("sign") or "").strip()
    suffix = m.group("suf")
    if suffix is None:
        return Tok("num", value, sign=sign, gap=gap)
    if suffix == "k":  # 'k' is km for runners and rowers, kg for lifters
        kind, unit, scale = ("dist", None, 1000.0) if cardio else ("wt", "kg", 1.0)
    else:
        kind, unit, scale = _SUFFIX[suffix]
    return Tok(kind, value * scale, unit, sign=sign, gap=gap)


def _word_token(word: str, gap: bool) -> Tok:
    if word in _NUMBER_WORDS:
        return Tok("num", _NUMBER_WORDS[word], gap=gap)
    stem = word[:-1] if word.endswith("s") else word
    if stem in _REP_WORDS:  # "3 doubles" are 3 sets; "200 double" is a load then a double
        return Tok("rw", _REP_WORDS[stem], "plural" if stem != word else None, gap=gap)
    return Tok(_WORDS.get(word, "word"), gap=gap, unit=word)


def _clock_seconds(text: str) -> float:
    """Return the seconds of 'm:ss' or 'h:mm:ss'."""
    seconds = 0
    for part in text.split(":"):
        seconds = seconds * 60 + int(part)
    return float(seconds)


def tokenise(text: str, cardio: bool = False) -> list[Tok]:
    """Turn the numeric part of a log into tokens; unknown words become 'word' tokens.

    Raises:
        SetLogValueError: A number has more digits than any set could need.
    """
    tokens: list[Tok] = []
    end, odd = 0, False
    rare = "rm" in text or "max" in text or "plate" in text or "could" in text
    master = _MASTER_RARE if rare else _MASTER
    for m in master.finditer(text):
        gap = (m.start() > end and text[end : m.start()].isspace()) or not tokens
        kind = m.lastgroup
        if kind == "num":
            tokens.append(_num_token(m, gap, cardio))
        elif kind == "clock":
            tokens.append(Tok("time", _clock_seconds(m.group("clock")), "clock", gap=gap))
        elif kind == "rm":  # "3RM": a set of 3 at the load next to it
            tokens.append(Tok("rm", float(m.group("rm_v")), gap=gap))
        elif kind == "plates":  # plate counts are not converted: the load stays unknown
            tokens.append(Tok("bar", unit="plates", gap=gap))
        elif kind in ("mul", "at"):
            tokens.append(Tok(kind, gap=gap))
        elif kind == "punct":
            tokens.append(Tok(m.group(), gap=gap))
        elif kind == "word":
            odd = odd or m.group() in _NOT_NUMBERS
            tokens.append(_word_token(m.group(), gap))
        else:
            tokens.append(_effort(m, gap))
            if tokens[-1].kind == "at":
                tokens.append(Tok("num", _number(m.group("ateff_v").split("-")[0]), gap=False))
        end = m.end()
    if odd:
        _refuse_non_numbers(tokens)
    return tokens


def _wants_number(tok: Tok | None) -> bool:
    """Whether a number belongs next to this token: 'x', '@', an effort, 'rpe' or 'rir'."""
    if tok is None:
        return False
    return tok.kind in ("mul", "eff") or (tok.kind == "at" and tok.unit is None) or (
        tok.kind == "word" and tok.unit in ("rpe", "rir")
    )


def _refuse_non_numbers(tokens: list[Tok]) -> None:
    """Refuse 'nan x 5', 'bench infx5', '80 x nan': a number that is not one."""
    for i, tok in enumerate(tokens):
        word = tok.unit or ""
        if tok.kind != "word" or word not in _NOT_NUMBERS:
            continue
        before = tokens[i - 1] if i else None
        if before is not None and before.kind in ("-", "+") and i > 1:
            before = tokens[i - 2]  # "x -inf"
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if word.endswith("x") or any(_wants_number(t) for t in (before, after)):
            raise SetLogValueError(
                f"“{word.removesuffix('x')}” isn't a number I can log: write the load and reps "
                "in digits, e.g. 80x5. Nothing was saved."
            )
