"""The chart commands through the real application and the fake Bot API."""

from __future__ import annotations

import datetime as dtm
import struct
from io import BytesIO
from zoneinfo import ZoneInfo

from matplotlib.image import imread

from bot.services import Services
from engine.e1rm import Formula, estimate_1rm
from tests.bot.activity_support import add_activity
from tests.conftest import FrozenClock, onboard, sent
from tests.faketg import FakeTelegram, SentMessage

ANN, BOB, CAROL = 701, 702, 703
BERLIN = ZoneInfo("Europe/Berlin")
PHONE_WIDTH_PX = 1080
MENU_DATA = {"chart:e1rm", "chart:volume", "chart:load", "chart:zones", "chart:calendar"}


def at(month: int, day: int, hour: int, minute: int = 0) -> dtm.datetime:
    """An instant in 2026, in UTC."""
    return dtm.datetime(2026, month, day, hour, minute, tzinfo=dtm.UTC)


def one_decimal(value: float) -> str:
    """A number as captions show it: one decimal at most, no trailing zero."""
    return f"{value:,.1f}".removesuffix(".0")


def e1rm(weight_kg: float, reps: int) -> float:
    """The e1RM the logbook stores for an unrated set."""
    return round(estimate_1rm(weight_kg, reps, None, None, Formula.AUTO).value_kg, 2)


async def log_at(
    tg: FakeTelegram, clock: FrozenClock, user_id: int, text: str, when: dtm.datetime
) -> None:
    """Send a set log at ``when`` (message date and clock) and wait for its acknowledgement."""
    clock.now = when
    tg.send_text(user_id, text, date=when)
    await tg.await_for(user_id, predicate=sent)


async def ask(tg: FakeTelegram, user_id: int, text: str) -> SentMessage:
    """Send a command and return the bot's reply."""
    tg.send_text(user_id, text)
    (reply,) = await tg.await_for(user_id)
    return reply


def assert_chart_photo(reply: SentMessage) -> None:
    """The reply is a photo holding a phone-width, portrait-or-square PNG that decodes."""
    assert reply.method == "sendPhoto", reply.text
    assert reply.photo is not None
    assert reply.photo[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", reply.photo[16:24])  # from the IHDR chunk
    assert width == PHONE_WIDTH_PX
    assert height >= width
    assert imread(BytesIO(reply.photo)).shape[:2] == (height, width)


async def test_e1rm_chart_is_a_photo_of_the_latest_best(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """/chart e1rm bench sends a PNG whose caption is the latest session's best e1RM."""
    clock.now = at(11, 1, 8)
    await onboard(tg, ANN)
    await log_at(tg, clock, ANN, "bench 80x5", at(11, 2, 17))
    await log_at(tg, clock, ANN, "squat 100x5", at(11, 2, 17, 5))
    await log_at(tg, clock, ANN, "bench 3x5 @ 82.5kg", at(11, 5, 17))
    await log_at(tg, clock, ANN, "bench 85x5", at(11, 9, 17))
    await log_at(tg, clock, ANN, "bench 70x8", at(11, 9, 17, 10))
    await log_at(tg, clock, ANN, "squat 105x5", at(11, 9, 17, 20))
    clock.now = at(11, 16, 7, 30)
    reply = await ask(tg, ANN, "/chart e1rm bench")
    assert_chart_photo(reply)
    best = max(e1rm(85, 5), e1rm(70, 8))
    assert reply.text.startswith(f"Bench press e1RM {one_decimal(best)} kg")
    calls = [(name, params.get("action")) for name, params in tg.calls]
    assert calls.index(("sendChatAction", "upload_photo")) < calls.index(("sendPhoto", None))
    compared = await ask(tg, ANN, "/chart e1rm bench vs squat")
    assert_chart_photo(compared)
    assert compared.text.startswith("Bench press e1RM")
    default = await ask(tg, ANN, "/chart 1rm")  # no lift: the most logged one
    assert_chart_photo(default)
    assert default.text.startswith("Bench press e1RM")


async def test_too_little_data_gets_friendly_text(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """One day of a lift, no runs, a typo or no /start: a helpful text, never a photo."""
    clock.now = at(11, 16, 6)
    await onboard(tg, BOB)
    await log_at(tg, clock, BOB, "bench 80x5", at(11, 16, 7))
    assert "log bench press on a second day" in (await ask(tg, BOB, "/chart e1rm bench")).text
    assert "heart rate" in (await ask(tg, BOB, "/chart zones")).text
    assert "Did you mean" in (await ask(tg, BOB, "/chart e1rm benchh presss xx")).text
    assert "/start" in (await ask(tg, CAROL, "/calendar")).text
    assert tg.calls_of("sendPhoto") == []


async def test_menu_buttons_send_volume_and_calendar(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """/chart with an unknown kind offers a button per chart, and every button answers."""
    clock.now = at(11, 12, 6)
    await onboard(tg, ANN)
    logs = [
        ("bench 3x5 @ 80kg rir2", at(11, 12, 17)),
        ("squat 2x5 @ 100kg", at(11, 16, 6, 30)),
        ("bench 3x5 @ 80kg rir2", at(11, 16, 6, 40)),
        ("bench 60x10 rir6", at(11, 16, 6, 50)),
    ]
    for text, when in logs:
        await log_at(tg, clock, ANN, text, when)
    clock.now = at(11, 16, 7, 30)
    menu = await ask(tg, ANN, "/chart what")
    assert "Which chart" in menu.text
    assert {data for _, data in menu.buttons} == MENU_DATA
    assert {"chart", "calendar"} <= {c["command"] for c in tg.commands}
    tg.press_button(ANN, menu.message_id, "chart:volume")
    (volume,) = await tg.await_for(ANN)
    assert_chart_photo(volume)
    lifted = 2 * 100 * 5 + 3 * 80 * 5 + 60 * 10  # this week's sets only
    assert volume.text.startswith("Week of 16 Nov:")
    assert f"{lifted:,} kg lifted" in volume.text
    tg.press_button(ANN, menu.message_id, "chart:calendar")
    (calendar,) = await tg.await_for(ANN)
    assert_chart_photo(calendar)
    days = {when.astimezone(BERLIN).date() for _, when in logs}
    assert f"{len(days)} training days in the last year" in calendar.text
    tg.press_button(ANN, menu.message_id, "chart:e1rm")
    (strength,) = await tg.await_for(ANN)
    assert_chart_photo(strength)
    assert strength.text.startswith("Bench press e1RM")
    tg.press_button(ANN, menu.message_id, "chart:load")
    (load,) = await tg.await_for(ANN)
    assert_chart_photo(load)
    assert load.text.startswith("Fitness ")
    tg.press_button(ANN, menu.message_id, "chart:zones")
    (zones,) = await tg.await_for(ANN)
    assert "heart rate" in zones.text  # no runs recorded yet
    assert "/chart" in (await ask(tg, ANN, "/help")).text


async def test_load_and_zones_from_activities(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Runs give fitness/fatigue from their loads and weekly minutes per heart-rate zone."""
    clock.now = at(11, 1, 8)
    await onboard(tg, ANN)
    runs = [
        (at(11, 3, 7), 50.0, [0, 1800, 1200, 600, 0, 0]),
        (at(11, 10, 7), 70.0, [300, 2400, 600, 300, 120, 60]),
        (at(11, 14, 7), 40.0, [0, 1800, 0, 0, 0, 0]),
    ]
    for start, load, zones in runs:
        await add_activity(live_bot, ANN, start, load, zones)
    clock.now = at(11, 16, 7, 30)
    zones_reply = await ask(tg, ANN, "/chart zones")
    assert_chart_photo(zones_reply)
    week = [z for start, _, z in runs if start >= at(11, 9, 0)]  # the latest week with runs
    minutes = sum(sum(z[1:6]) for z in week) / 60
    easy = round(100 * sum(sum(z[1:3]) for z in week) / 60 / minutes)
    shown = f"{int(minutes) // 60} h {int(minutes) % 60} min"
    assert f"week of 9 Nov: {shown}, {easy} % easy" in zones_reply.text
    loads = [0.0] * 14  # 3 Nov .. 16 Nov, Berlin days
    for start, load, _ in runs:
        loads[(start.astimezone(BERLIN).date() - dtm.date(2026, 11, 3)).days] += load
    ctl = atl = 0.0
    for load in loads:
        form = ctl - atl
        ctl, atl = ctl + (load - ctl) / 42, atl + (load - atl) / 7
    load_reply = await ask(tg, ANN, "/chart load")
    assert_chart_photo(load_reply)
    assert load_reply.text.startswith(f"Fitness {ctl:.0f} ")
    assert f"fatigue {atl:.0f}, form {round(form):+d}" in load_reply.text


async def test_users_only_see_their_own_data(
    live_bot: Services, tg: FakeTelegram, clock: FrozenClock
) -> None:
    """Another athlete's heavier sets never reach a user's volume, e1RM or calendar."""
    clock.now = at(11, 1, 8)
    await onboard(tg, ANN)
    await onboard(tg, BOB)
    await log_at(tg, clock, ANN, "bench 80x5", at(11, 10, 17))
    await log_at(tg, clock, BOB, "squat 200x5", at(11, 10, 18))
    await log_at(tg, clock, ANN, "bench 85x5", at(11, 12, 17))
    await log_at(tg, clock, BOB, "squat 200x5", at(11, 12, 18))
    await log_at(tg, clock, BOB, "bench 150x5", at(11, 13, 18))
    clock.now = at(11, 16, 7, 30)
    volume = await ask(tg, ANN, "/chart volume")
    assert_chart_photo(volume)
    assert volume.text.startswith("Week of 9 Nov:")
    assert f"{80 * 5 + 85 * 5:,} kg lifted" in volume.text
    bench = await ask(tg, ANN, "/chart e1rm bench")
    assert bench.text.startswith(f"Bench press e1RM {one_decimal(e1rm(85, 5))} kg")
    assert "log squat on two days" in (await ask(tg, ANN, "/chart e1rm squat")).text
    menu = await ask(tg, BOB, "/chart")
    tg.press_button(BOB, menu.message_id, "chart:calendar")
    (calendar,) = await tg.await_for(BOB)
    assert "3 training days in the last year" in calendar.text
