"""/coach: an athlete asks, the admins approve or refuse with buttons."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.services import Services
from tests.conftest import FrozenClock, onboard, sent
from tests.faketg import FakeTelegram
from tests.handlers.team_support import (
    ADMIN,
    ATHLETE,
    COACH,
    bot_with_admin,
    has,
    make_coach,
    onboard_as,
    press,
    say,
)


@pytest.fixture
async def coach_bot(
    tmp_path: Path, db_url: str, tg: FakeTelegram, clock: FrozenClock
) -> AsyncIterator[Services]:
    async with bot_with_admin(tmp_path, db_url, tg, clock) as services:
        yield services


async def test_admin_approves_a_coach(coach_bot: Services, tg: FakeTelegram) -> None:
    """The request reaches the admin with buttons; Approve makes a coach and tells them."""
    await onboard_as(tg, COACH, "Cora")
    reply = await say(tg, COACH, "/coach", first_name="Cora", username="cora")
    assert reply.text == (
        "I've asked the admins to make you a coach. I'll tell you here when they decide."
    )
    (ask,) = await tg.await_for(ADMIN)
    assert ask.text.startswith("🧑‍🏫 Cora (@cora) asks to become a coach.")
    assert ask.buttons == [("✅ Approve", f"coach:yes:{COACH}"), ("✖ Refuse", f"coach:no:{COACH}")]
    tg.press_button(ADMIN, ask.message_id, f"coach:yes:{COACH}")
    (edit,) = await tg.await_for(ADMIN)
    assert edit.text == "✅ Cora is a coach now."
    (told,) = await tg.await_for(COACH)
    assert told.text.startswith("✅ You're a coach now. /team new NAME creates a team")
    assert (await coach_bot.users.get(COACH)).role == "coach"  # type: ignore[union-attr]
    again = await say(tg, COACH, "/coach")
    assert again.text.startswith("You're a coach already.")


async def test_admin_refuses_and_an_old_button_changes_nothing(
    coach_bot: Services, tg: FakeTelegram
) -> None:
    """Refuse leaves an athlete; a second tap on the same request is answered as decided."""
    await onboard_as(tg, ATHLETE, "Abe")
    await say(tg, ATHLETE, "/coach", first_name="Abe")
    (ask,) = await tg.await_for(ADMIN)
    tg.press_button(ADMIN, ask.message_id, f"coach:no:{ATHLETE}")
    (edit,) = await tg.await_for(ADMIN)
    assert edit.text == "✖ Refused: Abe stays an athlete."
    (told,) = await tg.await_for(ATHLETE)
    assert told.text == "Your request to become a coach was not approved."
    # The admin's message lost its buttons; a client still holding them taps again.
    tg.press_button(ADMIN, ask.message_id, f"coach:yes:{ATHLETE}", check=False)
    (stale,) = await tg.await_for(ADMIN)
    assert stale.text == "Abe has no open coach request any more."
    assert (await coach_bot.users.get(ATHLETE)).role == "athlete"  # type: ignore[union-attr]


async def test_a_forged_approval_is_refused(coach_bot: Services, tg: FakeTelegram) -> None:
    """An athlete tapping a forged Approve for themselves gets a refusal, and no role."""
    await onboard_as(tg, ATHLETE, "Abe")
    reply = await say(tg, ATHLETE, "/coach")
    await tg.await_for(ADMIN)
    answer = await press(tg, ATHLETE, reply.message_id, f"coach:yes:{ATHLETE}")
    assert answer == "Only an admin of this Spotter can decide that."
    assert (await coach_bot.users.get(ATHLETE)).role == "coach-asked"  # type: ignore[union-attr]


async def test_admin_is_a_coach_already(coach_bot: Services, tg: FakeTelegram) -> None:
    """An admin asking is told they are a coach; nobody is asked."""
    await onboard_as(tg, ADMIN, "Ada")
    reply = await say(tg, ADMIN, "/coach")
    assert reply.text.startswith("You're an admin here, so you're a coach already.")


async def test_coach_before_start_and_unreachable_admin(
    coach_bot: Services, tg: FakeTelegram
) -> None:
    """/coach needs /start first; an admin who cannot be messaged is reported."""
    assert (await say(tg, ATHLETE, "/coach")).text == "Send /start first, so I know who you are."
    await onboard_as(tg, ATHLETE, "Abe")
    tg.block(ADMIN)
    reply = await say(tg, ATHLETE, "/coach")
    assert reply.text.startswith("I couldn't reach an admin")


async def test_without_admins_the_owner_is_told_how(live_bot: Services, tg: FakeTelegram) -> None:
    """With no SPOTTER_ADMIN_IDS, /coach explains how the owner becomes admin and coach."""
    await onboard(tg, COACH)
    tg.send_text(COACH, "/coach")
    (reply,) = await tg.await_for(COACH, predicate=sent)
    assert "SPOTTER_ADMIN_IDS" in reply.text


async def test_make_coach_helper(coach_bot: Services, tg: FakeTelegram) -> None:
    """The shared step used by the team tests ends with a coach."""
    await make_coach(tg, COACH)
    assert (await coach_bot.access.actor(COACH)).is_coach
    assert has("x")(tg.outputs(COACH)[-1]) is False
