"""Body weight: logging a weigh-in (/weight or a plain "bw 82.5"), the latest for bodyweight
exercises and scores, and the chart with its 7-day trend."""

from __future__ import annotations

import datetime as dtm
from dataclasses import dataclass
from functools import partial
from zoneinfo import ZoneInfo

from bot.charts.bodyweight import render_bodyweight
from bot.charts.chart import Chart, Unit, fmt_number, from_kg
from bot.services.core import Core
from engine.bodyweight import TrendPoint, trend
from engine.errors import EngineError
from engine.strength_scores import BIG_THREE, StrengthScores, big_three_scores
from storage import bodyweight as repo
from storage import logbook, users
from storage.tables import BodyWeight

CHART_DAYS = 180
NOT_STARTED = "Send /start first, so I know who you are."


class NotStartedError(EngineError):
    """Body weight from someone who never sent /start."""


@dataclass(frozen=True, slots=True)
class WeighIn:
    """A stored weigh-in and the trend it lands on."""

    kg: float
    unit: str
    trend_kg: float
    previous_kg: float | None

    def confirmation(self) -> str:
        """The friendly reply to a logged weigh-in."""
        shown = f"{from_kg(self.kg, self.unit):.1f}".rstrip("0").rstrip(".")
        lines = [f"⚖️ Body weight {shown} {self.unit} logged (not as a set)."]
        if self.previous_kg is not None:
            delta = from_kg(self.kg - self.previous_kg, self.unit)
            lines.append(f"{delta:+.1f} {self.unit} since your last weigh-in; "
                         f"7-day trend {from_kg(self.trend_kg, self.unit):.1f} {self.unit}.")
        lines.append("/weight shows the chart.")
        return "\n".join(lines)


def scores_text(scores: StrengthScores | None, missing: str, unit: Unit) -> str:
    """The /stats lines for DOTS and Wilks 2 (or what they still need)."""
    if scores is None:
        return f"🏋️ DOTS and Wilks 2 need {missing}."
    total = fmt_number(from_kg(scores.total_kg, unit))
    weight = fmt_number(from_kg(scores.bodyweight_kg, unit))
    return (
        f"🏋️ Squat + bench + deadlift e1RM total {total} {unit} at {weight} {unit}: "
        f"DOTS {scores.dots:.1f}, Wilks 2 {scores.wilks2:.1f} (estimates from e1RMs, "
        "not meet lifts)."
    )


class BodyWeightService:
    """One home for weigh-ins."""

    def __init__(self, core: Core) -> None:
        self._core = core

    async def log(
        self, update_id: int, user_id: int, kg: float, value: float, unit: str
    ) -> WeighIn:
        """Store a weigh-in (in kg) and return the reply's numbers."""
        view = await self._core.profile(user_id)
        if view is None:
            raise NotStartedError(NOT_STARTED)
        now = self._core.clock()
        day = now.astimezone(ZoneInfo(view.timezone)).date()
        async with self._core.once(update_id, user_id, "body weight") as session:
            previous = await repo.latest(session, user_id)
            await repo.add(session, BodyWeight(
                user_id=user_id, measured_at=now, local_date=day, kg=kg,
                input_value=value, input_unit=unit,
            ))
            recent = await repo.since(session, user_id, day - dtm.timedelta(days=6))
        points = trend([(r.local_date, r.kg) for r in recent])
        return WeighIn(kg, view.units, points[-1].trend_kg,
                       None if previous is None else previous.kg)

    async def latest_kg(self, user_id: int) -> float | None:
        """The newest body weight in kg, or None before any weigh-in."""
        async with self._core.db.read() as session:
            row = await repo.latest(session, user_id)
        return None if row is None else row.kg

    async def points(self, user_id: int, today: dtm.date) -> list[TrendPoint]:
        """Weigh-ins of the last CHART_DAYS with their 7-day trend."""
        async with self._core.db.read() as session:
            rows = await repo.since(session, user_id, today - dtm.timedelta(days=CHART_DAYS + 6))
        points = trend([(r.local_date, r.kg) for r in rows])
        start = today - dtm.timedelta(days=CHART_DAYS)
        return [p for p in points if p.day >= start]

    async def scores(self, user_id: int) -> tuple[StrengthScores | None, str]:
        """DOTS and Wilks 2 of the best squat + bench + deadlift e1RMs at the latest body
        weight, or None with what is missing."""
        async with self._core.db.read() as session:
            user = await users.get_user(session, user_id)
            rows = await logbook.user_sets(session, user_id)
            weighin = await repo.latest(session, user_id)
        best: dict[str, float] = {}
        for row in rows:
            if row.exercise in BIG_THREE and row.e1rm_kg:
                best[row.exercise] = max(best.get(row.exercise, 0.0), row.e1rm_kg)
        missing = [name for name in BIG_THREE if name not in best]
        if weighin is None:
            missing.append("a body weight (/weight 82.5)")
        sex = "f" if user is not None and user.sex == "f" else "m"
        found = big_three_scores(best, None if weighin is None else weighin.kg, sex)
        return found, ", ".join(missing)

    async def chart(self, user_id: int) -> Chart:
        """Render the body-weight chart in a worker (NotEnoughDataError before two days)."""
        view = await self._core.profile(user_id)
        if view is None:
            raise NotStartedError(NOT_STARTED)
        today = self._core.clock().astimezone(ZoneInfo(view.timezone)).date()
        points = await self.points(user_id, today)
        return await self._core.offload(partial(render_bodyweight, points, view.units))
