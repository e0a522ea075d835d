"""Logging sets by chatting, through the real application and the fake Bot API."""

from __future__ import annotations

import datetime as dtm
import sqlite3
from pathlib import Path

import pytest

from bot.services import Services
from bot.settings import Settings
from tests.conftest import FrozenClock, onboard, sent
from tests.faketg import FakeTelegram, SentMessage

ANN, BOB = 601, 602


def db_rows(settings: Settings, sql: str) -> list[tuple]:
    path = Path(settings.database_url.removeprefix("sqlite+aiosqlite:///"))
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


async def say(tg: FakeTelegram, user: int, text: str, **kw: object) -> SentMessage:
    tg.send_text(user, text, **kw)
    (reply,) = await tg.await_for(user, predicate=sent)
    return reply


@pytest.fixture
async def ann(live_bot: Services, tg: FakeTelegram) -> Services:
    await onboard(tg, ANN)
    return live_bot


async def test_notations_are_logged_and_acknowledged(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """Several notations are stored with kg, the typed unit and number, reps and effort."""
    first = await say(tg, ANN, "bench 80x5 rir2")
    assert first.text.startswith("✅ Bench press 80 kg × 5 @ RIR 2 — e1RM ")
    assert "Set 1 today" in first.text
    assert "Next: 80 kg × 5 @ RIR 1–2" in first.text
    assert [b[0] for b in first.buttons] == ["↩️ Undo", "🔁 Same again", "✏️ Edit"]
    squat = await say(tg, ANN, "squat 3x5 @ 100kg")
    assert "Squat 3 × 5 @ 100 kg" in squat.text
    assert "Sets 1–3 today" in squat.text
    ohp = await say(tg, ANN, "ohp 95lb x 8,8,7 @8")
    assert "95 lb × 8, 8, 7 @ RPE 8" in ohp.text
    pull = await say(tg, ANN, "pullups bw+10 x6")
    assert "bodyweight +10 kg × 6" in pull.text
    rows = db_rows(
        bot_settings,
        "SELECT exercise, weight_kg, input_weight, input_unit, reps,"
        " rir, rpe, bodyweight, added_weight_kg FROM set_logs ORDER BY id",
    )
    assert rows[0] == ("bench press", 80.0, 80.0, "kg", 5, 2.0, None, 0, None)
    assert len(rows) == 1 + 3 + 3 + 1
    assert rows[4][:5] == ("overhead press", pytest.approx(43.0913, abs=1e-3), 95.0, "lb", 8)
    assert rows[4][6] == 8.0
    assert rows[-1][0] == "pull-up"
    assert rows[-1][7:] == (1, 10.0)


async def test_a_heavier_set_is_flagged_as_a_record(ann: Services, tg: FakeTelegram) -> None:
    """Beating the heaviest weight and best e1RM says so, with the old best."""
    await say(tg, ANN, "bench 80x5")
    reply = await say(tg, ANN, "bench 85x5")
    assert "🏆 PRs: heaviest ever (was 80 kg) · best e1RM (was 93.3 kg)" in reply.text
    assert "Set 2 today" in reply.text


async def test_follow_ups_continue_the_exercise(ann: Services, tg: FakeTelegram) -> None:
    """'x4', 'same' and '+2.5' continue the last exercise."""
    await say(tg, ANN, "bench 80x5")
    assert "Bench press 80 kg × 4" in (await say(tg, ANN, "x4")).text
    assert "Bench press 80 kg × 4" in (await say(tg, ANN, "same")).text
    assert "Bench press 82.5 kg × 4" in (await say(tg, ANN, "+2.5")).text


async def test_non_logs_are_never_logged(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """Questions and chit-chat get a friendly answer and store nothing."""
    question = await say(tg, ANN, "how much should I bench?")
    assert question.text.startswith("I can't answer questions yet")
    assert (await say(tg, ANN, "thanks!")).text == "You're welcome! 💪"
    assert "Body weight 82 kg logged (not as a set)" in (await say(tg, ANN, "bw 82")).text
    assert db_rows(bot_settings, "SELECT count(*) FROM set_logs") == [(0,)]


async def test_undo_button_and_command(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """Undo on an acknowledgement removes that entry once; /undo removes the last one."""
    ack = await say(tg, ANN, "bench 80x5")
    await say(tg, ANN, "squat 100x5")
    tg.press_button(ANN, ack.message_id, ack.buttons[0][1])
    tg.press_button(ANN, ack.message_id, ack.buttons[0][1])  # a double tap
    (edit,) = await tg.await_for(ANN)
    assert edit.text.startswith("↩️ Undone: Bench press 80 kg × 5")
    removed = await say(tg, ANN, "/undo")
    assert removed.text == "↩️ Removed: Squat 100 kg × 5"
    assert db_rows(bot_settings, "SELECT count(*) FROM set_logs") == [(0,)]
    assert (await say(tg, ANN, "/undo")).text == "Nothing to undo."


async def test_same_again_double_tap_logs_once(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """Pressing 'Same again' twice on one acknowledgement logs one repeat."""
    ack = await say(tg, ANN, "bench 80x5 rir2")
    same = ack.buttons[1][1]
    tg.press_button(ANN, ack.message_id, same)
    tg.press_button(ANN, ack.message_id, same)
    repeat = await tg.await_for(ANN, predicate=sent)
    assert "Set 2 today" in repeat[0].text
    await say(tg, ANN, "/history")
    assert db_rows(bot_settings, "SELECT count(*) FROM set_logs") == [(2,)]


async def test_edit_by_button_and_by_reply(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """Edit then a corrected line replaces the set; so does replying to the acknowledgement."""
    ack = await say(tg, ANN, "bench 80x5")
    tg.press_button(ANN, ack.message_id, ack.buttons[2][1])
    prompt = (await tg.await_for(ANN, predicate=sent))[0]
    assert "Send the corrected line for: bench 80x5" in prompt.text
    fixed = await say(tg, ANN, "bench 82.5x5")
    assert fixed.text.startswith("✏️ Corrected:")
    second = await say(tg, ANN, "squat 100x5")
    await say(tg, ANN, "squat 105x5", reply_to_message_id=second.message_id)
    rows = db_rows(bot_settings, "SELECT exercise, weight_kg FROM set_logs ORDER BY id")
    assert rows == [("bench press", 82.5), ("squat", 105.0)]


async def test_ambiguous_log_asks_and_saves_only_the_answer(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """'face pulls 60x3x15' asks which reading; nothing is stored until a button is tapped."""
    question = await say(tg, ANN, "face pulls 60x3x15")
    assert "Nothing is saved until you pick" in question.text
    assert db_rows(bot_settings, "SELECT count(*) FROM set_logs") == [(0,)]
    choice = next(data for label, data in question.buttons if label.startswith("3"))
    tg.press_button(ANN, question.message_id, choice)
    tg.press_button(ANN, question.message_id, choice)
    logged = await tg.await_for(ANN, predicate=sent)
    assert "Face pull" in logged[0].text
    await say(tg, ANN, "/help")
    reps = db_rows(bot_settings, "SELECT reps FROM set_logs")
    assert reps == [(15,)] * 3


async def test_unknown_exercise_offers_did_you_mean(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """An unknown name is not guessed: it can be added as the user's own exercise."""
    question = await say(tg, ANN, "sled push 100x20")
    assert "I don't know the exercise “sled push”" in question.text
    assert db_rows(bot_settings, "SELECT count(*) FROM set_logs") == [(0,)]
    add = next(data for _label, data in question.buttons if data.endswith(":new"))
    tg.press_button(ANN, question.message_id, add)
    logged = (await tg.await_for(ANN, predicate=sent))[0]
    assert logged.text.startswith("✅ Sled push 100 kg × 20")
    again = await say(tg, ANN, "sled push 120x10")
    assert again.text.startswith("✅ Sled push 120 kg × 10")
    assert db_rows(bot_settings, "SELECT name FROM custom_exercises") == [("sled push",)]


async def test_done_summarises_the_workout(
    ann: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """/done lists exercises, sets, tonnage, best e1RM and PRs, and the duration."""
    start = clock.now
    await say(tg, ANN, "bench 80x5", date=start)
    await say(tg, ANN, "/done")
    await say(tg, ANN, "bench 85x5", date=start + dtm.timedelta(days=2))
    await say(tg, ANN, "squat 3x5 @ 100kg", date=start + dtm.timedelta(days=2, minutes=40))
    summary = await say(tg, ANN, "/done")
    assert summary.text.startswith("🏁 Workout done — ")
    assert "40 min" in summary.text
    assert "• Bench press: 85 kg × 5 · e1RM 99.2 kg" in summary.text
    assert "4 sets · 1,925 kg lifted" in summary.text
    assert "heaviest ever (was 80 kg)" in summary.text
    assert (await say(tg, ANN, "/done")).text.startswith("No workout in progress")


async def test_a_long_pause_starts_a_new_workout(ann: Services, tg: FakeTelegram) -> None:
    """A set more than the configured gap after the last one starts a new workout."""
    start = dtm.datetime(2026, 11, 16, 7, 0, tzinfo=dtm.UTC)
    await say(tg, ANN, "bench 80x5", date=start)
    later = await say(tg, ANN, "bench 80x5", date=start + dtm.timedelta(hours=4))
    assert "Set 1 today" in later.text


async def test_last_history_and_prs(ann: Services, tg: FakeTelegram) -> None:
    """/last, /history and /prs show the user's own logbook."""
    await say(tg, ANN, "bench 80x5 rir2")
    await say(tg, ANN, "bench 82.5x3")
    last = await say(tg, ANN, "/last bp")
    assert last.text.startswith("Bench press — ")
    assert "80 kg × 5 @ RIR 2, 82.5 kg × 3" in last.text
    prs = await say(tg, ANN, "/prs")
    assert "• Bench press: heaviest 82.5 kg × 3" in prs.text
    history = await say(tg, ANN, "/history")
    assert "2 sets" in history.text
    unknown = await say(tg, ANN, "/last qwertyuiop")
    assert "I don't know the exercise" in unknown.text


async def test_users_only_see_their_own_logbook(ann: Services, tg: FakeTelegram) -> None:
    """Bob's /prs and /undo never touch Ann's sets."""
    ack = await say(tg, ANN, "bench 100x5")
    await onboard(tg, BOB)
    assert (await say(tg, BOB, "/prs")).text.startswith("No records yet")
    assert (await say(tg, BOB, "/undo")).text == "Nothing to undo."
    bob = {"id": BOB, "is_bot": False, "first_name": "Bob"}
    stolen = {"message_id": ack.message_id, "date": 0, "chat": {"id": BOB, "type": "private"}}
    tg.send_update(
        {
            "callback_query": {
                "id": "x1",
                "from": bob,
                "chat_instance": "c",
                "data": ack.buttons[0][1],
                "message": stolen,
            }
        }
    )
    await say(tg, BOB, "/help")
    assert "heaviest 100 kg × 5" in (await say(tg, ANN, "/prs")).text


async def test_set_before_start_asks_to_start(live_bot: Services, tg: FakeTelegram) -> None:
    """A set from someone who never sent /start asks them to, and stores nothing."""
    reply = await say(tg, 999, "bench 80x5")
    assert "/start" in reply.text


async def test_redelivered_log_is_skipped_not_answered_or_stored_again(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """A copy of an update already handled gets neither a second reply nor a second set."""
    update_id = tg.send_text(ANN, "bench 80x5")
    await tg.await_for(ANN, predicate=sent)
    tg.redeliver(update_id)
    tg.send_text(ANN, "/undo")
    (after,) = await tg.await_for(ANN)
    assert after.text == "↩️ Removed: Bench press 80 kg × 5"
    assert db_rows(bot_settings, "SELECT count(*) FROM set_logs") == [(0,)]


async def test_unknown_variation_suggests_the_base_lift_or_adding_it(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """'zercher squat' is not logged as squat silently: the user picks, and can add it."""
    question = await say(tg, ANN, "zercher squat 100x5")
    labels = [label for label, _data in question.buttons]
    assert labels[0] == "Squat"
    assert "➕ Add “zercher squat”" in labels
    add = next(data for _label, data in question.buttons if data.endswith(":new"))
    tg.press_button(ANN, question.message_id, add)
    logged = (await tg.await_for(ANN, predicate=sent))[0]
    assert logged.text.startswith("✅ Zercher squat 100 kg × 5")
    again = await say(tg, ANN, "zercher squat 110x5")
    assert again.text.startswith("✅ Zercher squat 110 kg × 5")
    rows = db_rows(bot_settings, "SELECT exercise FROM set_logs")
    assert rows == [("zercher squat",), ("zercher squat",)]
