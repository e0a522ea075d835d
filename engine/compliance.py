"""Compliance with a plan: sets done against sets prescribed, load and effort against target.

The rules (COACH.md): compliance is counted per set. A prescribed set counts as done when a
set of its exercise was logged that day with at least one rep (a set without reps, such as
a hold, counts as done too; a set of 0 reps does not). A set of an exercise the day did not
plan stands in for a missing set of a planned exercise of the same movement pattern (a swap
still counts: a leg press for a squat; isolation work must share a primary muscle too);
anything else unplanned is ad-hoc work and is left out. Done sets never count above what
was prescribed, so compliance is capped at 100 %.

Windows are the N local days ending today. A day still going (today) counts only once
something was logged on it, so a session planned for this evening is not "missed" at noon.
Buckets: ≥ 80 % on track, 65–79 % partial, below 65 % low, 0 % missed; an athlete is
flagged when their 7-day figure is 20 points or more below their 30-day one.
"""

from __future__ import annotations

import datetime as dtm
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from engine.catalog import CATALOG

WINDOWS = (7, 30, 90)
ON_TRACK, PARTIAL, LOW, MISSED = "on track", "partial", "low", "missed"
ON_TRACK_AT, PARTIAL_AT = 80.0, 65.0
DROP_POINTS = 20.0
NO_RPE_RIR = 10.0  # RPE = 10 − RIR


@dataclass(frozen=True, slots=True)
class Prescribed:
    """One planned exercise of one local day: how many sets, and the targets of each."""

    day: dtm.date
    exercise: str
    sets: int
    reps: int | None = None
    load_kg: float | None = None  # None: relative or unknown (no load comparison)
    rir: float | None = None
    rpe: float | None = None


@dataclass(frozen=True, slots=True)
class Done:
    """One logged set on a local day."""

    day: dtm.date
    exercise: str
    reps: int | None = None
    load_kg: float | None = None
    rir: float | None = None
    rpe: float | None = None

    @property
    def counts(self) -> bool:
        """Whether the set was done: any rep, or a set without reps (a hold)."""
        return self.reps is None or self.reps > 0


@dataclass(frozen=True, slots=True)
class DayResult:
    """One planned day: sets prescribed and done, and the matched sets' comparisons."""

    day: dtm.date
    prescribed: int
    done: int
    load_ratios: tuple[float, ...] = ()  # done load ÷ prescribed load, per matched set
    effort_deltas: tuple[float, ...] = ()  # done RIR − target RIR (+: easier than planned)
    per_item: tuple[int, ...] = ()  # sets done of each planned exercise, in plan order


@dataclass(frozen=True, slots=True)
class Window:
    """Compliance over the last ``days`` days."""

    days: int
    prescribed: int
    done: int
    load_ratio: float | None = None  # mean done ÷ prescribed load, where both are known
    effort_delta: float | None = None  # mean RIR above target (RPE converted), where known

    @property
    def percent(self) -> float | None:
        """Sets done ÷ prescribed in %, capped at 100; None when nothing was prescribed."""
        if not self.prescribed:
            return None
        return min(100.0, 100.0 * self.done / self.prescribed)

    @property
    def bucket(self) -> str | None:
        """On track, partial, low or missed; None when nothing was prescribed."""
        return bucket_of(self.percent)


@dataclass(frozen=True, slots=True)
class Compliance:
    """An athlete's compliance over 7, 30 and 90 days, with the drop flag."""

    windows: tuple[Window, ...]

    def window(self, days: int) -> Window:
        """The window of this many days."""
        return next(w for w in self.windows if w.days == days)

    @property
    def dropped(self) -> bool:
        """Whether the 7-day figure is 20 points or more below the 30-day one."""
        return dropped(self.window(7).percent, self.window(30).percent)


def bucket_of(percent: float | None) -> str | None:
    """The bucket of a compliance figure (None: nothing prescribed)."""
    if percent is None:
        return None
    if percent >= ON_TRACK_AT:
        return ON_TRACK
    if percent >= PARTIAL_AT:
        return PARTIAL
    return LOW if percent > 0 else MISSED


def dropped(week: float | None, month: float | None) -> bool:
    """Whether a 7-day figure fell 20 points or more below the 30-day figure."""
    return week is not None and month is not None and month - week >= DROP_POINTS


def rir_of(rir: float | None, rpe: float | None) -> float | None:
    """Reps in reserve from RIR or RPE (RPE 8 = RIR 2)."""
    if rir is not None:
        return rir
    return NO_RPE_RIR - rpe if rpe is not None else None


def is_swap(planned: str, done: str) -> bool:
    """Whether a logged exercise stands in for a planned one (see the module docstring)."""
    first, second = CATALOG.get(planned), CATALOG.get(done)
    if first is None or second is None or first.pattern != second.pattern:
        return False
    return first.pattern != "isolation" or bool(set(first.primary) & set(second.primary))


def _compare(plan: Prescribed, done: Done, ratios: list[float], efforts: list[float]) -> None:
    if plan.load_kg and done.load_kg:
        ratios.append(done.load_kg / plan.load_kg)
    target, got = rir_of(plan.rir, plan.rpe), rir_of(done.rir, done.rpe)
    if target is not None and got is not None:
        efforts.append(got - target)


def match_day(day: dtm.date, plan: Sequence[Prescribed], done: Sequence[Done]) -> DayResult:
    """Match one day's logged sets to its planned exercises (see the module docstring)."""
    sets = [d for d in done if d.counts]
    by_exercise: defaultdict[str, list[Done]] = defaultdict(list)
    for row in sets:
        by_exercise[row.exercise].append(row)
    planned_names = {p.exercise for p in plan}
    ratios: list[float] = []
    efforts: list[float] = []
    counts, missing = [0] * len(plan), []
    for index, item in enumerate(plan):
        own = by_exercise.get(item.exercise, [])
        matched, by_exercise[item.exercise] = own[: item.sets], own[item.sets :]
        for row in matched:
            _compare(item, row, ratios, efforts)
        counts[index] = len(matched)
        missing.extend([index] * (item.sets - len(matched)))
    spare = [r for name, rows in by_exercise.items() if name not in planned_names for r in rows]
    for index in missing:
        item = plan[index]
        swap = next((r for r in spare if is_swap(item.exercise, r.exercise)), None)
        if swap is not None:
            spare.remove(swap)
            counts[index] += 1
            _compare(replace(item, load_kg=None), swap, ratios, efforts)  # a swap's load differs
    total = sum(max(0, p.sets) for p in plan)
    done_sets = min(sum(counts), total)
    return DayResult(day, total, done_sets, tuple(ratios), tuple(efforts), tuple(counts))


def day_results(
    plan: Iterable[Prescribed], done: Iterable[Done], today: dtm.date
) -> list[DayResult]:
    """Every planned day up to today, matched; today only once something was logged."""
    planned: defaultdict[dtm.date, list[Prescribed]] = defaultdict(list)
    for item in plan:
        if item.day <= today and item.sets > 0:
            planned[item.day].append(item)
    logged: defaultdict[dtm.date, list[Done]] = defaultdict(list)
    for row in done:
        if row.day in planned:
            logged[row.day].append(row)
    return [
        match_day(day, planned[day], logged[day])
        for day in sorted(planned)
        if day < today or logged[day]
    ]


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def window_of(results: Sequence[DayResult], today: dtm.date, days: int) -> Window:
    """Sum the day results of the ``days`` days ending today."""
    first = today - dtm.timedelta(days=days - 1)
    inside = [r for r in results if first <= r.day <= today]
    ratios = [x for r in inside for x in r.load_ratios]
    efforts = [x for r in inside for x in r.effort_deltas]
    return Window(
        days,
        sum(r.prescribed for r in inside),
        sum(r.done for r in inside),
        _mean(ratios),
        _mean(efforts),
    )


def compliance(
    plan: Iterable[Prescribed],
    done: Iterable[Done],
    today: dtm.date,
    windows: Sequence[int] = WINDOWS,
) -> Compliance:
    """An athlete's compliance over each window ending today."""
    results = day_results(plan, done, today)
    return Compliance(tuple(window_of(results, today, days) for days in windows))


def weekly(
    plan: Iterable[Prescribed], done: Iterable[Done], today: dtm.date, weeks: int
) -> list[tuple[dtm.date, float | None]]:
    """Compliance per ISO week (Monday, percent or None) for the last ``weeks`` weeks."""
    results = day_results(plan, done, today)
    monday = today - dtm.timedelta(days=today.weekday())
    found = []
    for back in range(weeks - 1, -1, -1):
        start = monday - dtm.timedelta(weeks=back)
        inside = [r for r in results if start <= r.day < start + dtm.timedelta(days=7)]
        found.append((start, window_of(inside, start + dtm.timedelta(days=6), 7).percent))
    return found
