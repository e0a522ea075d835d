"""Fuzzed chat through the logbook service and the whole bot: nothing absurd stored, every
message answered.

1,300 generated messages go through the logbook service on a real migrated database, with
the questions they raise answered, 'Same again' and edits (about 1,700 calls in all), and 200
through the real Application and the fake Telegram Bot API, whose rate limit (30 messages a
second) sets the pace there. With tests/engine/test_setlog_fuzz.py: over 10,000 messages.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.services import Services
from bot.services.logbook import Logged, NotALog, Question
from bot.services.sets import from_kg
from bot.settings import Settings
from engine.catalog import CATALOG
from engine.errors import EngineError
from engine.plausibility import check_set, name_problem
from tests.conftest import FrozenClock, sent
from tests.engine.fuzz_support import CHAT_TEXT, follow_ups, set_logs
from tests.faketg import FakeTelegram

PER_EXAMPLE = 10
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MESSAGES = st.one_of(set_logs(), follow_ups(), CHAT_TEXT, st.sampled_from(["bench 80x5"]))
# What a user does after a reply: nothing, answer the question, repeat, or correct the entry
# (with one of these texts).
ACTIONS = st.sampled_from(["none", "none", "answer", "same", "edit"])
LATER = st.one_of(follow_ups(), st.sampled_from([
    "bench 85x5", "bench 80x0", "squat 999x5", "x99999999", "bw 82.5kg", "bench nan x 5",
    "n 80x5", "plank 25h", "sled push 100x20", "curl 200kg x 5", "", "\u202e80x5", "<b>x</b>",
]))  # fmt: skip
IDS = itertools.count(10_000_000)  # update ids the fake Telegram never hands out
APOLOGY = "Sorry — something went wrong"


def _database(settings: Settings) -> Path:
    return Path(settings.database_url.removeprefix("sqlite+aiosqlite:///"))


def assert_nothing_absurd(settings: Settings) -> int:
    """Every stored set passes the plausibility rules and every custom name the name rules."""
    with sqlite3.connect(_database(settings)) as conn:
        rows = conn.execute(
            "SELECT exercise, weight_kg, added_weight_kg, input_unit, reps, duration_s,"
            " distance_m, rpe, rir, e1rm_kg FROM set_logs"
        ).fetchall()
        names = [name for (name,) in conn.execute("SELECT name FROM custom_exercises")]
    for exercise, weight_kg, added_kg, unit, reps, duration, distance, rpe, rir, e1rm in rows:
        unit = unit or "kg"
        check_set(CATALOG.get(exercise), weight=from_kg(weight_kg, unit),
                  added=from_kg(added_kg, unit), unit=unit, reps=reps, duration_s=duration,
                  distance_m=distance, rpe=rpe, rir=rir)  # fmt: skip
        assert e1rm is None or math.isfinite(e1rm)
    assert all(name_problem(name) is None for name in names), names
    return len(rows)


def assert_user_safe(error: EngineError) -> None:
    """A user error carries a message to show."""
    assert str(error)


async def _start(services: Services, user_id: int) -> None:
    await services.users.start(next(IDS), user_id, "Ann", None)
    await services.users.set_units(next(IDS), user_id, "kg")
    await services.users.set_timezone(next(IDS), user_id, "Europe/Berlin")


async def _follow(services: Services, user_id: int, outcome: object, action: str, text: str):
    """Do what a user might do next with a reply; returns what that gave."""
    if action == "answer" and isinstance(outcome, Question):
        _label, data = outcome.buttons[len(text) % len(outcome.buttons)]
        kind, pending, choice = data.split(":")
        return await services.questions.answer(next(IDS), user_id, kind, int(pending), choice)
    if action == "same" and isinstance(outcome, Logged):
        return await services.logbook.repeat(next(IDS), user_id, outcome.entry_id)
    if action == "edit" and isinstance(outcome, Logged):
        return await services.logbook.edit(next(IDS), user_id, outcome.entry_id, text)
    return None


PAIR = (701, 702)


@pytest.fixture
async def pair(services: Services) -> Services:
    for user in PAIR:
        await _start(services, user)
    return services


async def _chat_through_logbook(services: Services, clock: FrozenClock, user: int, texts):
    for text, action, later in texts:
        clock.advance(seconds=20)
        try:
            outcome = await services.logbook.log_text(next(IDS), user, text, clock(), 1)
            assert isinstance(outcome, Logged | Question | NotALog)
            after = await _follow(services, user, outcome, action, later)
            assert after is None or isinstance(after, Logged | Question | NotALog)
        except EngineError as exc:  # answered with its message by the error handler
            assert_user_safe(exc)


@settings(FUZZ, max_examples=130)
@given(texts=st.lists(st.tuples(MESSAGES, ACTIONS, LATER), min_size=PER_EXAMPLE,
                      max_size=PER_EXAMPLE))  # fmt: skip
async def test_fuzzed_chat_through_the_logbook_stores_nothing_absurd(
    pair: Services, settings: Settings, clock: FrozenClock, texts
) -> None:
    """Logs, follow-ups, answers, repeats and edits with wild text from two users at once:
    every outcome is a reply or a user error, and the database holds only plausible sets and
    valid exercise names."""
    clock.advance(hours=4)  # each batch is a workout of its own, as a session would be
    half = len(texts) // 2
    await asyncio.gather(
        _chat_through_logbook(pair, clock, PAIR[0], texts[:half]),
        _chat_through_logbook(pair, clock, PAIR[1], texts[half:]),
    )
    assert_nothing_absurd(settings)


# Enough users that none goes past the per-chat pace (a burst of 20, then 2 a second).
USERS = tuple(range(711, 731))
TURNS = itertools.cycle(USERS)


@pytest.fixture
async def crowd(live_bot: Services) -> Services:
    for user in USERS:
        await _start(live_bot, user)
    return live_bot


def _chat(text: str) -> str:
    """What a user can send: Telegram delivers no empty text; commands are another suite's."""
    text = text.lstrip("/") if text.strip() else "hello"
    return text if text.strip() else "hello"


async def _chat_through_telegram(tg: FakeTelegram, user: int, texts: list[str]) -> None:
    for text in texts:
        tg.send_text(user, _chat(text))
        (reply,) = await tg.await_for(user, predicate=sent)
        assert reply.text
        assert APOLOGY not in reply.text, text


@settings(FUZZ, max_examples=20)
@given(texts=st.lists(MESSAGES, min_size=PER_EXAMPLE, max_size=PER_EXAMPLE))
async def test_every_fuzzed_message_gets_an_answer(
    crowd: Services, tg: FakeTelegram, bot_settings: Settings, caplog, texts
) -> None:
    """Through the real bot, each message is answered, Telegram refuses none of the replies,
    nothing is an apology for an error, and nothing absurd is stored."""
    caplog.set_level(logging.ERROR)
    half = len(texts) // 2
    await asyncio.gather(
        _chat_through_telegram(tg, next(TURNS), texts[:half]),
        _chat_through_telegram(tg, next(TURNS), texts[half:]),
    )
    assert tg.errors == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert_nothing_absurd(bot_settings)
