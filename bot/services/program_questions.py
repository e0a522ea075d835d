"""The /program questions: which one comes next, its buttons, and the answers as a request.

Answers are a plain dict (stored as JSON between taps): ``goals`` (list), ``goals_done``,
``weights`` (list summing to 10), ``days``, ``minutes``, ``equipment``, ``split``, ``weeks``
and ``start`` ("today" or "monday"). The next question is always the first one unanswered,
so changing an answer after an impossible combination only clears that answer.
"""

from __future__ import annotations

import datetime as dtm
from typing import Any

from bot.services.program_schedule import next_monday
from engine.catalog import EQUIPMENT
from engine.errors import ProgramError
from engine.program import ProgramRequest

Answers = dict[str, Any]
Choice = tuple[str, str]  # (button label, value)

GOALS = {
    "strength": "💪 Strength",
    "hypertrophy": "🧱 Muscle (hypertrophy)",
    "endurance": "🏃 Endurance",
    "fat_loss": "🔥 Fat loss",
    "power": "⚡ Power",
}
# Weight presets, most important goal first; weights always sum to 10.
TWO_GOAL_WEIGHTS = ((7, 3), (5, 5), (6, 4), (8, 2))
THREE_GOAL_WEIGHTS = ((5, 3, 2), (4, 3, 3), (6, 2, 2), (4, 4, 2))
DAYS = (2, 3, 4, 5, 6)
MINUTES = (30, 45, 60, 75, 90)
EQUIPMENT_SETS: dict[str, tuple[str, frozenset[str]]] = {
    "gym": ("🏋️ Full gym", frozenset(EQUIPMENT) - {"none"}),
    "home": ("🏠 Barbell + dumbbells", frozenset({"barbell", "dumbbell", "bodyweight"})),
    "dumbbells": ("Dumbbells only", frozenset({"dumbbell", "bodyweight"})),
    "bodyweight": ("🤸 Bodyweight only", frozenset({"bodyweight"})),
}
SPLITS = {
    "upper_lower": "Upper / Lower",
    "ppl": "Push / Pull / Legs",
    "full_body": "Full body",
    "hybrid": "Hybrid (upper/lower + PPL)",
}
MIN_DAYS = {"ppl": 3}  # splits that need more than the fewest days offered
WEEKS = (8, 10, 12)
FIELDS = ("goal", "weights", "days", "minutes", "equipment", "split", "weeks", "start")
# What an impossible combination offers to change: (label, field).
CHANGES = (
    ("Change goals", "goal"),
    ("Change days", "days"),
    ("Change session length", "minutes"),
    ("Change equipment", "equipment"),
    ("Change split", "split"),
)


def next_field(answers: Answers) -> str | None:
    """The first unanswered question, or None when everything is answered."""
    if not answers.get("goals_done"):
        return "goal"
    return next((f for f in FIELDS[1:] if f not in answers), None)


def _goal_name(goal: str) -> str:
    return GOALS[goal].split(" ", 1)[1].split(" (")[0]


def goals_text(goals: list[str], weights: list[int]) -> str:
    """'Strength 7 · Muscle 3'."""
    return " · ".join(f"{_goal_name(g)} {w}" for g, w in zip(goals, weights, strict=True))


def question(field: str, answers: Answers, today: dtm.date) -> tuple[str, list[Choice]]:
    """The text and choices of one question."""
    goals: list[str] = answers.get("goals", [])
    if field == "goal":
        rest = [(label, g) for g, label in GOALS.items() if g not in goals]
        if not goals:
            return "What's your main goal?", rest
        only = "Only this goal" if len(goals) == 1 else "Just these two"
        return f"Add a {'second' if len(goals) == 1 else 'third'} goal?", [*rest, (only, "done")]
    if field == "weights":
        presets = TWO_GOAL_WEIGHTS if len(goals) == 2 else THREE_GOAL_WEIGHTS
        options = [(goals_text(goals, list(p)), "-".join(map(str, p))) for p in presets]
        return "How should they weigh against each other (out of 10)?", options
    if field == "days":
        return "How many days a week can you train?", [(str(d), str(d)) for d in DAYS]
    if field == "minutes":
        return "How long is a session?", [(f"{m} min", str(m)) for m in MINUTES]
    if field == "equipment":
        return "What equipment do you have?", [(v[0], k) for k, v in EQUIPMENT_SETS.items()]
    if field == "split":
        # Push/pull/legs needs three days: with two it is not offered rather than refused.
        short = answers.get("days", 3) < MIN_DAYS["ppl"]
        return "Which split?", [(v, k) for k, v in SPLITS.items() if not (short and k == "ppl")]
    if field == "weeks":
        return "How many weeks?", [(f"{w} weeks", str(w)) for w in WEEKS]
    monday = next_monday(today)
    return "When do you start?", [
        (f"Today ({today:%a %d %b})", "today"),
        (f"Next Monday ({monday:%d %b})", "monday"),
    ]


def _valid(field: str, value: str, answers: Answers) -> bool:
    """Whether a tapped value belongs to the question (old keyboards send stale ones)."""
    # The date only changes the start question's labels, never its values.
    _text, choices = question(field, answers, dtm.date(2000, 1, 3))
    return value in {v for _label, v in choices}


def answer(answers: Answers, field: str, value: str) -> Answers | None:
    """The answers with one more; None when the tap is not for the current question."""
    if field != next_field(answers) or not _valid(field, value, answers):
        return None
    new = dict(answers)
    if field == "goal":
        goals = [*answers.get("goals", [])] + ([] if value == "done" else [value])
        new["goals"] = goals
        new["goals_done"] = value == "done" or len(goals) == 3
        if new["goals_done"] and len(goals) == 1:
            new["weights"] = [10]
    elif field == "weights":
        new["weights"] = [int(w) for w in value.split("-")]
    elif field in ("days", "minutes", "weeks"):
        new[field] = int(value)
    else:
        new[field] = value
    return new


def change(answers: Answers, field: str) -> Answers:
    """The answers with one question cleared, to be asked again."""
    new = dict(answers)
    if field == "goal":
        for key in ("goals", "goals_done", "weights"):
            new.pop(key, None)
    else:
        new.pop(field, None)
    return new


def request_of(answers: Answers) -> ProgramRequest:
    """The engine request for complete answers.

    Raises:
        ProgramError: The combination is impossible (the message says why).
    """
    try:
        goals = dict(zip(answers["goals"], answers["weights"], strict=True))
        equipment = EQUIPMENT_SETS[answers["equipment"]][1]
        days, minutes = answers["days"], answers["minutes"]
        split, weeks = answers["split"], answers["weeks"]
    except (KeyError, TypeError, ValueError) as exc:
        raise ProgramError("Those answers could not be read; send /program again.") from exc
    return ProgramRequest(goals, days, minutes, equipment, split, weeks)


def start_date(answers: Answers, today: dtm.date) -> dtm.date:
    """The first day of week 1."""
    return today if answers.get("start") == "today" else next_monday(today)


def summary(answers: Answers) -> list[str]:
    """One line per answered question."""
    lines = []
    goals = answers.get("goals", [])
    if "weights" in answers:
        lines.append(f"Goals: {goals_text(goals, answers['weights'])}")
    elif goals:
        lines.append(f"Goals: {', '.join(_goal_name(g) for g in goals)}")
    if "days" in answers:
        lines.append(f"Days a week: {answers['days']}")
    if "minutes" in answers:
        lines.append(f"Session: {answers['minutes']} min")
    if "equipment" in answers:
        lines.append(f"Equipment: {EQUIPMENT_SETS[answers['equipment']][0]}")
    if "split" in answers:
        lines.append(f"Split: {SPLITS[answers['split']]}")
    if "weeks" in answers:
        lines.append(f"Length: {answers['weeks']} weeks")
    return [f"✓ {line}" for line in lines]
