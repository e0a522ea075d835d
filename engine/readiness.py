"""The readiness modifier: today's loads from a one-tap check-in, at most ±7 % (SPORTSCI §6).

A check-in answers sleep, soreness and energy (or one "how do you feel") on a three-point
scale, 1 worst to 3 best (soreness: 3 = not sore). Today's score is the mean of what was
answered. It is compared with the athlete's own baseline, the complete check-ins of the 28
days before today (today excluded, so a bad morning cannot hide in its own average):
z = (score − mean) / sample SD, and the modifier is clamp(0.07 · z, ±0.07), linear rather
than a step so a slightly worse morning moves loads slightly. With fewer than five earlier
check-ins, or a baseline that never varied (SD below 0.1: no spread to measure against), the
score is compared with the scale's middle instead, one point counting as one SD: all "great"
is +7 %, all "poor" −7 %.

Loads move before rounding, then round to a makeable load that stays inside the band: a cut
never goes below planned × 0.93 nor above the plan, a raise never above planned × 1.07 nor
below it (with a 2.5 kg step a 7 % change of anything under about 36 kg rounds back to the
plan, which is the right answer: the change is smaller than a plate pair).
"""

from __future__ import annotations

import datetime as dtm
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, replace

from engine.loading import LoadingProfile, equipment_of, makeable_load
from engine.program_model import PlannedExercise, PlannedSession, warmup_sets

MAX_MODIFIER = 0.07  # SPORTSCI §6: ±7 % at most
BASELINE_DAYS = 28
MIN_BASELINE = 5  # earlier check-ins needed before the athlete's own spread is trusted
MIN_SD = 0.1
SCALE = (1, 2, 3)
MIDDLE = 2.0
QUESTIONS = ("sleep", "soreness", "energy")
FEEL = "feel"  # the one-question check-in


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One morning's answers (None: not answered), each 1 (worst) to 3 (best)."""

    day: dtm.date
    sleep: int | None = None
    soreness: int | None = None
    energy: int | None = None
    feel: int | None = None

    def __post_init__(self) -> None:
        for name in (*QUESTIONS, FEEL):
            value = getattr(self, name)
            if value is not None and value not in SCALE:
                raise ValueError(f"{name} must be 1, 2 or 3")

    def answers(self) -> dict[str, int]:
        """The questions answered, with their answers."""
        names = (*QUESTIONS, FEEL)
        return {n: v for n in names if (v := getattr(self, n)) is not None}

    @property
    def score(self) -> float | None:
        """The mean answer; None when nothing was answered."""
        found = list(self.answers().values())
        return sum(found) / len(found) if found else None

    @property
    def complete(self) -> bool:
        """Every question of its kind answered (the three, or the one)."""
        return self.feel is not None or all(getattr(self, n) is not None for n in QUESTIONS)

    def answer(self, question: str, value: int) -> CheckIn:
        """The check-in with one more answer (a repeated question takes the new answer)."""
        if question not in (*QUESTIONS, FEEL):
            raise ValueError(f"unknown question {question!r}")
        return replace(self, **{question: value})


@dataclass(frozen=True, slots=True)
class Readiness:
    """Today's modifier and how it was found."""

    modifier: float  # −0.07 … +0.07
    z: float
    baseline: int  # earlier check-ins it was compared with (0: the scale's middle)

    @property
    def percent(self) -> int:
        """The modifier in whole percent, as shown."""
        return round(self.modifier * 100)


def readiness(today: CheckIn, earlier: Iterable[CheckIn]) -> Readiness | None:
    """The modifier for today's check-in against the baseline; None with no answer."""
    score = today.score
    if score is None:
        return None
    start = today.day - dtm.timedelta(days=BASELINE_DAYS)
    baseline = [
        s
        for c in earlier
        if start <= c.day < today.day and c.complete and (s := c.score) is not None
    ]
    spread = statistics.stdev(baseline) if len(baseline) >= MIN_BASELINE else 0.0
    if spread < MIN_SD:
        z, used = score - MIDDLE, 0
    else:
        z, used = (score - statistics.fmean(baseline)) / spread, len(baseline)
    modifier = max(-MAX_MODIFIER, min(MAX_MODIFIER, MAX_MODIFIER * z))
    return Readiness(round(modifier, 4), round(z, 3), used)


def adjusted_load(
    planned_kg: float, modifier: float, profile: LoadingProfile, equipment: str = "barbell"
) -> float:
    """A planned load moved by the modifier, makeable, within ±7 % and on the modifier's side."""
    if not modifier:
        return planned_kg
    planned = profile.from_kg(planned_kg)
    wanted = planned * (1 + modifier)
    got = makeable_load(wanted, profile, equipment)
    if modifier < 0:
        if got < planned * (1 - MAX_MODIFIER):
            got = makeable_load(wanted, profile, equipment, "up")
        got = min(got, planned)
    else:
        if got > planned * (1 + MAX_MODIFIER):
            got = makeable_load(wanted, profile, equipment, "down")
        got = max(got, planned)
    if got == planned:
        return planned_kg
    kg = profile.to_kg(got) * 100  # stored in hundredths: rounded toward the plan
    return (math.ceil(kg - 1e-6) if modifier < 0 else math.floor(kg + 1e-6)) / 100


def adjusted_session(
    session: PlannedSession, modifier: float, profile: LoadingProfile
) -> PlannedSession:
    """Today's session with every known load moved by the modifier (warm-ups follow)."""
    exercises = tuple(_adjusted(p, modifier, profile) for p in session.exercises)
    return replace(session, exercises=exercises)


def _adjusted(
    planned: PlannedExercise, modifier: float, profile: LoadingProfile
) -> PlannedExercise:
    if not planned.load_kg:
        return planned
    kind = equipment_of(planned.exercise)
    load = adjusted_load(planned.load_kg, modifier, profile, kind)
    if load == planned.load_kg:
        return planned
    warmup = warmup_sets(load, profile, kind) if planned.warmup else ()
    return replace(planned, load_kg=load, warmup=warmup)
