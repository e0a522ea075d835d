"""Wrong data never reaches the logbook: body weight, bare loads, absurd values, junk names."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.services import Services
from bot.settings import Settings
from tests.conftest import onboard, sent
from tests.faketg import FakeTelegram, SentMessage

ANN = 611
BODY_WEIGHT = "⚖️ Body weight {} logged (not as a set)."
WHICH = "Which exercise was that? Start the line with its name, e.g. 'squat 100x5'."
REFUSED = "Nothing was saved; check it and send it again."


def db_rows(settings: Settings, sql: str) -> list[tuple]:
    path = Path(settings.database_url.removeprefix("sqlite+aiosqlite:///"))
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


async def stored(tg: FakeTelegram, settings: Settings) -> list[tuple]:
    """The sets in the database once every earlier message is handled (writes included)."""
    await say(tg, "/help")  # a chat's updates are handled in order, each with its write
    return db_rows(settings, "SELECT exercise, weight_kg, reps FROM set_logs ORDER BY id")


async def say(tg: FakeTelegram, text: str, **kw: object) -> SentMessage:
    tg.send_text(ANN, text, **kw)
    (reply,) = await tg.await_for(ANN, predicate=sent)
    return reply


@pytest.fixture
async def ann(live_bot: Services, tg: FakeTelegram) -> Services:
    await onboard(tg, ANN)
    return live_bot


@pytest.mark.parametrize(
    ("text", "mass"), [("bw 82.5kg", "82.5 kg"), ("BW: 81", "81 kg"), ("weighed 80.2", "80.2 kg")]
)
async def test_body_weight_after_a_set_is_not_a_set(
    ann: Services, tg: FakeTelegram, bot_settings: Settings, text: str, mass: str
) -> None:
    """'bw 82.5kg' after a bench set was 'Bench press 82.5 kg × 5 … PRs': now it is body weight."""
    await say(tg, "bench 80x5")
    reply = await say(tg, text)
    assert reply.text.startswith(BODY_WEIGHT.format(mass))
    assert reply.buttons == []
    assert await stored(tg, bot_settings) == [("bench press", 80.0, 5)]


async def test_body_weight_without_a_set_before_is_explained(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """A body-weight report as the first message is logged as body weight, no set."""
    assert (await say(tg, "bw 82")).text.startswith(BODY_WEIGHT.format("82 kg"))
    assert await stored(tg, bot_settings) == []
    assert await ann.bodyweight.latest_kg(ANN) == 82.0


async def test_a_bare_load_follows_up_the_last_exercise(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """'80kg' after a set was "I don't know the exercise “g”": now the same reps at 80 kg."""
    await say(tg, "bench 75x5")
    reply = await say(tg, "80kg")
    assert reply.text.startswith("✅ Bench press 80 kg × 5 — e1RM ")
    assert await stored(tg, bot_settings) == [("bench press", 75.0, 5), ("bench press", 80.0, 5)]


async def test_a_huge_follow_up_is_refused(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """'x99999999' after a bench set stored 99,999,999 kg: now it is refused with the reason."""
    await say(tg, "bench 80x5")
    reply = await say(tg, "x99999999")
    assert reply.text == (
        "99,999,999 kg on bench press is more than anyone has lifted (I accept up to 400 kg; "
        f"the bench press record is about 355 kg). {REFUSED}"
    )
    assert await stored(tg, bot_settings) == [("bench press", 80.0, 5)]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("bench 80x0", "0 reps is not a set: reps are 1 or more."),
        ("bench 80x150 reps", "150 reps in one set is more than I log (at most 100)."),
        ("squat 999x5", "999 kg on squat is more than anyone has lifted"),  # unit-less, kg user
        ("bench 999x5", "999 on bench press is more than anyone has lifted"),
        ("curl 200kg x 5", "200 kg on bicep curl is more than anyone has lifted"),
        ("plank 25h", "A set's time is more than zero and at most a day."),
        ("bench nan x 5", "“nan” isn't a number I can log"),
        ("bench 80 x inf", "“inf” isn't a number I can log"),
    ],
)
async def test_bad_values_are_refused_with_a_reason(
    ann: Services, tg: FakeTelegram, bot_settings: Settings, text: str, reason: str
) -> None:
    """Zero or too many reps, loads beyond any record, days-long sets, NaN: never stored."""
    reply = await say(tg, text)
    assert reply.text.startswith(reason), reply.text
    assert "Nothing was saved" in reply.text
    assert await stored(tg, bot_settings) == []


@pytest.mark.parametrize(
    "text", ["n 80x5", "nch 80x5", "or 80x5", "script 80x5", "<script>alert(1)</script> 80x5",
             "a" * 60 + " 80x5"],
)  # fmt: skip
async def test_junk_never_becomes_an_exercise(
    ann: Services, tg: FakeTelegram, bot_settings: Settings, text: str
) -> None:
    """Junk before a set was offered as a new exercise ('➕ Add “n”'): now it is asked for."""
    reply = await say(tg, text)
    assert reply.text == WHICH
    assert reply.buttons == []
    assert db_rows(bot_settings, "SELECT count(*) FROM custom_exercises") == [(0,)]
    assert db_rows(bot_settings, "SELECT count(*) FROM pending_inputs") == [(0,)]


async def test_an_invalid_name_has_no_add_button(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """A name with code words in it is not offered as a new exercise, only the near ones."""
    reply = await say(tg, "script bench 80x5")
    assert reply.text == "I don't know the exercise “script bench”. Did you mean one of these?"
    assert [label for label, _data in reply.buttons] == ["Bench press", "Cancel"]


async def test_same_again_on_an_absurd_old_set_is_refused(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """'Same again' goes through the same checks: an absurd set stored long ago is not copied."""
    ack = await say(tg, "bench 80x5")
    path = Path(bot_settings.database_url.removeprefix("sqlite+aiosqlite:///"))
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE set_logs SET reps = 0")
    tg.press_button(ANN, ack.message_id, ack.buttons[1][1])
    assert len(await stored(tg, bot_settings)) == 1  # answered in order, before /help
    answer = tg.callback_answers[-1].get("text")
    assert answer == f"0 reps is not a set: reps are 1 or more. {REFUSED}"


async def test_an_absurd_correction_leaves_the_entry_unchanged(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """Replying to an acknowledgement with an absurd line keeps the logged set."""
    ack = await say(tg, "squat 100x5")
    reply = await say(tg, "squat 999x5", reply_to_message_id=ack.message_id)
    assert reply.text.startswith("999 kg on squat is more than anyone has lifted")
    assert reply.text.endswith("The entry is unchanged.")
    assert await stored(tg, bot_settings) == [("squat", 100.0, 5)]
