"""The coach's line without a model: several phrasings per situation, picked from the facts.

The same facts always give the same line (a hash picks it), different days read differently,
and every phrasing passes the guardrails on its own.
"""

from __future__ import annotations

import zlib

from prompts.facts import Decision, Facts

WORKOUT_DONE = "workout finished"
MORNING = "today's session"

_RECORDS = (
    "A new best on the board: that is what steady work looks like.",
    "New record today. Eat well and sleep well, you earned it.",
    "Records like this come from showing up. Enjoy it tonight.",
)
_DONE = (
    "Solid work today. Recovery starts now: eat, drink and sleep well.",
    "Another session in the book. Consistency like this is what builds strength.",
    "Good work. The sets are logged; now let your body adapt.",
    "Done and dusted. Showing up is the part most people skip.",
)
_MORNING = {
    Decision.DELOAD: (
        "Lighter on purpose today, so the next block starts fresh.",
        "Easy does it: the light loads let fatigue drain away.",
        "A deload is training too. Move well and leave with energy to spare.",
    ),
    Decision.INCREASE: (
        "The plan moves on today. Warm up well and own every rep.",
        "Progress is on the menu today. Stay patient between sets.",
        "New loads today: smooth reps first, speed second.",
    ),
    Decision.HOLD: (
        "Same loads as last time: make them look smoother today.",
        "Steady today. Chase clean reps and calm breathing.",
        "The plan holds the loads, so make every rep crisp.",
    ),
    Decision.NONE: (
        "Have a good session today.",
        "Make today count: quality reps and full focus.",
        "Warm up well and enjoy the work today.",
    ),
}


def phrasings(facts: Facts) -> tuple[str, ...]:
    """Every line the template could say for these facts."""
    if facts.topic == WORKOUT_DONE:
        return _RECORDS if facts.has("records") else _DONE
    return _MORNING.get(facts.decision, _MORNING[Decision.NONE])


def template_line(facts: Facts) -> str:
    """The line for these facts, the same every time they are the same."""
    options = phrasings(facts)
    return options[zlib.crc32(facts.render().encode()) % len(options)]
