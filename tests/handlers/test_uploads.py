"""FIT uploads and /hr through the real application and the fake Bot API."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from bot.services import Services
from bot.settings import Settings
from handlers.limits import split_message
from handlers.uploads import ANALYSING
from tests.bot.upload_support import DAY1, gym_unnamed, ride_at, run_at, triathlon, zip_of
from tests.conftest import onboard, sent, shared_path
from tests.faketg import FakeTelegram, SentMessage

ANN, BOB = 611, 612


@pytest.fixture
async def ann(live_bot: Services, tg: FakeTelegram) -> Services:
    await onboard(tg, ANN)
    return live_bot


def count(settings: Settings, table: str) -> int:
    path = Path(settings.database_url.removeprefix("sqlite+aiosqlite:///"))
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


async def send_file(tg: FakeTelegram, name: str, data: bytes, count: int) -> list[SentMessage]:
    tg.send_document(ANN, name, data)
    return await tg.await_for(ANN, count=count)


async def test_a_run_gets_analysing_then_summary_and_chart(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """'Analysing…' comes first, becomes the summary, and the chart follows as a photo."""
    status, summary, photo = await send_file(tg, "run.fit", run_at(), count=3)
    assert (status.method, status.text) == ("sendMessage", ANALYSING)
    assert summary.method == "editMessageText"
    assert summary.message_id == status.message_id
    assert summary.text.startswith("🏃 Run · Thu 1 Oct 08:00\n5.40 km")
    assert photo.method == "sendPhoto"
    assert photo.photo is not None
    assert photo.photo.startswith(b"\x89PNG")
    assert photo.text.startswith("Run on 1 Oct: 5.4 km")
    assert [p["action"] for p in tg.calls_of("sendChatAction")] == ["typing"]
    assert count(bot_settings, "activities") == 1


async def test_a_repeated_upload_is_recognised(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """The second copy of a file is answered 'Already have this one' with no chart."""
    await send_file(tg, "run.fit", run_at(), count=3)
    status, answer = await send_file(tg, "copy.fit", run_at(), count=2)
    assert status.text == ANALYSING
    assert answer.text == "Already have this one (Thu 1 Oct run, 5.4 km)"
    assert len(tg.calls_of("sendPhoto")) == 1
    assert count(bot_settings, "uploaded_files") == 1


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("run.fit", b"%PDF-1.7" + bytes(64), "Nothing saved: This is not a FIT file"),
        ("run.fit", b"", "Nothing saved: The file is empty."),
        ("export.zip", zip_of({"readme.txt": b"hi"}), "Nothing saved: The archive holds no"),
    ],
    ids=["renamed PDF", "empty", "zip without FIT"],
)
async def test_bad_files_are_explained_after_analysing(
    ann: Services, tg: FakeTelegram, bot_settings: Settings, name: str, data: bytes, expected: str
) -> None:
    """A file that fails analysis turns 'Analysing…' into the reason; nothing is stored."""
    status, reason = await send_file(tg, name, data, count=2)
    assert status.text == ANALYSING
    assert reason.method == "editMessageText"
    assert reason.text.startswith(expected)
    assert count(bot_settings, "uploaded_files") == 0


async def test_other_file_types_are_refused_at_once(ann: Services, tg: FakeTelegram) -> None:
    """A PDF gets the hint straight away, without 'Analysing…' or a download."""
    (reply,) = await send_file(tg, "report.pdf", b"%PDF-1.7", count=1)
    assert reply.text == "Send me a .fit file or a .zip of them (a Garmin export works too)."
    assert tg.calls_of("getFile") == []


async def test_files_over_20_mb_are_refused_before_download(
    ann: Services, tg: FakeTelegram
) -> None:
    """A document larger than bots may download is refused from its declared size."""
    (reply,) = await send_file(tg, "huge.zip", bytes(21 * 1024 * 1024), count=1)
    assert reply.text.startswith("That file is 21 MB, and Telegram lets bots download at most")
    assert tg.calls_of("getFile") == []


async def test_a_zip_export_is_reported_per_file(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """A ZIP with a run and a ride gives one summary and a chart for each."""
    export = zip_of(
        {"Garmin/a/run.fit": run_at(), "Garmin/b/ride.fit": ride_at(DAY1 + timedelta(days=1))}
    )
    _status, summary, *photos = await send_file(tg, "export.zip", export, count=4)
    assert summary.text.startswith("📦 2 files: 2 new activities, 0 already here, 0 unreadable.")
    assert "📄 run.fit\n\n🏃 Run" in summary.text
    assert "📄 ride.fit\n\n🚴 Ride · road" in summary.text
    assert [p.method for p in photos] == ["sendPhoto", "sendPhoto"]
    assert count(bot_settings, "activities") == 2


async def test_a_triathlon_charts_its_three_sports_with_swim_pace_per_100_m(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """Transitions are one line of the summary and get no chart; the swim reads per 100 m."""
    _status, summary, *photos = await send_file(tg, "tri.fit", triathlon(), count=5)
    assert "🏊 Swim · open water · Thu 1 Oct 08:00\n996 m · 20:00 moving" in summary.text
    assert "Pace 2:00 /100 m avg" in summary.text
    assert "🔁 Transitions: T1 2:50 · T2 1:00" in summary.text
    assert "• Thu 1 Oct transition" not in summary.text
    sports = [p.text.split(" on 1 Oct")[0] for p in photos]
    assert sports == ["Swim · open water", "Ride · road", "Run"]
    swim = "Swim · open water on 1 Oct: 996 m in 20:00 moving, 2:00 /100 m, avg HR"
    assert photos[0].text.startswith(swim)
    tg.send_text(ANN, "/help")  # updates of one chat run in order: this answers after it
    await tg.await_for(ANN, predicate=sent)
    assert len(tg.calls_of("sendPhoto")) == 3
    assert count(bot_settings, "activities") == 5  # transitions are stored, load and all


async def test_unnamed_watch_sets_are_asked_about(
    ann: Services, tg: FakeTelegram, bot_settings: Settings
) -> None:
    """The question's buttons log the sets as the chosen exercise, once."""
    *_, question = await send_file(tg, "gym.fit", gym_unnamed(), count=4)
    assert question.text.startswith("2 sets the watch logged as “row”: 10 × 20 kg, 8 × 22.5 kg.")
    data = dict(question.buttons)["Barbell row"]
    tg.press_button(ANN, question.message_id, data)
    cleared, logged = await tg.await_for(ANN, count=2)
    assert cleared.method == "editMessageReplyMarkup"
    assert logged.text == "✅ Logged 2 sets of barbell row."
    tg.press_button(ANN, question.message_id, data, check=False)  # a late double tap
    tg.send_text(ANN, "/help")  # updates of one chat run in order: this answers after it
    await tg.await_for(ANN, predicate=sent)
    assert tg.callback_answers[-1].get("text") == "Already answered"
    assert count(bot_settings, "set_logs") == 2


async def test_documents_in_groups_are_ignored(ann: Services, tg: FakeTelegram) -> None:
    """A .fit sent in a group gets no answer there and stores nothing."""
    tg.send_document(ANN, "run.fit", run_at(), chat_id=-100123, chat_type="group")
    tg.send_text(ANN, "/help")
    await tg.await_for(ANN, predicate=sent)
    assert tg.outputs(-100123) == []
    assert tg.calls_of("getFile") == []


async def test_strangers_are_asked_to_start(live_bot: Services, tg: FakeTelegram) -> None:
    """Before /start a document is answered with the set-up hint."""
    tg.send_document(BOB, "run.fit", run_at())
    (reply,) = await tg.await_for(BOB)
    assert reply.text == "Send /start first, so I know your units and timezone."


async def test_hr_command_typed_values_and_buttons(ann: Services, tg: FakeTelegram) -> None:
    """/hr shows the profile; typed values, a force-reply answer and a toggle change it."""
    tg.send_text(ANN, "/hr")
    (shown,) = await tg.await_for(ANN)
    assert "Birth year not set (zones assume age 35)" in shown.text
    assert "Max HR 189 (estimated from age, HUNT formula)" in shown.text
    tg.send_text(ANN, "/hr max 300")
    (refused,) = await tg.await_for(ANN)
    assert refused.text == "Max heart rate must be between 100 and 240 bpm."
    tg.send_text(ANN, "/hr born 1986")
    (born,) = await tg.await_for(ANN)
    assert "Born 1986 (age 40)" in born.text
    tg.press_button(ANN, born.message_id, "hr:ask:rest")
    (prompt,) = await tg.await_for(ANN)
    assert prompt.params["reply_markup"]["force_reply"] is True
    tg.send_text(ANN, "52 bpm", reply_to_message_id=prompt.message_id)
    (rest,) = await tg.await_for(ANN)
    assert "Resting HR 52 (yours)" in rest.text
    tg.press_button(ANN, rest.message_id, "hr:set:zones karvonen")
    (edited,) = await tg.await_for(ANN)
    assert edited.method == "editMessageText"
    assert "Zones: % of HR reserve (Karvonen)" in edited.text


def test_long_replies_are_split_at_paragraphs() -> None:
    """No piece is over the limit, paragraphs stay whole, and nothing is lost."""
    paragraphs = [f"block {i}\n" + "x" * 50 for i in range(40)]
    pieces = split_message("\n\n".join(paragraphs), limit=200)
    assert all(len(p) <= 200 for p in pieces)
    assert "\n\n".join(pieces) == "\n\n".join(paragraphs)


@pytest.mark.shared
async def test_the_largest_real_file(ann: Services, tg: FakeTelegram) -> None:
    """A 1 MB multisport file: one summary (split if long) and at most four charts."""
    data = shared_path("data", "fit", "multisport_fenix2_large.fit").read_bytes()
    tg.send_document(ANN, "multisport.fit", data)
    outputs = await tg.await_for(ANN, count=6, timeout=60)
    assert outputs[1].text.startswith("🏅 Activity · Sat 29 Aug 09:14")
    assert [o.method for o in outputs[2:]] == ["sendPhoto"] * 4
