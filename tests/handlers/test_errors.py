"""The error handler: a generic apology for the user, the traceback in the log."""

from __future__ import annotations

import logging

import pytest

from bot.services import Services
from handlers.errors import APOLOGY
from tests.conftest import onboard, sent
from tests.faketg import FakeTelegram

ANN = 701


async def test_unexpected_error_apologises_without_internals(
    live_bot: Services,
    tg: FakeTelegram,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A bug in a service is logged with its traceback; the user gets a plain apology."""
    await onboard(tg, ANN)

    async def broken(*_args: object) -> list[object]:
        raise RuntimeError("secret internal detail /var/lib/spotter")

    monkeypatch.setattr(live_bot.workouts, "history", broken)
    with caplog.at_level(logging.ERROR, logger="handlers.errors"):
        tg.send_text(ANN, "/history")
        (reply,) = await tg.await_for(ANN, predicate=sent)
    assert reply.text == APOLOGY
    assert "secret" not in reply.text
    assert any(
        r.exc_info and "secret internal detail" in str(r.exc_info[1]) for r in caplog.records
    )


async def test_bot_keeps_working_after_an_error(
    live_bot: Services, tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After one failing update the next one is answered normally."""
    await onboard(tg, ANN)
    monkeypatch.setattr(live_bot.workouts, "history", None)  # calling None raises TypeError
    tg.send_text(ANN, "/history")
    await tg.await_for(ANN, predicate=sent)
    tg.send_text(ANN, "/help")
    (reply,) = await tg.await_for(ANN, predicate=sent)
    assert "/settings" in reply.text
