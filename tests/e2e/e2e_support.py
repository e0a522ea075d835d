"""Onboarding a user of the bot process, shared by the end-to-end tests."""

from __future__ import annotations

from tests.faketg import FakeTelegram

ANN = 777


def onboard(tg: FakeTelegram) -> None:
    tg.send_text(ANN, "/start", first_name="Ann")
    (welcome,) = tg.wait_for(ANN, timeout=20)
    tg.press_button(ANN, welcome.message_id, "units:kg")
    tg.wait_for(ANN, predicate=lambda m: "Which timezone" in (m.text or ""))
    tg.send_text(ANN, "Berlin")
    tg.wait_for(ANN, predicate=lambda m: "All set" in (m.text or ""))
