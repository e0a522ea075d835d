"""The facts each coached message speaks of, from the asker's own data only."""

from __future__ import annotations

from bot.services.workouts import WorkoutSummary
from prompts.facts import Decision, Facts
from prompts.phrasing import WORKOUT_DONE

_RECORD_KINDS = {
    "weight": "heaviest ever",
    "e1rm": "best estimated max",
    "added": "most added load",
    "reps": "most reps at a load",
    "duration": "longest hold",
}
MAX_EXERCISES = 6  # the prompt stays short on a Pi


def _num(value: float) -> str:
    return f"{round(value, 1):g}"


def summary_facts(summary: WorkoutSummary) -> Facts:
    """A finished workout: what was done, how much, how long and any records."""
    exercises = summary.exercises[:MAX_EXERCISES]
    minutes = round(summary.duration.total_seconds() / 60)
    lines = [
        ("exercises", ", ".join(e.exercise for e in exercises)),
        ("sets", str(summary.set_count)),
        ("duration", f"{minutes} min"),
        ("tonnage", f"{summary.tonnage:,.0f} {summary.unit}"),
    ]
    bests = [f"{e.exercise} {_num(e.best_e1rm)} {summary.unit}" for e in exercises if e.best_e1rm]
    if bests:
        lines.append(("best_e1rm", ", ".join(bests)))
    kinds = _RECORD_KINDS
    records = sorted({f"{name} {kinds.get(r.kind, 'record')}" for name, r in summary.records})
    if records:
        lines.append(("records", ", ".join(records[:MAX_EXERCISES])))
    return Facts(WORKOUT_DONE, Decision.NONE, tuple(lines))
