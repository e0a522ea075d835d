"""/status: admins see the installation's health; everyone else is told it is not for them."""

from __future__ import annotations

import pytest

from bot.services import Services
from bot.settings import Settings
from handlers.admin import NOT_ADMIN
from tests.conftest import onboard, sent
from tests.faketg import FakeTelegram

ADMIN, ATHLETE = 901, 902


@pytest.fixture
def bot_settings(bot_settings: Settings) -> Settings:
    return bot_settings.model_copy(update={"admin_ids": (ADMIN,)})


async def test_an_admin_sees_version_database_users_poll_ollama_backup_memory_and_jobs(
    live_bot: Services, tg: FakeTelegram
) -> None:
    """Every line of the report is there, with values from this installation."""
    await onboard(tg, ADMIN)
    await onboard(tg, ATHLETE)
    tg.send_text(ADMIN, "/status")
    (reply,) = await tg.await_for(ADMIN, predicate=sent)
    lines = reply.text.splitlines()
    assert lines[0].startswith("🩺 Spotter 0.1.0, up ")
    assert lines[1].startswith("Database: ")
    assert lines[1].endswith(" MB")
    assert lines[2] == "Users: 2"
    assert lines[3].startswith("Last poll: ")
    assert lines[3].endswith(" s ago")
    assert lines[4] == "Ollama: not reachable (replies use plain templates)"
    assert lines[5] == "Newest backup: none yet"
    assert lines[6].startswith("Memory: ")
    assert lines[7] == "Next scheduled:"
    assert any(line.startswith("  morning: ") for line in lines[8:])


async def test_anyone_else_is_refused(live_bot: Services, tg: FakeTelegram) -> None:
    """An athlete gets one line and no facts about the installation."""
    await onboard(tg, ATHLETE)
    tg.send_text(ATHLETE, "/status")
    (reply,) = await tg.await_for(ATHLETE, predicate=sent)
    assert reply.text == NOT_ADMIN
