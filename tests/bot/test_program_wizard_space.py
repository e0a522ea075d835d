"""Every way through the /program questions ends in a program, its compromises explained.

The answer space (goals and their weights, days, minutes, equipment, split, weeks, start) holds
about 390,000 combinations, too many to build one by one in the suite: hypothesis walks the
questions the way a user taps them, and one goal's whole layout space is built exhaustively.
"""

from __future__ import annotations

import datetime as dtm
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.services.program_questions import (
    DAYS,
    EQUIPMENT_SETS,
    MINUTES,
    SPLITS,
    Answers,
    answer,
    next_field,
    question,
    request_of,
)
from engine.landmarks import LANDMARKS
from engine.program import build_program
from engine.program_params import DEFAULT_PROGRAM
from engine.program_request import blend_goals
from tests.engine.test_program import assert_constraints

TODAY = dtm.date(2026, 11, 16)


@st.composite
def tapped_answers(draw: st.DrawFn) -> Answers:
    """Answers reached by tapping one offered button per question until none is left."""
    answers: Answers = {}
    while (field := next_field(answers)) is not None:
        _text, choices = question(field, answers, TODAY)
        value = draw(st.sampled_from([v for _label, v in choices]))
        new = answer(answers, field, value)
        assert new is not None, (field, value)  # every offered button is a valid answer
        answers = new
    return answers


def assert_built_and_explained(answers: Answers) -> None:
    """The answers build a program within every constraint; short core muscles are noted."""
    req = request_of(answers)
    program = build_program(req)
    assert_constraints(program, req, DEFAULT_PROGRAM)
    for muscle in blend_goals(req.goals).core:
        if muscle not in program.targeted:
            note = next(n for n in program.notes if muscle in n)
            assert f"of {LANDMARKS[muscle].mev}" in note
            assert note.endswith(("would reach the minimum.", "as much as fits.")), note


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=tapped_answers())
def test_every_way_through_the_questions_builds_a_program(answers: Answers) -> None:
    """No combination of offered answers is refused; what does not fit is said, with a fix."""
    assert_built_and_explained(answers)


@pytest.mark.parametrize("split", list(SPLITS))
def test_strength_builds_for_every_day_length_and_equipment(split: str) -> None:
    """Strength only, every offered days × minutes × equipment for each split."""
    for days, minutes, gear in itertools.product(DAYS, MINUTES, EQUIPMENT_SETS):
        if split == "ppl" and days < 3:  # not offered
            continue
        assert_built_and_explained(
            {"goals": ["strength"], "goals_done": True, "weights": [10], "days": days,
             "minutes": minutes, "equipment": gear, "split": split, "weeks": 8,
             "start": "today"}
        )  # fmt: skip
