"""Shared cast and steps of the coach-mode tests: an admin, coaches, athletes, a group."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from bot.app import build_application
from bot.services import Services, build_services
from bot.settings import Settings
from storage.db import Database
from tests.conftest import FrozenClock, running, sent
from tests.faketg import FakeTelegram, SentMessage

ADMIN, COACH, OTHER_COACH = 900, 910, 920
ATHLETE, OTHER_ATHLETE, FORMER, STRANGER = 931, 932, 933, 934
GROUP = -5001


@asynccontextmanager
async def bot_with_admin(
    tmp_path: Path, db_url: str, tg: FakeTelegram, clock: FrozenClock
) -> AsyncIterator[Services]:
    """The whole bot, in-process against the fake server, with ADMIN configured as admin."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_token=tg.token,
        telegram_api_url=tg.api_root,
        data_dir=tmp_path,
        database_url=db_url,
        admin_ids=(ADMIN,),
    )
    db = Database(settings.database_url)
    services = build_services(settings, db, clock)
    async with running(build_application(settings, services)):
        yield services
    await db.dispose()


def has(text: str) -> Callable[[SentMessage], bool]:
    """A predicate: an output whose text contains ``text``."""
    return lambda m: text in (m.text or "")


async def say(tg: FakeTelegram, user_id: int, text: str, **kw: object) -> SentMessage:
    """Send a message in the user's private chat (or ``chat_id``) and return the reply."""
    tg.send_text(user_id, text, **kw)  # type: ignore[arg-type]
    chat = kw.get("chat_id", user_id)
    (reply,) = await tg.await_for(chat)  # type: ignore[arg-type]
    return reply


async def onboard_as(tg: FakeTelegram, user_id: int, name: str, units: str = "kg") -> None:
    """Take a user called ``name`` through /start (units button, then a typed city)."""
    tg.send_text(user_id, "/start", first_name=name)
    (welcome,) = await tg.await_for(user_id)
    tg.press_button(user_id, welcome.message_id, f"units:{units}")
    await tg.await_for(user_id, predicate=sent)
    tg.send_text(user_id, "Berlin", first_name=name)
    await tg.await_for(user_id, predicate=has("All set"))


async def make_coach(tg: FakeTelegram, user_id: int, name: str = "Cora") -> None:
    """Onboard a user, have them ask for coach rights and the admin approve."""
    await onboard_as(tg, user_id, name)
    tg.send_text(user_id, "/coach", first_name=name)
    await tg.await_for(user_id)
    (ask,) = await tg.await_for(ADMIN, predicate=sent)
    tg.press_button(ADMIN, ask.message_id, f"coach:yes:{user_id}")
    await tg.await_for(ADMIN)
    await tg.await_for(user_id, predicate=has("You're a coach now"))


async def press(
    tg: FakeTelegram, user_id: int, message_id: int, data: str, *, chat_id: int | None = None
) -> str | None:
    """Tap a button (any data: forged ones too) and return the text of its answer."""
    before = len(tg.callback_answers)
    tg.press_button(user_id, message_id, data, chat_id=chat_id, check=False)
    await asyncio.to_thread(tg.wait_until, lambda: len(tg.callback_answers) > before)
    return tg.callback_answers[before].get("text")
