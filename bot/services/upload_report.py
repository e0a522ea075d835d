"""The reply text of an upload: a block per new activity, a line per repeat or bad file."""

from __future__ import annotations

import json
from collections.abc import Sequence

from bot.formatting import fmt_duration
from bot.services.activities_view import ActivityResult, activity_block, label_of, one_line
from bot.services.athlete import DEFAULT_AGE
from bot.services.upload_store import Athlete, FileOutcome
from storage.tables import ActivityRow

MAX_DETAILED = 6  # further new activities of a big ZIP get one line each


def repeat_text(rows: Sequence[ActivityRow], who: Athlete) -> str:
    """'Already have this one (Tue 3 Nov run, 10.2 km)'."""
    if not rows:
        return "Already have this one."
    first = rows[0]
    gait = json.loads(first.summary or "{}").get("gait")
    label = label_of(first.sport, first.sub_sport, gait)
    what = one_line(label, first.start_time.astimezone(who.tz), first.distance_m, who.unit)
    more = f" + {len(rows) - 1} more" if len(rows) > 1 else ""
    return f"Already have this one ({what}{more})"


def _brief(result: ActivityResult, who: Athlete) -> str:
    a = result.activity
    line = one_line(result.label, result.start_local, a.distance_m, who.unit)
    return f"• {line}, {fmt_duration(a.elapsed_s)}"


def transitions_text(results: Sequence[ActivityResult]) -> str | None:
    """'🔁 Transitions: T1 2:50 · T2 1:00': a multisport file's changeovers on one line."""
    times = [r.activity.elapsed_s for r in results if r.activity.sport == "transition"]
    if not times:
        return None
    shown = " · ".join(f"T{i} {fmt_duration(s)}" for i, s in enumerate(times, start=1))
    return f"🔁 Transition{'s' * (len(times) > 1)}: {shown}"


def _section(outcome: FileOutcome, who: Athlete, single: bool, room: int) -> tuple[str, int]:
    """One file's text, and how many detailed blocks are still allowed after it."""
    head = "" if single else f"📄 {outcome.name}"
    if outcome.error is not None:
        text = f"Nothing saved: {outcome.error}" if single else f"{head}: {outcome.error}"
        return text, room
    if not outcome.results:
        text = repeat_text(outcome.duplicates, who)
        return (text if single else f"{head}: {text}"), room
    parts = [head] if head else []
    for result in outcome.results:
        if result.activity.sport == "transition":
            continue  # one line for all of them, below
        brief = room <= 0
        parts.append(_brief(result, who) if brief else activity_block(result, who.unit))
        room -= not brief
    transitions = transitions_text(outcome.results)
    if transitions:
        parts.append(transitions)
    if outcome.duplicates:
        count = len(outcome.duplicates)
        parts.append(f"(Skipped {count} session{'s' * (count != 1)} I already had.)")
    return "\n\n".join(parts), room


def _tally(outcomes: Sequence[FileOutcome]) -> str:
    new = sum(len(o.results) for o in outcomes)
    repeats = sum(1 for o in outcomes if not o.results and o.error is None)
    bad = sum(1 for o in outcomes if o.error is not None)
    return (
        f"📦 {len(outcomes)} files: {new} new activit{'ies' if new != 1 else 'y'}, "
        f"{repeats} already here, {bad} unreadable."
    )


def zones_note(outcomes: Sequence[FileOutcome], who: Athlete) -> str | None:
    """The once-per-reply hint that zones use a default age, when they do."""
    with_hr = any(r.activity.has_hr for o in outcomes for r in o.results)
    if not (who.heart.defaulted and with_hr):
        return None
    return (
        f"ℹ️ Zones assume a max HR of {who.heart.athlete.hr_max:.0f} (a {DEFAULT_AGE}-year-old's "
        "estimate). Set /hr — your birth year or max HR — to make them personal."
    )


def compose(outcomes: Sequence[FileOutcome], who: Athlete, file_count: int) -> str:
    """The whole reply; the caller splits it if it is longer than one message."""
    single = file_count == 1
    sections = [] if single else [_tally(outcomes)]
    room = MAX_DETAILED
    for outcome in outcomes:
        text, room = _section(outcome, who, single, room)
        sections.append(text)
    note = zones_note(outcomes, who)
    if note:
        sections.append(note)
    return "\n\n".join(sections)
