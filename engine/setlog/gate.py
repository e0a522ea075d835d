"""Tell set logs from other messages: questions, commands, body mass, food, others' lifts."""

from __future__ import annotations

import re

_NUM = r"\d+(?:[.,]\d+)?"
_UNIT = r"(?:kgs?|kilos?|lbs?|pounds?|#)"
_REJECT = [re.compile(p) for p in (
    r"^\s*/",
    r"\?",
    r"^\W*(?:undo|delete|remove|edit|change|fix|cancel|scratch that|show|list|export|help"
    r"|settings|reset|correct|correction|update|replace|oops|wrong|what|how|why|when|where|which"
    r"|who|should|can|could|would|is|are|am|do|does|shall)\b",
    rf"^\W*(?:my\s+)?(?:bw|body ?weight|weight|weighed(?:\s+in)?|weigh[- ]in|morning weight"
    rf"|scale(?:\s+says)?)\b[^\d\n]{{0,24}}{_NUM}\s*{_UNIT}?\W*(?:today|this morning)?\W*$",
    rf"^\W*(?:weighed\s+)?{_NUM}\s*{_UNIT}?\s*(?:bw|body ?weight)\b[a-z ]*$",
)]  # fmt: skip
# Thanks, other people and food: a message about them is not a log, but a log may end with
# such a remark ("bench 80x5, thanks coach"), which is then cut off.
_REMARK = re.compile(
    r"\b(?:thanks|thank you|thank u|thx|ty|cheers|much appreciated)\b"
    r"|\b(?:he|she|they|his|her|their|friend|friends|buddy|brother|sister|wife|husband"
    r"|girlfriend|boyfriend|dad|father|mum|mom|mother|son|daughter|guy|guys|girl|someone"
    r"|somebody|everyone|teammate|training partner|world record|wr)\b"
    r"|\b(?:ate|eaten|eat|eating|calories|kcal|cals|protein|carbs|macros|breakfast|lunch|dinner"
    r"|snack|meal|meals|food|drank|creatine)\b|\d\s*g\s+(?:of\s+)?(?:protein|carbs|fat)"
)
_DIGIT = re.compile(r"\d")
# A body-mass report on its own ("bw 82.5kg", "BW: 81", "weighed 80.2"): never a set, not
# even as a follow-up. Numbers outside any human body mass are left to the set grammar.
_BODY_MASS = re.compile(
    rf"\W*(?:my\s+)?(?:bw|body ?weight|body ?mass|weight|weighed(?:\s+in)?(?:\s+at)?"
    rf"|weigh[- ]in|morning weight|scale(?:\s+says)?)\s*(?:(?:[:=]|is|was|of|at|today|now"
    rf"|this morning)\s*)*(?P<num>{_NUM})\s*(?P<unit>{_UNIT})?\W*(?:today|now|this morning)?\W*"
    rf"|\W*(?:weighed\s+)?(?P<num2>{_NUM})\s*(?P<unit2>{_UNIT})?\s*(?:bw|body ?weight)\W*"
)
_BODY_KG = (25.0, 400.0)
_PLAN = re.compile(
    r"\b(?:tomorrow|tmrw|tmr|next (?:week|time|session|workout|day|mon|tue|wed|thu|fri|sat|sun)"
    r"\w*|planning|plan|the plan|going to|gonna|will do|will try|i'll|goal|goals|target"
    r"|targets|aiming|aim for|aim to|want to|wanna|hope to|hoping to|supposed to|program said"
    r"|program says|programme said|program called for|scheduled|should do|to do)\b"
)
_DONE = re.compile(r"\b(?:got|did|done|managed|completed|finished|ended up|actually|only)\b")
_CLAUSE_SPLIT = re.compile(r"(,(?!\d)\s*|;\s*|\.(?!\d)\s*|\s+but\s+|[()])")
_PLANNED_SETS = re.compile(
    r"(?<!\d)\d+\s*(?:x|\*)\s*\d+(?:\s*(?:x|\*)\s*\d+)?|(?<!\d)\d+\s*sets?(?:\s*of\s*\d+)?"
    r"|(?<!\d)\d+\s*reps?"
)
_UNIT_STATEMENT = re.compile(
    r"\b(?:all|everything|weights?|loads?|numbers)\s+(?:are\s+|were\s+|is\s+)?(?:in\s+)?"
    r"(?P<u>kgs?|kilos?|lbs?|pounds)\b|^\W*(?:all\s+)?in\s+(?P<v>kgs?|kilos?|lbs?|pounds)\W*$",
    re.IGNORECASE | re.MULTILINE,
)


def screen(text: str) -> tuple[bool, bool]:
    """Tell whether a normalised message is not a set log, and whether it ends with a remark."""
    if any(p.search(text) for p in _REJECT):
        return True, False
    remark = _REMARK.search(text)
    if remark is None:
        return False, False
    trailing = bool(_DIGIT.search(text, 0, remark.start())) and not _DIGIT.search(
        text, remark.start()
    )
    return not trailing, trailing


def body_mass(text: str) -> tuple[float, str | None] | None:
    """The body mass a normalised message reports on its own, with its unit; None if none."""
    m = _BODY_MASS.fullmatch(text.strip())
    if m is None:
        return None
    value = float((m["num"] or m["num2"]).replace(",", "."))
    word = m["unit"] or m["unit2"]
    unit = None if word is None else ("kg" if word.startswith("k") else "lb")
    low, high = _BODY_KG
    if unit == "lb" or (unit is None and value > high):
        low, high = low / 0.45359237, high / 0.45359237
    return (value, unit) if low <= value <= high else None


def cut_remark(line: str) -> str:
    """Cut a trailing remark without numbers ("thanks coach", "wife spotted me") off a line."""
    remark = _REMARK.search(line)
    if remark is None or _DIGIT.search(line, remark.start()):
        return line
    return line[: remark.start()]


def drop_plans(line: str) -> str:
    """Keep what was done: clauses about plans, targets and tomorrow are removed.

    When a later clause says what was done ("got", "did"), the plan clause keeps its name and
    load, so "squat target 5x5 at 100, got 5,5,4" still logs the reps at 100.
    """
    if not _PLAN.search(line):
        return line
    parts = _CLAUSE_SPLIT.split(line)
    for k in range(0, len(parts), 2):  # odd indexes hold the separators
        clause = parts[k]
        if _PLAN.search(clause) and not _DONE.search(clause):
            if any(_DONE.search(later) for later in parts[k + 2 :: 2]):
                clause = _PLANNED_SETS.sub(" ", clause)
                parts[k] = _PLAN.sub(" ", clause).replace(" at ", " ")
            else:
                parts[k] = " "
    return "".join(parts)


def unit_statement(text: str) -> tuple[str | None, str]:
    """Find a message-wide unit ("all in kg") and return it with the statement removed."""
    m = _UNIT_STATEMENT.search(text)
    if m is None:
        return None, text
    word = (m.group("u") or m.group("v") or "").lower()
    unit = "kg" if word.startswith("k") else "lb"
    return unit, text[: m.start()] + " " + text[m.end() :]
