"""Helpers for program tests: join a user, answer the program questions."""

from __future__ import annotations

import itertools

from bot.services import Services
from bot.services.program_wizard import WizardStep

STRENGTH = [
    ("goal", "strength"),
    ("goal", "hypertrophy"),
    ("goal", "done"),
    ("weights", "7-3"),
    ("days", "3"),
    ("minutes", "60"),
    ("equipment", "gym"),
    ("split", "full_body"),
    ("weeks", "8"),
    ("start", "today"),
]

_ids = itertools.count(1000)


def uid() -> int:
    return next(_ids)


async def join(
    services: Services, user_id: int, tz: str = "Europe/Berlin", units: str = "kg"
) -> None:
    await services.users.start(uid(), user_id, "Ann", None)
    await services.users.set_units(uid(), user_id, units)
    await services.users.set_timezone(uid(), user_id, tz)


def wizard_id(step: WizardStep) -> int:
    return int(step.buttons[0][1].split(":")[1])


async def build(
    services: Services, user_id: int, answers: list[tuple[str, str]] = STRENGTH
) -> WizardStep:
    step = await services.programs.wizard.begin(uid(), user_id)
    wid = wizard_id(step)
    for field, value in answers:
        found = await services.programs.wizard.answer(uid(), user_id, wid, field, value)
        assert found is not None
        step = found
    return step
