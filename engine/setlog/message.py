"""Parse a whole message: split it into exercises, parse each one's sets, merge and check."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from engine.catalog import Exercise, alias_index, suggest
from engine.errors import ImplausibleValueError
from engine.plausibility import name_problem
from engine.setlog.entry import Entry, check_parsed, scope_units, to_exercise
from engine.setlog.gate import body_mass, cut_remark, drop_plans, screen, unit_statement
from engine.setlog.model import (
    Ambiguity,
    MessageTooLongError,
    ParsedExercise,
    ParsedSet,
    ParseResult,
    UnknownExerciseError,
)
from engine.setlog.names import NameHit, find_names, guess_name
from engine.setlog.quick import read_common
from engine.setlog.text import normalise, strip_noise

MAX_CHARS = 4096
BODY_WEIGHT = (
    "That looks like your body weight ({mass}), so I haven't logged it as a set: nothing was "
    "saved. Log body weight with /weight, like /weight 82.5."
)
_CHUNK = re.compile(r"[\n;]")
_MARK = re.compile(
    r"^(?:[-*]+(?=\s)|\d{1,2}[.)](?=\s)|[a-wyz]\d{1,2}[.):]?(?=\s)|set\s*\d+\s*[:.)-]?"
    r"|w\d+\s*[:.)]|(?:\[\s*x?\s*\])|(?:warm[- ]?up|wu)\s*\d*\s*[:.)])\s*"
)
_SEPARATOR = re.compile(r";|,\s|\s(?:then|and|&|\+)\s|\s-\s(?=[a-z])")
_SET_NOTATION = re.compile(
    r"\d\s*[x*]\s*\d|\d\s*(?:kgs?|lbs?|#|kilos?|pounds?)\b|\b\d+\s*(?:sets?|reps?)\b|@\s*\d"
    r"|\bsets? of\b|\d\s*(?:min|mins|sec|secs|s|km|k|m|mi|miles?)\b|\d:\d\d"
    r"|(?<![a-z\d])\d{1,2}\s*rm\b"
)


def _split(chunk: str, hits: list[NameHit]) -> list[tuple[NameHit, str]]:
    """Give each name the text around it, cutting between names at the last separator."""
    pieces: list[tuple[NameHit, str]] = []
    before = chunk[: hits[0].start]
    for k, hit in enumerate(hits):
        stop = hits[k + 1].start if k + 1 < len(hits) else len(chunk)
        between = chunk[hit.end : stop]
        cuts = list(_SEPARATOR.finditer(between)) if k + 1 < len(hits) else []
        mine, nxt = (
            (between[: cuts[-1].start()], between[cuts[-1].end() :]) if cuts else (between, "")
        )
        pieces.append((hit, f"{before} {mine}"))
        before = nxt
    return pieces


_DIGIT = re.compile(r"\d")


def _unnamed(chunk: str, current: Entry | None, custom: Sequence[Exercise]) -> NameHit | None:
    """Handle a line without a known name: a typo'd name, a set line, or an unknown exercise.

    A line of bare numbers with no exercise before it ("80x5") is left alone: it is a
    follow-up to the previous set, which ``parse_followup`` reads.
    """
    if not _SET_NOTATION.search(chunk) and not (current and re.search(r"\d", chunk)):
        return None
    hit, candidate = guess_name(chunk, custom)
    if hit is not None or current is not None:
        return hit
    if candidate and name_problem(candidate) is not None:
        raise UnknownExerciseError("")  # not a name anyone would give an exercise: ask which
    if candidate:
        raise UnknownExerciseError(candidate, suggest(candidate, custom))
    return None


def _entries(
    text: str, index: Mapping[str, Exercise], custom: Sequence[Exercise], remark: bool
) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    for raw in _CHUNK.split(text):
        line = drop_plans(normalise(raw))
        chunk, seconds = strip_noise(cut_remark(line) if remark else line)
        chunk = _MARK.sub("", chunk).strip()
        if not chunk:
            continue
        source = raw.strip()
        hits = find_names(chunk, index, custom)
        for hit in hits:
            if hit.unknown is not None and _DIGIT.search(chunk):
                options = [hit.exercise.name, *suggest(hit.unknown, custom)]
                raise UnknownExerciseError(hit.unknown, list(dict.fromkeys(options))[:3])
        if not hits:
            guessed = _unnamed(chunk, current, custom)
            if guessed is None:
                if current is not None:
                    current.feed(chunk, source, seconds)
                continue
            hits = [guessed]
        for hit, piece in _split(chunk, hits):
            entry = Entry.of(hit)
            entry.feed(piece, source, seconds)
            entries.append(entry)
        current = entries[-1]
    return entries


Named = list[tuple[str, list[ParsedSet], list[str]]]


def _merge(named: Named) -> dict[str, tuple[list[ParsedSet], list[str]]]:
    """Concatenate the sets of an exercise mentioned more than once, in order."""
    merged: dict[str, tuple[list[ParsedSet], list[str]]] = {}
    for name, sets, sources in named:
        if not sets:
            continue
        slot = merged.setdefault(name, ([], []))
        slot[0].extend(sets)
        slot[1].extend(s for s in sources if s not in slot[1])
    return merged


def _result(entries: list[Entry], unit: str | None) -> ParseResult:
    """Finish every entry, merge repeats, and attach the first ambiguity's other reading."""
    plain: Named = []
    alternative: Named = []
    question: tuple[str, str, str] | None = None
    for entry in entries:
        sets, alt, asked = entry.finish()
        plain.append((entry.exercise.name, sets, entry.sources))
        use_alt = alt is not None and question is None
        alternative.append((entry.exercise.name, alt if use_alt and alt else sets, entry.sources))
        question = question or asked
    readings = []
    for named in (plain, alternative) if question else (plain,):
        merged = _merge(named)
        readings.append(
            tuple(to_exercise(n, scope_units(s, unit), src) for n, (s, src) in merged.items())
        )
    kinds = {entry.exercise.name: entry.exercise for entry in entries}
    problems = [_implausible(reading, kinds) for reading in readings]
    if question is None or problems[0] or problems[1]:
        # A reading no one could have done is never offered: the other one is then taken.
        for reading, problem in zip(readings, problems, strict=True):
            if problem is None:
                return ParseResult(reading)
        raise problems[0] or ImplausibleValueError("")
    ask, label, alt_label = question
    return ParseResult(
        readings[0], Ambiguity(ask, ((label, readings[0]), (alt_label, readings[1])))
    )


def _implausible(
    reading: tuple[ParsedExercise, ...], kinds: Mapping[str, Exercise]
) -> ImplausibleValueError | None:
    """Why a reading holds a set no one could have done (units already scoped), or None."""
    try:
        for item in reading:
            for s in item.sets:
                check_parsed(kinds.get(item.exercise), s)
    except ImplausibleValueError as exc:
        return exc
    return None


def parse_message(text: str, custom: Sequence[Exercise] = ()) -> ParseResult:
    """Parse a free-text set log into exercises and sets.

    Args:
        text: The message as the user wrote it.
        custom: The user's own exercises, recognised alongside the built-in catalog.

    Returns:
        The exercises and sets logged (empty for questions, plans, commands and other
        non-logs), with an ambiguity to confirm when a reading is genuinely uncertain.

    Raises:
        UnknownExerciseError: The message looks like a log but names no known exercise.
        SetLogError: The message is too long or holds an implausible number.
    """
    if len(text) > MAX_CHARS:
        raise MessageTooLongError(
            f"That message is too long to read as a log (over {MAX_CHARS} characters)."
        )
    found = None if custom else read_common(text)
    return found if found is not None else parse_fully(text, custom)


def body_weight_note(plain: str) -> str:
    """The reply to a normalised message that reports body mass on its own; "" otherwise."""
    found = body_mass(plain)
    if found is None:
        return ""
    value, unit = found
    return BODY_WEIGHT.format(mass=f"{value:g} {unit}" if unit else f"{value:g}")


def parse_fully(text: str, custom: Sequence[Exercise] = ()) -> ParseResult:
    """``parse_message`` without its one-step reading of the commonest form (see quick)."""
    plain = normalise(text)
    rejected, remark = screen(plain)
    if rejected:
        return ParseResult(note=body_weight_note(plain))
    unit, text = unit_statement(text)
    return _result(_entries(text, alias_index(custom), custom, remark), unit)
