"""Plain-text program messages shared by the commands and the morning job."""

from __future__ import annotations

import datetime as dtm
from collections.abc import Sequence

from bot.services.program_progress import Change
from bot.services.program_questions import SPLITS, goals_text
from bot.services.program_schedule import SessionDate, weekday_list
from bot.services.program_state import ActiveProgram
from bot.services.program_views import DayView, Progress, StatsView, WeekView
from bot.services.sets import SetView, from_kg
from engine.loading import default_profile, equipment_of, format_plates
from engine.program import PlannedExercise, PlannedSession

NO_PROGRAM = "You don't have a program yet. Send /program to build one."


def _num(value: float) -> str:
    return f"{round(value, 1):g}"


def _load(kg: float, unit: str) -> str:
    return f"{_num(from_kg(kg, unit) or 0.0)} {unit}"


def _day(day: dtm.date) -> str:
    return f"{day:%a %d %b}"


def _title(name: str) -> str:
    return name[:1].upper() + name[1:]


def target(planned: PlannedExercise, unit: str) -> str:
    """'4 × 5 @ 100 kg (RIR 2)', '3 × 8–12 @ RIR 2'."""
    reps = planned.rep_text.replace("-", "–")
    shape = f"{planned.sets} × {reps}"
    paused = ", paused" if planned.progression == "paused" else ""
    if planned.load_kg:
        return f"{shape} @ {_load(planned.load_kg, unit)} (RIR {planned.rir:g}{paused})"
    return f"{shape} @ RIR {planned.rir:g}" + (" (paused)" if paused else "")


def _warmup(planned: PlannedExercise, unit: str) -> str:
    steps = []
    for step in planned.warmup:
        if step.load_kg is None:
            steps.append(f"{step.fraction:.0%} × {step.reps}")
        else:
            steps.append(f"{_num(from_kg(step.load_kg, unit) or 0.0)} × {step.reps}")
    return "warm-up: " + ", ".join(steps)


def exercise_lines(planned: PlannedExercise, unit: str) -> list[str]:
    """One exercise in full: target, then plates and warm-ups for main lifts."""
    lines = [f"• {_title(planned.exercise)} {target(planned, unit)}"]
    if planned.main and not planned.load_kg and planned.percent_1rm:
        lines[0] += " — find your load ↓"
    barbell = equipment_of(planned.exercise) in ("barbell", "trap bar")
    if planned.load_kg and barbell:
        # Stored kg carry two decimals; a tenth in the user's unit gets the makeable load back.
        shown = round(from_kg(planned.load_kg, unit) or 0.0, 1)
        plates = format_plates(shown, default_profile(unit))
        if plates:
            lines.append(f"   plates: {plates}")
    if planned.warmup:
        lines.append(f"   {_warmup(planned, unit)}")
    return lines


def _session_head(at: SessionDate, session: PlannedSession, weeks: int) -> str:
    block = "🔻 deload week" if session.block == "deload" else session.block
    return f"{_day(at.date)} · week {at.week} of {weeks}, day {at.day} · {session.name} ({block})"


def render_day(view: DayView) -> str:
    """/today: the session in full, or a rest day and the next session."""
    active = view.active
    if active is None:
        return NO_PROGRAM
    if view.at is None:
        if view.next_at is None:
            return f"🏁 Your program finished on {_day(active.end)}. Send /program for a new one."
        upcoming = active.planned(view.next_at)
        opener = "😌 Rest day" if view.on >= active.start else "⏳ Your program hasn't started"
        return f"{opener} — {_day(view.on)}.\nNext: {_day(view.next_at.date)} — {upcoming.name}."
    session = active.planned(view.at)
    lines = [f"📋 Today — {_session_head(view.at, session, active.program.weeks)}"]
    deload = active.deload_for(view.at.week)
    if deload is not None:
        lines.append(f"🔻 {deload.message}")
    for planned in session.exercises:
        lines.extend(exercise_lines(planned, view.unit))
    if view.cold_start:
        lines.append(f"\n↓ No history yet: {view.cold_start}")
    lines.append("\nLog your sets as you go; /done when you finish.")
    return "\n".join(lines)


def _compact(session: PlannedSession, unit: str) -> str:
    parts = []
    for planned in session.exercises:
        shape = f"{planned.sets}×{planned.rep_text.replace('-', '–')}"
        load = f" @ {_load(planned.load_kg, unit)}" if planned.load_kg else ""
        parts.append(f"{planned.exercise} {shape}{load}")
    return ", ".join(parts)


def week_lines(active: ActiveProgram, week: int, unit: str) -> list[str]:
    """One compact line per session of a week."""
    lines = []
    for at in active.dates():
        if at.week == week:
            session = active.planned(at)
            mark = " 🔻" if session.block == "deload" else ""
            lines.append(f"{_day(at.date)} — {session.name}{mark}: {_compact(session, unit)}")
    return lines


def render_week(view: WeekView) -> str:
    """/week: this program week's sessions, compact."""
    active = view.active
    if active is None:
        return NO_PROGRAM
    if view.week < 1 or view.week > active.program.weeks:
        first = "starts" if view.week < 1 else "finished"
        when = active.start if view.week < 1 else active.end
        return f"Your program {first} {_day(when)}. /program builds a new one."
    block = active.program.week(view.week)[0].block
    head = f"🗓 Week {view.week} of {active.program.weeks} ({block})"
    return "\n".join([head, *week_lines(active, view.week, view.unit)])


def render_overview(active: ActiveProgram, unit: str) -> str:
    """The reply once a program is built: what it is and week 1."""
    plan, answers = active.program, active.state.answers
    goals = goals_text(answers.get("goals", []), answers.get("weights", []))
    lines = [
        f"✅ Your program: {SPLITS.get(plan.split, plan.split)}, {plan.days_per_week} days a "
        f"week ({weekday_list(plan.days_per_week)}), {plan.weeks} weeks — {goals}.",
        f"Starts {_day(active.start)}; every {plan.deload_every}th week is a lighter deload.",
        "",
        "Week 1",
        *week_lines(active, 1, unit),
    ]
    lines.extend(f"Note: {note}" for note in plan.notes)
    if not all(e.load_kg for s in plan.week(1) for e in s.exercises if e.main and e.percent_1rm):
        lines.append(
            "Lifts without logged history start at an RIR target; loads follow your logs."
        )
    lines.append("\n/today shows a session in full, /week this week's plan.")
    return "\n".join(lines)


def _change(change: Change, unit: str) -> str:
    """'• Squat: 100 kg → 102.5 kg (targets met: one step up); next session 4 × 5 @ 105 kg'.

    Both loads are for the prescription just trained, so the move always matches the reason;
    the next session is named when its own prescription (RIR, paused, deload) changes the load.
    """
    name, after, upcoming = _title(change.exercise), change.after_kg, change.next
    if after is None:
        return f"• {name}: {change.reason}"
    if change.before_kg is None:  # a first load: only the next session has one
        shown = target(upcoming, unit) if upcoming is not None else _load(after, unit)
        return f"• {name}: next session {shown} ({change.reason})"
    line = f"• {name}: {_load(change.before_kg, unit)} → {_load(after, unit)} ({change.reason})"
    if (
        upcoming is not None
        and upcoming.load_kg
        and _load(upcoming.load_kg, unit) != _load(after, unit)
    ):
        line += f"; next session {target(upcoming, unit)}"
    return line


def render_progress(progress: Progress, unit: str) -> str | None:
    """What the last sessions changed in the plan; None when nothing did."""
    lines = []
    if progress.changes:
        lines.append("📈 Plan updated from what you logged:")
        lines.extend(_change(c, unit) for c in progress.changes)
    if progress.deload is not None:
        lines.append(f"🔻 {progress.deload.message}")
    return "\n".join(lines) if lines else None


def plan_note(planned: PlannedExercise, done: int, sets: Sequence[SetView], unit: str) -> str:
    """'📋 Plan: 4 × 5 @ 100 kg (RIR 2) — set 2 of 4 ✓'."""
    head = f"📋 Plan: {target(planned, unit)}"
    short = [s for s in sets if (s.reps or 0) < planned.reps]
    light = [s for s in sets if planned.load_kg and (s.weight_kg or 0) < planned.load_kg - 0.01]
    if done > planned.sets:
        extra = done - planned.sets
        return f"{head} — set {done}, {extra} more than planned"
    progress = f"set {done} of {planned.sets}"
    if short:
        reps = "rep" if planned.reps == 1 else "reps"
        return f"{head} — {progress}: {short[-1].reps or 0} of {planned.reps} {reps}"
    if light:
        return f"{head} — {progress}, lighter than planned"
    return f"{head} — {progress} ✓" + (" all sets done" if done == planned.sets else "")


def render_stats(view: StatsView) -> str:
    """/stats: Pattern Strength Index per movement pattern, and where it comes from."""
    if not view.patterns:
        return "No strength numbers yet: log a few weighted sets and ask again."
    lines = ["📊 Pattern Strength Index (100 = at your best)"]
    lines.extend(f"• {_title(p)}: {value:g}" for p, value in view.patterns.items())
    lines.append(
        f"\nEach lift's best e1RM of the last {view.window_days} days ÷ its all-time best; a "
        f"pattern averages its lifts trained in that window. e1RMs use the {view.formula} "
        "formula (/settings to change it)."
    )
    return "\n".join(lines)
