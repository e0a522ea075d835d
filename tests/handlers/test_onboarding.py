"""Onboarding and settings through the real application and the fake Bot API."""

from __future__ import annotations

from bot.services import Services
from tests.conftest import onboard, sent
from tests.faketg import FakeTelegram

ANN = 501


async def test_start_asks_units_then_timezone(live_bot: Services, tg: FakeTelegram) -> None:
    """/start greets, kg/lb buttons store units, a typed city stores the timezone."""
    tg.send_text(ANN, "/start", first_name="Ann")
    (welcome,) = await tg.await_for(ANN)
    assert "Hi Ann" in welcome.text
    assert [b[1] for b in welcome.buttons] == ["units:kg", "units:lb"]
    tg.press_button(ANN, welcome.message_id, "units:lb")
    (question,) = await tg.await_for(ANN, predicate=sent)
    assert "Units: lb" in question.text
    assert "Which timezone" in question.text
    assert ("Europe/Berlin", "tz:Europe/Berlin") in question.buttons
    tg.send_text(ANN, "new york")
    (done,) = await tg.await_for(ANN)
    assert "America/New_York" in done.text
    user = await live_bot.users.get(ANN)
    assert user is not None
    assert (user.units, user.timezone, user.awaiting) == ("lb", "America/New_York", None)


async def test_unknown_city_gets_a_friendly_retry(live_bot: Services, tg: FakeTelegram) -> None:
    """A place that is not a timezone is explained; the next answer still counts."""
    tg.send_text(ANN, "/start")
    (welcome,) = await tg.await_for(ANN)
    tg.press_button(ANN, welcome.message_id, "units:kg")
    await tg.await_for(ANN, predicate=sent)
    tg.send_text(ANN, "Atlantis")
    (retry,) = await tg.await_for(ANN)
    assert "couldn't find a timezone" in retry.text
    tg.send_text(ANN, "Tokyo")
    (done,) = await tg.await_for(ANN)
    assert "Asia/Tokyo" in done.text


async def test_help_and_command_menu(live_bot: Services, tg: FakeTelegram) -> None:
    """/help lists the commands; the menu was registered with setMyCommands at start."""
    tg.send_text(ANN, "/help")
    (help_text,) = await tg.await_for(ANN)
    assert "/settings" in help_text.text
    names = {c["command"] for c in tg.commands}
    assert {"start", "help", "settings", "undo", "done"} <= names


async def test_settings_switch_units(live_bot: Services, tg: FakeTelegram) -> None:
    """/settings shows the current values; the button switches kg to lb."""
    await onboard(tg, ANN)
    tg.send_text(ANN, "/settings")
    (shown,) = await tg.await_for(ANN)
    assert "Units: kg" in shown.text
    assert "Europe/Berlin" in shown.text
    tg.press_button(ANN, shown.message_id, "units:lb")
    await tg.await_for(ANN, predicate=sent)
    user = await live_bot.users.get(ANN)
    assert user is not None
    assert user.units == "lb"


async def test_start_in_a_group_points_to_private_chat(
    live_bot: Services, tg: FakeTelegram
) -> None:
    """In a group, /start answers with a pointer to the private chat and stores nothing."""
    tg.send_text(ANN, "/start", chat_id=-100, chat_type="group")
    (reply,) = await tg.await_for(-100)
    assert "privately" in reply.text
    assert await live_bot.users.get(ANN) is None
