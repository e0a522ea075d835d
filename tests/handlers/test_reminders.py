"""/remind through the real application: hour, weekdays, rest-day note, weekly summary, off."""

from __future__ import annotations

import asyncio

from bot.services import Services
from tests.conftest import onboard
from tests.faketg import FakeTelegram

ANN = 531

SHOWN = """⏰ Reminders, your time (Europe/Berlin)
Morning session: 07:00, every day
On rest days: nothing
Weekly summary: Sunday 19:00
Readiness check-in: sleep, soreness and energy
Deload reminder: 19:00 the evening before a deload week

Tap to change. Days with a ✓ get the morning message."""


async def test_remind_shows_the_settings_and_each_button_changes_one(
    live_bot: Services, tg: FakeTelegram
) -> None:
    """Defaults first; then 09:00, Saturday and Sunday off, rest-day note, summary off, off."""
    await onboard(tg, ANN)
    tg.send_text(ANN, "/remind")
    (shown,) = await tg.await_for(ANN)
    assert shown.text == SHOWN
    assert ("Sat ✓", "remind:day:5") in shown.buttons
    presses = [
        ("remind:hours", "Send the morning session at (your time):"),
        ("remind:hour:9", "Morning session: 09:00, every day"),
        ("remind:day:5", "Morning session: 09:00, Mon, Tue, Wed, Thu, Fri, Sun"),
        ("remind:day:6", "Morning session: 09:00, Mon–Fri"),
        ("remind:rest:1", "On rest days: a short note"),
        ("remind:weekly:0", "Weekly summary: off"),
        ("remind:on:0", "Morning session: off"),
        ("remind:checkin:1", "Readiness check-in: one question (how do you feel)"),
        ("remind:checkin:0", "Readiness check-in: off"),
        ("remind:checkin:3", "Readiness check-in: sleep, soreness and energy"),
    ]
    for data, line in presses:
        tg.press_button(ANN, shown.message_id, data)
        (edit,) = await tg.await_for(ANN)
        assert edit.message_id == shown.message_id
        assert line in edit.text.splitlines()
    assert ("Sat", "remind:day:5") in edit.buttons
    assert ("Morning message: on", "remind:on:1") in edit.buttons
    view = await live_bot.reminders.view(ANN)
    assert (view.hour, view.days, view.morning, view.rest_note, view.weekly) == (
        9, frozenset(range(5)), False, True, False,
    )  # fmt: skip
    for data in ("remind:hours", "remind:hour:7"):
        tg.press_button(ANN, shown.message_id, data)
        (edit,) = await tg.await_for(ANN)
    assert "Morning session: 07:00, Mon–Fri" in edit.text.splitlines()


async def test_remind_before_start_and_forged_hours(live_bot: Services, tg: FakeTelegram) -> None:
    """Before /start it says so; an hour that is not offered is no button at all."""
    tg.send_text(ANN, "/remind")
    (reply,) = await tg.await_for(ANN)
    assert reply.text == "Send /start first, so I know your timezone."
    await onboard(tg, ANN)
    tg.send_text(ANN, "/remind")
    (shown,) = await tg.await_for(ANN)
    before = len(tg.callback_answers)
    for data in ("remind:hour:23", "remind:day:7", "remind:on:2", "remind:checkin:2"):
        tg.press_button(ANN, shown.message_id, data, check=False)
    await asyncio.to_thread(tg.wait_until, lambda: len(tg.callback_answers) >= before + 4)
    answers = {a.get("text") for a in tg.callback_answers[before:]}
    assert answers == {"That button doesn't work any more. Send the command again."}
    view = await live_bot.reminders.view(ANN)
    assert (view.hour, len(view.days), view.morning) == (7, 7, True)
