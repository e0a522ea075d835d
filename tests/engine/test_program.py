"""Tests for program requests, building, constraints and serialisation."""

import json
from collections import Counter
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.catalog import CATALOG
from engine.deload import DeloadParams
from engine.errors import EngineError, ProgramError
from engine.landmarks import LANDMARKS
from engine.loading import KG_PROFILE, LB_PROFILE, cap_weekly_sets, makeable_load
from engine.program import build_program, session_for
from engine.program_model import PlannedSession, Program, hard_sets
from engine.program_params import DEFAULT_PROGRAM, ProgramParams
from engine.program_request import GOALS, ProgramRequest, blend_goals
from engine.program_templates import MAIN_PATTERNS

GYM = frozenset({"barbell", "dumbbell", "machine", "cable"})


def request(**changes: object) -> ProgramRequest:
    """A valid request with some answers changed."""
    answers = {
        "goals": {"strength": 6, "hypertrophy": 4},
        "days_per_week": 4,
        "session_minutes": 60,
        "equipment": GYM,
        "split": "upper_lower",
        "weeks": 10,
    }
    return ProgramRequest(**{**answers, **changes})


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"goals": {}}, "one to three"),
        ({"goals": {"strength": 3, "power": 3, "endurance": 2, "fat_loss": 2}}, "one to three"),
        ({"goals": {"strength": 9}}, "add up to 10"),
        ({"goals": {"speed": 10}}, "Unknown goal"),
        ({"goals": {"strength": 10.0}}, "whole-number"),
        ({"goals": {"strength": 11, "power": -1}}, "whole-number"),
        ({"days_per_week": 1}, "2 to 6"),
        ({"days_per_week": 7}, "2 to 6"),
        ({"session_minutes": 10}, "between 20 and 180"),
        ({"weeks": 7}, "8 to 12"),
        ({"weeks": 13}, "8 to 12"),
        ({"split": "bro"}, "Choose a split"),
        ({"equipment": frozenset({"sled"})}, "Unknown equipment"),
        ({"split": "ppl", "days_per_week": 2}, "at least 3 days"),
        ({"hybrid_days": ("upper", "lower", "push", "pull")}, "only used with the hybrid"),
        ({"split": "hybrid", "hybrid_days": ("upper", "lower")}, "exactly 4 days"),
        ({"split": "hybrid", "hybrid_days": ("upper", "lower", "arms", "legs")}, "exactly 4 days"),
    ],
)
def test_invalid_requests_are_refused_kindly(changes: dict, words: str) -> None:
    """Each bad answer raises ProgramError (a user-safe EngineError) that says what to fix."""
    with pytest.raises(ProgramError, match=words) as caught:
        request(**changes)
    assert isinstance(caught.value, EngineError)


def _minutes(session: PlannedSession, req: ProgramRequest, params: ProgramParams) -> float:
    """Estimate a session's length the documented way: sets × minutes per set + warm-ups."""
    per_set = blend_goals(req.goals).minutes_per_set
    return sum(
        e.sets * params.main_minutes_per_set + params.warmup_minutes
        if e.main
        else e.sets * per_set
        for e in session.exercises
    )


def _main_patterns(session: PlannedSession) -> set[str]:
    return {CATALOG[e.exercise].pattern for e in session.exercises if e.main}


def assert_constraints(program: Program, req: ProgramRequest, params: ProgramParams) -> None:
    """Check every documented program constraint."""
    every = params.deload.every_weeks
    order = sorted(program.sessions, key=lambda s: (s.week, s.day))
    assert len(order) == req.weeks * req.days_per_week
    for before, after in pairwise(order):  # week boundaries included
        assert not _main_patterns(before) & _main_patterns(after), (before.name, after.name)
    for week in range(1, req.weeks + 1):
        sessions = program.week(week)
        uses = Counter(p for s in sessions for p in _main_patterns(s))
        assert max(uses.values(), default=0) <= params.max_main_days_per_pattern
        volume = hard_sets(sessions)
        assert all(volume.get(m, 0) <= LANDMARKS[m].mrv for m in LANDMARKS)
        deload = week % every == 0
        assert all((s.block == "deload") is deload for s in sessions)
        if not deload:
            for muscle in program.targeted:
                assert LANDMARKS[muscle].mev <= volume.get(muscle, 0) <= LANDMARKS[muscle].mrv
        for session in sessions:
            assert _minutes(session, req, params) <= req.session_minutes * (
                1 + params.time_tolerance
            )
            gear = {CATALOG[e.exercise].equipment for e in session.exercises}
            assert gear <= req.available
    for muscle in set(blend_goals(req.goals).core) - set(program.targeted):  # a compromise
        assert any(muscle in note for note in program.notes), (muscle, program.notes)
    loading = [w for w in range(1, req.weeks + 1) if w % every]
    for before, after in pairwise(loading):  # back from a deload compares with the week before
        last, this = hard_sets(program.week(before)), hard_sets(program.week(after))
        assert all(cap_weekly_sets(last.get(m, 0), sets) == sets for m, sets in this.items())


MIXES = [
    {"strength": 6, "hypertrophy": 4},
    {"hypertrophy": 7, "fat_loss": 3},
    {"power": 5, "strength": 5},
    {"endurance": 4, "fat_loss": 3, "hypertrophy": 3},
    {"strength": 2, "power": 2, "hypertrophy": 6},
]
GOAL_MIXES = st.sampled_from([{g: 10} for g in GOALS] + MIXES)
SPLITS = st.sampled_from(["upper_lower", "ppl", "full_body", "hybrid"])
EXTRA_GEAR = st.frozensets(st.sampled_from(["machine", "cable", "kettlebell", "trap bar"]))


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    goals=GOAL_MIXES,
    days=st.integers(3, 6),
    minutes=st.integers(60, 150),
    extra=EXTRA_GEAR,
    split=SPLITS,
    weeks=st.integers(8, 12),
)
def test_generous_requests_always_build_within_constraints(
    goals: dict, days: int, minutes: int, extra: frozenset, split: str, weeks: int
) -> None:
    """With 3+ days of an hour and a barbell plus dumbbells, every request builds correctly."""
    req = ProgramRequest(
        goals, days, minutes, frozenset({"barbell", "dumbbell"}) | extra, split, weeks
    )
    assert_constraints(build_program(req), req, DEFAULT_PROGRAM)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    goals=GOAL_MIXES,
    days=st.integers(2, 6),
    minutes=st.integers(20, 180),
    gear=st.frozensets(st.sampled_from(["barbell", "dumbbell", "machine", "cable", "kettlebell"])),
    split=SPLITS,
    every=st.integers(3, 6),
)
def test_any_request_builds_within_constraints(
    goals: dict, days: int, minutes: int, gear: frozenset, split: str, every: int
) -> None:
    """Every valid request yields a constrained program; what does not fit is in its notes."""
    if split == "ppl" and days < 3:
        days = 3
    req = ProgramRequest(goals, days, minutes, gear, split, 8)
    params = ProgramParams(deload=DeloadParams(every_weeks=every))
    assert_constraints(build_program(req, params=params), req, params)


def test_short_sessions_build_with_fewer_sets_and_say_what_would_help() -> None:
    """Two 30-minute sessions give the main goal's muscles less than MEV, shared, and say so."""
    program = build_program(
        request(days_per_week=2, session_minutes=30, goals={"hypertrophy": 10})
    )
    volume = hard_sets(program.week(1))
    assert volume["chest"] > 0  # the shortfall is shared
    assert volume["back"] > 0
    assert {"chest", "back"}.isdisjoint(program.targeted)
    assert program.notes[0] == (
        "Fewer weekly sets than the minimum that builds muscle (MEV) for your main goal: "
        f"chest {volume['chest']:g} of 10, back {volume['back']:g} of 10. "
        "60-minute sessions would reach the minimum."
    )


def test_bodyweight_training_squats_and_lunges() -> None:
    """Bodyweight only trains quads with pistol and bodyweight squats or lunges."""
    goals = {"strength": 10}
    req = request(equipment=frozenset(), split="full_body", days_per_week=3, goals=goals)
    program = build_program(req)
    assert_constraints(program, req, DEFAULT_PROGRAM)
    names = {e.exercise for s in program.week(1) for e in s.exercises}
    assert "pistol squat" in names
    assert "quads" in program.targeted
    assert all("quads" not in note for note in program.notes)


def test_equipment_no_exercise_uses_is_named_with_what_would() -> None:
    """A muscle nothing available trains directly is named, with the equipment that would."""
    program = build_program(request(equipment=frozenset(), goals={"hypertrophy": 10}))
    assert (
        "Nothing you can do with this equipment trains side delts, rear delts, calves directly; "
        "dumbbells, machines or a cable station would."
    ) in program.notes


@pytest.mark.parametrize(
    ("split", "days", "names"),
    [
        ("upper_lower", 4, ["Upper A", "Lower A", "Upper B", "Lower B"]),
        ("ppl", 3, ["Push A", "Pull A", "Legs A"]),
        ("full_body", 2, ["Full body A", "Full body B"]),
        ("hybrid", 5, ["Upper A", "Lower A", "Push A", "Pull A", "Legs A"]),
    ],
)
def test_session_names(split: str, days: int, names: list[str]) -> None:
    """Sessions are named by day type and occurrence."""
    program = build_program(request(split=split, days_per_week=days))
    assert [s.name for s in program.week(1)] == names


def test_custom_hybrid_days_are_used() -> None:
    """A custom hybrid day list decides the day types."""
    days = ("legs", "push", "pull")
    program = build_program(request(split="hybrid", days_per_week=3, hybrid_days=days))
    assert [s.name for s in program.week(2)] == ["Legs A", "Push A", "Pull A"]


def test_blocks_run_accumulation_intensification_deload() -> None:
    """With a deload every 5th week: 2 accumulation, 2 intensification, 1 deload, repeated."""
    program = build_program(request(weeks=12))
    blocks = [program.week(w)[0].block for w in range(1, 13)]
    cycle = ["accumulation"] * 2 + ["intensification"] * 2 + ["deload"]
    assert blocks == cycle * 2 + ["accumulation"] * 2


def test_main_lifts_get_loads_warmups_and_percentages() -> None:
    """Known e1RMs give makeable main-lift loads, a warm-up ramp and %1RM; unknown do not."""
    program = build_program(request(), {"bench press": 100.0, "squat": 140.0})
    bench = next(e for e in session_for(program, 1, 1).exercises if e.exercise == "bench press")
    assert bench.main
    assert bench.percent_1rm is not None
    assert bench.load_kg == makeable_load(100 * bench.percent_1rm / 100, KG_PROFILE)
    assert [w.reps for w in bench.warmup] == [10, 5, 3, 2]
    row = next(e for e in session_for(program, 1, 1).exercises if e.exercise == "barbell row")
    assert row.load_kg is None
    assert row.percent_1rm is not None


def test_loads_follow_the_profile_unit() -> None:
    """A pound profile plans loads that are whole 5 lb steps."""
    program = build_program(request(), {"bench press": 100.0}, profile=LB_PROFILE)
    loads = [
        e.load_kg for s in program.sessions for e in s.exercises if e.exercise == "bench press"
    ]
    for kg in loads:
        pounds = LB_PROFILE.from_kg(kg)
        assert abs(pounds - makeable_load(pounds, LB_PROFILE)) < 0.05
    assert program.unit == "lb"


def test_intensity_rises_through_a_block() -> None:
    """Main-lift %1RM climbs week to week until the deload, then drops."""
    program = build_program(request(), {"squat": 140.0})
    percents = [
        next(e.percent_1rm for s in program.week(w) for e in s.exercises if e.exercise == "squat")
        for w in range(1, 6)
    ]
    assert percents[0] < percents[1] < percents[2] < percents[3]
    assert percents[4] < percents[0]


def test_program_round_trips_through_json() -> None:
    """to_dict gives plain JSON types and from_dict rebuilds an equal program."""
    program = build_program(request(), {"squat": 140.0, "bench press": 100.0})
    text = json.dumps(program.to_dict())
    assert Program.from_dict(json.loads(text)) == program
    session = session_for(program, 2, 3)
    assert PlannedSession.from_dict(json.loads(json.dumps(session.to_dict()))) == session


def test_broken_saved_program_raises_a_user_error() -> None:
    """A damaged saved program is reported, not crashed on."""
    with pytest.raises(ProgramError):
        Program.from_dict({"split": "ppl"})


@pytest.mark.parametrize(("week", "day"), [(0, 1), (11, 1), (1, 5), (1, 0)])
def test_session_for_outside_the_program(week: int, day: int) -> None:
    """Asking for a week or day the program does not have raises ProgramError."""
    with pytest.raises(ProgramError, match="no week"):
        session_for(build_program(request()), week, day)


def test_main_patterns_are_the_big_six() -> None:
    """Main lifts come from squat, hinge and the four push/pull patterns."""
    program = build_program(request(split="full_body", days_per_week=3))
    assert {p for s in program.sessions for p in _main_patterns(s)} <= set(MAIN_PATTERNS)
