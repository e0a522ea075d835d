"""Guardrails: the model's sentence is shown only when it says nothing the engine did not."""

from __future__ import annotations

import pytest

from prompts.facts import Decision, Facts
from prompts.guard import MAX_CHARS, Verdict, check, mentions_safety, sentence_count
from prompts.phrasing import MORNING, WORKOUT_DONE, phrasings
from prompts.render import Persona, system_prompt
from tests.fakeollama.replies import BAD, GOOD

SYSTEM = system_prompt(Persona.CALM)
DELOAD = Facts(MORNING, Decision.DELOAD, (("session", "squat 3 x 5 @ 80 kg"),))
INCREASE = Facts(MORNING, Decision.INCREASE, (("session", "squat 4 x 5 @ 105 kg"),))
HOLD = Facts(MORNING, Decision.HOLD, (("session", "bench 3 x 8 @ 60 kg"),))
DONE = Facts(WORKOUT_DONE, Decision.NONE, (("sets", "12"), ("tonnage", "1,925 kg")))
RECORD = Facts(
    WORKOUT_DONE, Decision.NONE, (("sets", "4"), ("records", "bench press heaviest ever"))
)

REASONS = {
    "made-up number": "number not in facts",
    "number word": "number word not in facts",
    "go heavier on a deload": "contradicts the decision",
    "link": "link",
    "markdown link": "link",
    "mention": "mention",
    "markup": "markup",
    "three sentences": "too many sentences",
    "too long": "too long",
    "empty": "empty",
    "system prompt": "system prompt",
    "pain": "safety",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_canned_bad_reply_is_dropped_with_its_reason(name: str) -> None:
    """The fake's bad replies, one per guardrail, are each caught by that guardrail."""
    text = BAD[name] if name != "system prompt" else SYSTEM[:160]
    assert check(text, DELOAD, SYSTEM) == Verdict(None, REASONS[name])


def test_the_good_reply_passes() -> None:
    assert check(GOOD, DELOAD, SYSTEM).text == GOOD


@pytest.mark.parametrize(
    ("text", "facts", "reason"),
    [
        # numbers: only those in the facts, digits or words, thousands separators read
        ("Twelve hard sets, well done.", DONE, None),
        ("That was 12 hard sets, well done.", DONE, None),
        ("Moving 1,925 kg is real work.", DONE, None),
        ("Moving 1.925 kg is real work.", DONE, "number not in facts"),
        ("That was 13 sets, well done.", DONE, "number not in facts"),
        ("Half the battle is showing up.", DONE, "number word not in facts"),
        ("You did this twice as well.", DONE, "number word not in facts"),
        ("Go for one more rep.", DONE, "number word not in facts"),
        ("Someone strong showed up today.", DONE, None),
        # direction: never against the engine
        ("Add some weight next time.", DELOAD, "contradicts the decision"),
        ("Time to bump it up.", HOLD, "contradicts the decision"),
        ("Maybe go lighter today.", HOLD, "contradicts the decision"),
        ("Keep it lighter today, that is the point.", DELOAD, None),
        ("Heavier bar, same focus.", INCREASE, None),
        ("Back off a little today.", INCREASE, "contradicts the decision"),
        ("Increase the load next week.", DONE, "contradicts the decision"),
        ("Deload next week.", DONE, "contradicts the decision"),
        # records only when the facts hold one
        ("A new PR, well done.", DONE, "record not in facts"),
        ("A new PR, well done.", RECORD, None),
        # form
        ("Great work! Rest well.", DONE, None),
        ("Great work. Rest well. Sleep.", DONE, "too many sentences"),
        ("Visit spotter.com now.", DONE, "link"),
        ("Ping @coach today.", DONE, "mention"),
        ("<b>Great</b> work.", DONE, "markup"),
        ("As an AI I cannot help with that.", DONE, "system prompt"),
        ("   \n ", DONE, "empty"),
        ("x" * (MAX_CHARS + 1), DONE, "too long"),
        # safety: pain and injury words never come from the model
        ("Mind that sore shoulder injury.", DONE, "safety"),
        ("If you feel dizzy, stop.", DONE, "safety"),
    ],
)
def test_checks(text: str, facts: Facts, reason: str | None) -> None:
    verdict = check(text, facts, SYSTEM)
    assert verdict.reason == reason
    assert (verdict.text is None) is (reason is not None)


def test_quotes_and_spaces_around_the_reply_are_dropped() -> None:
    assert check('  "Good work,\n rest well."  ', DONE, SYSTEM).text == "Good work, rest well."


def test_a_reply_cut_by_the_token_cap_keeps_its_whole_sentences() -> None:
    """done_reason 'length': the unfinished last sentence goes, or the reply if none is left."""
    assert check("Good work. Rest and", DONE, SYSTEM, "length").text == "Good work."
    assert check("Good work and rest", DONE, SYSTEM, "length").reason == "empty"


def test_any_five_words_of_the_system_prompt_are_a_leak() -> None:
    assert check("Sure: speak only about the facts you are given.", DONE, SYSTEM).reason == (
        "system prompt"
    )


@pytest.mark.parametrize(
    ("text", "count"), [("One.", 1), ("One. Two!", 2), ("One? Two… three", 3), ("No end", 1)]
)
def test_sentence_count(text: str, count: int) -> None:
    assert sentence_count(text) == count


@pytest.mark.parametrize(
    ("text", "safety"),
    [("should I train, my knee hurts", True), ("I slept badly", False), ("chest day!", False)],
)
def test_mentions_safety(text: str, safety: bool) -> None:
    assert mentions_safety(text) is safety


@pytest.mark.parametrize("facts", [DELOAD, INCREASE, HOLD, DONE, RECORD])
@pytest.mark.parametrize("persona", list(Persona))
def test_every_template_phrasing_passes_the_guardrails(facts: Facts, persona: Persona) -> None:
    """The templates are held to the same rules as the model."""
    for line in phrasings(facts):
        assert check(line, facts, system_prompt(persona)).text == line
