"""Fuzzed chat text never makes the set-log parser store something absurd or crash.

About 8,500 generated messages in CI-sized batches: logs with NaN, infinities and huge
numbers, unicode and right-to-left text, emoji, control characters, SQL- and HTML-looking
text, and messages at and over Telegram's 4,096 characters.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.catalog import custom_exercise
from engine.errors import SetLogError
from engine.setlog import LastSet, ParseResult, parse_followup, parse_message
from engine.setlog.message import parse_fully
from tests.engine.fuzz_support import (
    CHAT_TEXT,
    assert_sane,
    follow_ups,
    loggish,
    long_texts,
    set_logs,
)

# Each example is a batch of messages: far less overhead per message than one per example.
PER_EXAMPLE = 10
BATCH = settings(max_examples=230, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LASTS = [
    LastSet("bench press", 80.0, "kg", 5),
    LastSet("squat", 100.0, None, 5),
    LastSet("pull-up", None, "kg", 8, bodyweight=True, added_weight=10.0),
    LastSet("plank", None, None, None, bodyweight=True),
    LastSet("sled push", 100.0, "lb", 20),  # a custom exercise
]
MINE = [custom_exercise("sled push", "squat", ("quads",)), custom_exercise("nordic curl")]


def batches(strategy):
    """Lists of PER_EXAMPLE messages drawn from a strategy."""
    return st.lists(strategy, min_size=PER_EXAMPLE, max_size=PER_EXAMPLE)


def outcome(text: str, custom=()) -> object:
    """The parse of a message, or the user error it raised (anything else propagates)."""
    try:
        return parse_message(text, custom)
    except SetLogError as exc:
        return exc


@settings(BATCH, max_examples=270)
@given(batches(CHAT_TEXT))
def test_chat_text_is_read_sanely(texts):
    """Any chat text parses to plausible sets or a user error, never anything else."""
    for text in texts:
        assert_sane(outcome(text))


@settings(BATCH, max_examples=240)
@given(batches(set_logs()))
def test_logs_with_wild_numbers_are_read_sanely(texts):
    """'<name> <load> x <reps>' with NaN, inf, huge or odd numbers: plausible or refused."""
    for text in texts:
        assert_sane(outcome(text))


@BATCH
@given(batches(st.one_of(follow_ups(), loggish())), st.sampled_from(LASTS))
def test_follow_ups_are_read_sanely(texts, last):
    """A follow-up is None, plausible sets of the last exercise, or a user error."""
    for text in texts:
        try:
            found = parse_followup(text, last)
        except SetLogError as exc:
            found = exc
        if isinstance(found, SetLogError):
            assert_sane(found)
        elif found is not None:
            assert found.exercise == last.exercise
            assert_sane(ParseResult((found,)))


@settings(BATCH, max_examples=110)
@given(batches(st.one_of(loggish(), set_logs(), CHAT_TEXT)))
def test_own_exercises_and_the_full_parser_are_sane(texts):
    """With custom exercises, and through the full parser alone, the same holds."""
    for text in texts:
        assert_sane(outcome(text, MINE))
        try:
            assert_sane(parse_fully(text))
        except SetLogError as exc:
            assert_sane(exc)


@settings(BATCH, max_examples=40)
@given(long_texts(4096) | long_texts(4097) | long_texts(4000))
def test_messages_at_telegrams_length_limit_are_read_sanely(text):
    """4,096-character messages are read (or refused) like short ones; longer are refused."""
    result = outcome(text)
    assert_sane(result)
    if len(text) > 4096:
        assert isinstance(result, SetLogError)
