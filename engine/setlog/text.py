"""Normalise a set-log message and strip the noise that must never become sets."""

from __future__ import annotations

import re

_CHARS = str.maketrans({
    "×": "x", "✕": "x", "✖": "x", "х": "x", "Х": "x", "’": "'", "‘": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "–": "-", "—": "-", "−": "-", "\u00a0": " ", "\t": " ", "•": "-",
    "·": "-", "▪": "-", "◦": "-", "，": ",", "；": ";", "：": ":", "＠": "@", "\r": "\n",
})  # fmt: skip
_SYMBOLS = re.compile(
    "[\U0001f000-\U0001faff\u2190-\u21ff\u2300-\u23ff\u2500-\u27bf\ufe0f\u200d]+"
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|urday|sday)?"
_NUM = r"\d+(?:[.,]\d+)?"
_WEIGHT_UNIT = r"(?:kgs?|kilos?|kilograms?|lbs?|pounds?|#)"
_TIME_UNIT = r"(?:(?:secs?|seconds?|mins?|minutes?|s|m)(?![a-z])|'|\"|:\d\d)"
# One pass, leftmost match first; where two start at the same place the earlier one wins
# (so "rest 2 min" is rest, not a time). Each match becomes a space.
_NOISE = re.compile("|".join(f"(?:{p})" for p in (
    r"(?:https?://|www\.)\S+|(?<![\w.-])[\w.-]{1,64}\.(?:com|app|link|io|net|org|be)/\S*",
    r"(?<![\w#])#[a-z_]\w*",
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}(?P<dsep>[./-])\d{1,2}(?P=dsep)\d{4}\b",
    rf"\b(?:{_WEEKDAY},?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+\d{{4}})?",
    # ("pec dec 60x10" is a machine, not the 60th of December.)
    rf"(?<!pec )\b(?:{_WEEKDAY},?\s+)?{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?",
    r"(?:(?:@|\bat\b)\s*)?\b\d{1,2}:\d\d\s*(?:/|per\s+)\s*(?:km|k|mi|mile|500\s*m?)\b",
    r"\b\d{1,2}:\d\d\s*(?:min(?:utes)?\s*)?(?:/|per\s+)\s*(?:km|k|mi|mile|500\s*m?)\b",
    r"(?:\bat\s+|@\s*)?\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|\bat\s+\d{1,2}:\d\d\b",
    r"\b(?:week|wk|day|cycle|session|block|phase|meso|workout|zone)\s*#?\d+\b|\bw\d+\s*d\d+\b"
    r"|\bz[1-5]\b",
    r"\b(?:stronglifts|sl|madcow|bill starr)\s*5\s*x\s*5\b|(?<!\d )(?<![\d.])\b5/3/1\b|\b531\b"
    r"|\bgzcl\w*|\bnsuns\w*|\bphul\b|\bphat\b|\bppl\b|\bbbb\b|\bboring but big\b",
    r"\((?=[^()]*\b(?:pr|pb|\d*rm|record)\b)[^()]*\)",
    r"\b(?:new\s+|all[- ]time\s+|lifetime\s+)?(?:pr|pb)s?\b!*",
    rf"\(?\brest(?:ed|ing)?\s*(?:(?:of|for|was|:|=)\s*)?~?{_NUM}(?:\s*-\s*{_NUM})?"
    rf"(?:\s*{_TIME_UNIT}|(?!\s*[x*\d]))\)?",
    rf"\(?~?(?<![\d.x*]){_NUM}(?:\s*-\s*{_NUM})?\s*(?:{_TIME_UNIT}\s*)?(?:of\s+)?rest\b\)?",
    rf"\b{_NUM}\s*{_TIME_UNIT}\s*between\s*sets\b",
    rf"\(?\b(?:bw|bodyweight|body weight)\s*(?:=|:|was|of|is)\s*~?{_NUM}\s*{_WEIGHT_UNIT}?\)?",
    rf"\(\s*(?:bw|bodyweight|body weight)\s+{_NUM}\s*{_WEIGHT_UNIT}?\s*\)",
    rf"\b(?:weighed(?:\s+in)?(?:\s+at)?|weigh[- ]in|scale\s+said)\s*(?::\s*)?{_NUM}"
    rf"\s*{_WEIGHT_UNIT}?",
    r"\btempo\s*(?:[:=]\s*)?\(?[0-9x](?:\s*-\s*)?[0-9x](?:\s*-\s*)?[0-9x](?:\s*-\s*)?[0-9x]\)?"
    r"|\b[0-9x]{4}\s+tempo\b|\(\s*[0-9x]-?[0-9x]-?[0-9x]-?[0-9x]\s*\)"
    r"|\b(?=[0-9x-]{0,6}[0x])[0-9x]-[0-9x]-[0-9x]-[0-9x]\b|@\s*(?=[0-9x]{0,3}[0x])\d[0-9x]{3}\b",
    r"(?<![\w.])(?:\d[a-e]|[a-e]\d)[).:](?=\s)",
    r"\bwarm[- ]?ups?\b|\bw/u\b|\bworking sets?\b|\btop sets?\b|\bback[- ]?off(?: sets?)?\b",
    # Spans of days and ordinals ("3 weeks", "2nd session") are never sets.
    r"\b\d+\s*(?:weeks?|wks|days|months?|years?|yrs?)\b|\b\d+(?:st|nd|rd|th)\b",
)))  # fmt: skip
# Noise that needs a given word: a substring test skips its pass on most lines, where one more
# branch of _NOISE would be tried at every character of every line.
_KEYED_NOISE = tuple((key, re.compile(pattern)) for key, pattern in (
    ("rm", rf"\b(?:e1rm|est(?:imated)?\.?\s*1rm)\s*(?:(?:of|was|is|=|:)\s*)?~?{_NUM}"
           rf"\s*{_WEIGHT_UNIT}?"),
    # A rep max that is stated ("3rm is 120") is not a set.
    ("rm", rf"(?<![\w.])\d{{1,2}}\s*rm\s*(?:[a-z]+\s+){{0,2}}(?:is|was|=|would be|should be)"
           rf"\s*~?{_NUM}\s*{_WEIGHT_UNIT}?"),
    # Nor is the max a percentage is taken of ("75% of 1rm 150").
    ("%", rf"(?<=%)\s*(?:of\s+)?(?:my\s+)?(?:e?1rm|\d{{1,2}}\s*rm|max|tm|training max)\b"
          rf"(?:\s*(?:of|=|:|is|was)?\s*~?{_NUM}\s*{_WEIGHT_UNIT}?)?"),
    ("paus", r"\b\d+(?:\.\d+)?\s*(?:(?:s|secs?|seconds?|\"|ct|count)\s*)?(?:pause|paused)\b"
             r"|\bpause[ds]?\s*(?:(?:of|for)\s*)?\d+(?:\.\d+)?\s*(?:s|secs?|seconds?|\"|ct|count)\b"),
    ("felt", r"\bfelt\s+like\s+(?:an?\s+)?\d+(?:\.\d+)?\b"),
    ("sle", rf"\bslept\s+(?:for\s+)?(?:about\s+)?~?{_NUM}\s*(?:h|hrs?|hours?)\b"
            rf"|\b{_NUM}\s*(?:h|hrs?|hours?)\s+(?:of\s+)?sleep\b"),
    ("one", r"\b(?:tough|easy|good|nice|great|solid|ugly|grindy|rough|hard|brutal|fun|clean"
            r"|smooth)\s+one\b(?!\s*(?:more|at|@|x|for|with|set|rep|\d))"),
))  # fmt: skip
_COMMA_DECIMAL = re.compile(r"(?<![\d,])(\d+),(\d{1,2})(?=\s*(?:kgs?\b|kilos?|lbs?\b|#|k\b|x|\*))")
_TAG = re.compile(r"\[([^\]]*)\]")
_PAREN_MINUS = re.compile(r"\(\s*-\s*\)")
# A note inside a dash ladder ("25-30(PR)-35") goes without a space, so the ladder holds.
_LADDER_NOTE = re.compile(r"(?<=\d)\([^()\d]*\)(?=-\d)")
_EQUIPMENT = (
    r"barbell|dumbbells?|cable|machine|smith(?: machine)?|kettlebells?|bodyweight|assisted"
    r"|weighted|band(?:ed)?|ez[- ]?bar|trap bar|hex bar|plate loaded|lever|landmine"
)
_WORD_PAREN = re.compile(rf"\((?!\s*(?:{_EQUIPMENT})\b)[^()\d]*\)")
_PR_STAR = re.compile(r"(?<=\d)\*(?!\s*\d)|(?<=\d)\+(?!\d)|~")
_SPACES = re.compile(r"[ ]{2,}")


def normalise(text: str) -> str:
    """Lower-case the text and map look-alike characters (×, curly quotes, dashes) to ASCII."""
    return _SYMBOLS.sub(" ", text.translate(_CHARS).lower())


def strip_noise(line: str) -> tuple[str, bool]:
    """Remove dates, tags, rest, tempo, PR notes and the like from one normalised line.

    Returns:
        The cleaned line and whether a "[seconds]" tag said its counts are seconds.
    """
    seconds = False
    if "[" in line:
        seconds = any("second" in tag for tag in _TAG.findall(line))
        line = _TAG.sub(" ", line)
    if "(" in line:
        line = _LADDER_NOTE.sub("", _PAREN_MINUS.sub(" -", line))
    if "," in line:
        line = _COMMA_DECIMAL.sub(r"\1.\2", line)
    for key, pattern in _KEYED_NOISE:
        if key in line:
            line = pattern.sub(" ", line)
    line = _NOISE.sub(" ", line).replace("w/", "with ")
    if "(" in line:
        line = _WORD_PAREN.sub(" ", line)
    return _SPACES.sub(" ", _PR_STAR.sub(" ", line)).strip(), seconds
