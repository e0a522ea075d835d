"""Reply text for analysed activities: one compact block each, in the user's units and time."""

from __future__ import annotations

import datetime as dtm
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.charts.chart import MONTHS, distance_unit
from bot.formatting import fmt_duration
from engine.fit import Activity

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
FEET_PER_M = 3.28084
RACES = ("5 km", "10 km", "half marathon", "marathon")
SHORT = {"half marathon": "HM", "marathon": "M"}
FOOT = ("running", "walking", "hiking")
_NAMES = {
    "running": "Run",
    "walking": "Walk",
    "hiking": "Hike",
    "cycling": "Ride",
    "swimming": "Swim",
    "training": "Training",
    "transition": "Transition",
    "rowing": "Row",
    "fitness_equipment": "Workout",
    "generic": "Activity",
}
_ICONS = {"Run": "🏃", "Walk": "🚶", "Hike": "🥾", "Ride": "🚴", "Swim": "🏊", "Row": "🚣"}
_ICONS |= {"Training": "🏋️", "Transition": "🔁"}


@dataclass(frozen=True, slots=True)
class ActivityResult:
    """One stored activity and what the reply says about it beyond the engine's numbers."""

    activity: Activity
    label: str
    start_local: dtm.datetime
    load: float
    load_basis: str  # "hrTSS", "estimate" (no heart rate) or "sets" (the logbook carries it)
    pbs: tuple[tuple[str, float, float], ...] = ()  # (distance, new seconds, previous seconds)
    predictions: tuple[tuple[str, float], ...] = ()
    vdot: float | None = None
    logged: tuple[str, ...] = ()  # "Bench press 5 × 100 kg, 5 × 100 kg", one per exercise
    logged_sets: int = 0
    unnamed: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)


def label_of(sport: str, sub_sport: str | None, gait: str | None) -> str:
    """'Run', 'Ride · road', 'Walk (recorded as a run)'."""
    if sport == "running" and gait == "walk":
        return "Walk (recorded as a run)"
    name = _NAMES.get(sport, sport.replace("_", " ").capitalize())
    if sub_sport and sub_sport not in ("generic", "all"):
        name += f" · {sub_sport.replace('_', ' ')}"
    return name


def day_text(when: dtm.datetime) -> str:
    """'Tue 3 Nov' (English names whatever the locale)."""
    return f"{DAYS[when.weekday()]} {when.day} {MONTHS[when.month - 1]}"


def _icon(label: str) -> str:
    return _ICONS.get(label.split(" ")[0], "🏅")


def distance_text(metres: float, unit: str, sport: str = "") -> str:
    """'10.21 km', '6.34 mi', or metres for swims."""
    if sport == "swimming":
        return f"{metres:,.0f} m"
    label, size = distance_unit("lb" if unit == "lb" else "kg")
    return f"{metres / size:.2f} {label}"


def pace_text(seconds_per_km: float, unit: str) -> str:
    """'5:06 /km' or '8:12 /mi'."""
    label, size = distance_unit("lb" if unit == "lb" else "kg")
    return f"{fmt_duration(seconds_per_km * size / 1000)} /{label}"


def _motion(a: Activity, unit: str) -> list[str]:
    times = f"{fmt_duration(a.timer_s)} moving · {fmt_duration(a.elapsed_s)} elapsed"
    if not a.distance_m:
        return [times if abs(a.elapsed_s - a.timer_s) > 30 else fmt_duration(a.elapsed_s)]
    lines = [f"{distance_text(a.distance_m, unit, a.sport)} · {times}"]
    if a.sport in FOOT and a.avg_pace_s_per_km:
        best = f" · best {pace_text(a.best_pace_s_per_km, unit)}" if a.best_pace_s_per_km else ""
        lines.append(f"Pace {pace_text(a.avg_pace_s_per_km, unit)} avg{best}")
    elif a.sport == "swimming" and a.timer_s:
        lines.append(f"Pace {fmt_duration(a.timer_s / a.distance_m * 100)} /100 m avg")
    elif a.sport != "swimming" and a.avg_speed_mps:
        label, size = distance_unit("lb" if unit == "lb" else "kg")
        top = f" · {a.max_speed_mps * 3600 / size:.1f} max" if a.max_speed_mps else ""
        lines.append(f"Speed {a.avg_speed_mps * 3600 / size:.1f} {label}/h avg{top}")
    return lines


def _body(a: Activity, unit: str) -> list[str]:
    parts = []
    if a.avg_hr:
        parts.append(f"❤️ HR {a.avg_hr:.0f} avg · {a.max_hr or a.avg_hr:.0f} max")
    if a.avg_cadence:
        per = "spm" if a.sport in FOOT else "rpm" if a.sport == "cycling" else "/min"
        parts.append(f"cadence {a.avg_cadence:.0f} {per}")
    if a.elevation_gain_m:
        climb = a.elevation_gain_m * (FEET_PER_M if unit == "lb" else 1)
        parts.append(f"⛰ +{climb:.0f} {'ft' if unit == 'lb' else 'm'}")
    return [" · ".join(parts)] if parts else []


def zones_text(zone_times_s: Sequence[float]) -> str | None:
    """'Zones (min): Z1 4 · Z2 9 · Z3 51 · Z4 53 · Z5 1', or None without heart rate."""
    if not any(zone_times_s):
        return None
    minutes = [f"Z{i} {s / 60:.0f}" for i, s in enumerate(zone_times_s) if i and s >= 30]
    return "Zones (min): " + " · ".join(minutes) if minutes else None


def _load(result: ActivityResult) -> str:
    a = result.activity
    trimp = f" · TRIMP {a.trimp:.0f}" if a.trimp else ""
    if result.load_basis == "sets":
        return f"Load: counted from the logged sets{trimp}"
    if result.load_basis == "estimate":
        return f"Load ~{result.load:.0f} (estimated from the duration: no heart rate)"
    return f"Load {result.load:.0f} (hrTSS){trimp}"


def _running(result: ActivityResult) -> list[str]:
    a, lines = result.activity, []
    if a.best_efforts:
        shown = " · ".join(f"{k} {fmt_duration(v)}" for k, v in a.best_efforts.items())
        lines.append(f"Best efforts: {shown}")
    lines += [
        f"🏆 PB {label} {fmt_duration(new)}, was {fmt_duration(old)}"
        for label, new, old in result.pbs
    ]
    if result.predictions and result.vdot:
        shown = " · ".join(f"{SHORT.get(k, k)} {fmt_duration(v)}" for k, v in result.predictions)
        lines.append(f"🔮 Race predictions (VDOT {result.vdot:.1f}): {shown}")
    return lines


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def _strength(result: ActivityResult) -> list[str]:
    lines = []
    if result.logged:
        lines.append(f"Logged {_plural(result.logged_sets, 'set')}: " + " · ".join(result.logged))
    if result.unnamed:
        lines.append(
            f"{_plural(result.unnamed, 'set')} without an exercise name: see my question below."
        )
    return lines


def activity_block(result: ActivityResult, unit: str) -> str:
    """The full summary of one activity."""
    a = result.activity
    head = f"{_icon(result.label)} {result.label} · {day_text(result.start_local)}"
    lines = [f"{head} {result.start_local:%H:%M}", *_motion(a, unit), *_body(a, unit)]
    zones = zones_text(a.zone_times_s)
    if zones:
        lines.append(zones)
    lines.append(_load(result))
    lines += _running(result) + _strength(result)
    if not a.has_gps and a.distance_m:
        lines.append("Indoors (no GPS): the distance is the device's own.")
    if not a.has_hr:
        lines.append("No heart rate recorded, so no zones.")
    return "\n".join(lines + list(result.notes))


def one_line(label: str, start_local: dtm.datetime, distance_m: float | None, unit: str) -> str:
    """'Tue 3 Nov run, 10.2 km', for duplicates and long lists."""
    distance = ""
    if distance_m:
        name, size = distance_unit("lb" if unit == "lb" else "kg")
        distance = f", {distance_m / size:.1f} {name}"
    return f"{day_text(start_local)} {label.split(' · ')[0].lower()}{distance}"
