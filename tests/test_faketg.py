"""Tests of the fake Bot API server, driven by a real PTB Bot and Application."""

from __future__ import annotations

import asyncio
import hashlib
import struct
import threading
import zlib
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.helpers import escape_markdown

from tests.faketg import DEFAULT_TOKEN, FakeTelegram
from tests.faketg.formatting import render
from tests.faketg.records import ApiError
from tests.faketg.updates import UpdateQueue

USER = 42


def _png(width: int, height: int) -> bytes:
    """Return a minimal valid PNG of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x80" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(tg.token, base_url=tg.base_url, base_file_url=tg.base_file_url) as client:
        yield client


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text(f"echo: {update.effective_message.text}")


async def _menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    keyboard = [[InlineKeyboardButton(n, callback_data=f"pick:{n}")] for n in ("a", "b")]
    await update.effective_message.reply_text(
        "Pick one", reply_markup=InlineKeyboardMarkup(keyboard)
    )


async def _picked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer("noted")
    await query.edit_message_text(f"picked {query.data}")


async def _document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    file = await update.effective_message.document.get_file()
    data = bytes(await file.download_as_bytearray())
    await update.effective_message.reply_text(f"sha256 {hashlib.sha256(data).hexdigest()}")


@pytest.fixture
async def app(tg: FakeTelegram) -> AsyncIterator[Application]:
    application = (
        Application.builder()
        .token(tg.token)
        .base_url(tg.base_url)
        .base_file_url(tg.base_file_url)
        .build()
    )
    application.add_handlers(
        [
            CommandHandler("menu", _menu),
            MessageHandler(filters.TEXT & ~filters.COMMAND, _echo),
            MessageHandler(filters.Document.ALL, _document),
            CallbackQueryHandler(_picked),
        ]
    )
    async with application:
        await application.start()
        await application.updater.start_polling(timeout=5, poll_interval=0)
        yield application
        await application.updater.stop()
        await application.stop()


# -- a real Application against the fake ---------------------------------------------------


async def test_echo_round_trip(tg: FakeTelegram, app: Application) -> None:
    """A user's text reaches the app and its reply is observed in that chat."""
    tg.send_text(USER, "hello")
    [reply] = await tg.await_for(USER)
    assert (reply.method, reply.text, reply.reply_to_message_id) == (
        "sendMessage",
        "echo: hello",
        None,
    )
    assert tg.messages_sent_total == 1


async def test_button_press_reaches_app(tg: FakeTelegram, app: Application) -> None:
    """Pressing an inline button delivers a callback query; answer and edit are recorded."""
    tg.send_text(USER, "/menu")
    [menu] = await tg.await_for(USER)
    assert menu.buttons == [("a", "pick:a"), ("b", "pick:b")]
    tg.press_button(USER, menu.message_id, "pick:b")
    [edit] = await tg.await_for(USER)
    assert (edit.method, edit.message_id, edit.text, edit.buttons) == (
        "editMessageText",
        menu.message_id,
        "picked pick:b",
        [],
    )
    assert [a["text"] for a in tg.callback_answers] == ["noted"]
    assert tg.edited(menu.message_id) == [edit]


async def test_uploaded_document_downloads_intact(tg: FakeTelegram, app: Application) -> None:
    """A user's document is fetched via getFile and the download URL byte for byte."""
    content = bytes(range(256)) * 40
    tg.send_document(USER, "run.fit", content, caption="my run")
    [reply] = await tg.await_for(USER)
    assert reply.text == f"sha256 {hashlib.sha256(content).hexdigest()}"
    assert tg.calls_of("getFile")[0]["file_id"].startswith("F")


async def test_redelivered_update_is_processed_again(tg: FakeTelegram, app: Application) -> None:
    """A redelivered update keeps its update_id and the app handles it a second time."""
    update_id = tg.send_text(USER, "once")
    await tg.await_for(USER)
    tg.redeliver(update_id)
    [again] = await tg.await_for(USER)
    assert again.text == "echo: once"
    assert tg.messages_sent_total == 2


async def test_wait_for_keeps_a_per_chat_cursor(tg: FakeTelegram, app: Application) -> None:
    """Each wait_for returns only outputs newer than the previous one for that chat."""
    tg.send_text(USER, "one")
    tg.send_text(USER + 1, "other")
    tg.send_text(USER, "two")
    first = await tg.await_for(USER)
    second = await tg.await_for(USER)
    [other] = await tg.await_for(USER + 1)
    assert [m.text for m in first + second] == ["echo: one", "echo: two"]
    assert other.text == "echo: other"


async def test_wait_for_timeout_dumps_what_arrived(tg: FakeTelegram, app: Application) -> None:
    """A timed-out wait_for fails with the outputs that did arrive and the error answers."""
    tg.send_text(USER, "ping")
    with pytest.raises(AssertionError) as failure:
        await tg.await_for(USER, count=2, timeout=0.5)
    assert "2 new bot output(s)" in str(failure.value)
    assert "echo: ping" in str(failure.value)


# -- direct Bot calls ----------------------------------------------------------------------


async def test_get_me_returns_the_bot_user(tg: FakeTelegram, bot: Bot) -> None:
    """getMe answers with the fake's bot user."""
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username) == (123456, True, tg.bot_user["username"])


async def test_parameters_arrive_typed(tg: FakeTelegram, bot: Bot) -> None:
    """Ints, bools, lists and nested objects are decoded from PTB's form encoding."""
    await bot.delete_webhook(drop_pending_updates=True)
    await bot.get_updates(offset=5, limit=3, timeout=0, allowed_updates=["message"])
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("123", callback_data="42")]])
    await bot.send_message(USER, "123", reply_markup=markup, disable_notification=True)
    assert tg.calls_of("deleteWebhook") == [{"drop_pending_updates": True}]
    poll = tg.calls_of("getUpdates")[0]
    assert (poll["offset"], poll["limit"], poll["allowed_updates"]) == (5, 3, ["message"])
    sent = tg.calls_of("sendMessage")[0]
    assert (sent["text"], sent["chat_id"], sent["disable_notification"]) == ("123", USER, True)
    assert sent["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "42"


async def test_sent_photo_bytes_are_kept(tg: FakeTelegram, bot: Bot) -> None:
    """sendPhoto keeps the uploaded bytes and reports the PNG's real size."""
    image = _png(3, 2)
    message = await bot.send_photo(USER, image, caption="chart")
    [output] = tg.outputs(USER)
    assert (output.photo, output.text) == (image, "chart")
    assert (message.photo[-1].width, message.photo[-1].height) == (3, 2)


async def test_non_image_photo_is_refused(bot: Bot) -> None:
    """Bytes that are not an image are refused like Telegram does."""
    with pytest.raises(BadRequest, match=r"(?i)IMAGE_PROCESS_FAILED"):
        await bot.send_photo(USER, b"not an image")


async def test_sent_document_resends_by_file_id(tg: FakeTelegram, bot: Bot) -> None:
    """A document upload keeps bytes and filename; its file_id sends the same bytes again."""
    first = await bot.send_document(USER, b"a,b\n1,2\n", filename="plan.csv", caption="plan")
    await bot.send_document(USER, first.document.file_id)
    outputs = tg.outputs(USER)
    assert [(o.document, o.filename) for o in outputs] == [(b"a,b\n1,2\n", "plan.csv")] * 2
    file = await bot.get_file(first.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"a,b\n1,2\n"


async def test_reply_parameters_link_the_reply(tg: FakeTelegram, bot: Bot) -> None:
    """A reply carries reply_to_message; replying to a missing message is refused."""
    tg.send_text(USER, "question")
    [update] = await bot.get_updates()
    answer = await bot.send_message(USER, "answer", reply_to_message_id=update.message.message_id)
    assert answer.reply_to_message.text == "question"
    assert tg.outputs(USER)[0].reply_to_message_id == update.message.message_id
    with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
        await bot.send_message(USER, "lost", reply_to_message_id=999)


async def test_edits_follow_telegram_rules(tg: FakeTelegram, bot: Bot) -> None:
    """Identical edits are refused, edits drop unmentioned keyboards, deleted ones are gone."""
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="ok")]])
    sent = await bot.send_message(USER, "v1", reply_markup=markup)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("v1", USER, sent.message_id, reply_markup=markup)
    edited = await bot.edit_message_text("v2", USER, sent.message_id)
    assert (edited.text, edited.reply_markup) == ("v2", None)
    assert await bot.delete_message(USER, sent.message_id)
    assert tg.message(USER, sent.message_id) is None
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("v3", USER, sent.message_id)
    with pytest.raises(ValueError, match="no live message"):
        tg.press_button(USER, sent.message_id, "ok")


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("", "message text is empty"),
        ("x" * 4097, "message is too long"),
    ],
)
async def test_bad_texts_are_refused(bot: Bot, text: str, detail: str) -> None:
    """Empty and over-long texts get Telegram's 400 answers."""
    with pytest.raises(BadRequest, match=f"(?i){detail}"):
        await bot.send_message(USER, text)


async def test_callback_query_answers_once(tg: FakeTelegram, bot: Bot) -> None:
    """A callback query can be answered once; a second answer is refused."""
    sent = await bot.send_message(
        USER,
        "q",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="x")]]),
    )
    tg.press_button(USER, sent.message_id, "x")
    [update] = await bot.get_updates()
    assert update.callback_query.message.message_id == sent.message_id
    assert await update.callback_query.answer()
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await update.callback_query.answer()


async def test_commands_are_recorded(tg: FakeTelegram, bot: Bot) -> None:
    """setMyCommands is recorded and returned by getMyCommands; bad names are refused."""
    await bot.set_my_commands([("log", "Log sets"), ("week", "This week")])
    assert [c["command"] for c in tg.commands] == ["log", "week"]
    assert [c.command for c in await bot.get_my_commands()] == ["log", "week"]
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([("Log", "Upper case")])


async def test_blocked_user_is_forbidden(tg: FakeTelegram, bot: Bot) -> None:
    """Sending to a user who blocked the bot raises Forbidden."""
    tg.block(USER)
    with pytest.raises(Forbidden, match=r"(?i)blocked"):
        await bot.send_message(USER, "hi")


async def test_misc_methods_are_accepted(tg: FakeTelegram, bot: Bot) -> None:
    """Chat actions, reactions, getChat, close and logOut are accepted."""
    tg.send_text(USER, "hi", first_name="Bea")
    [update] = await bot.get_updates()
    assert await bot.send_chat_action(USER, "typing")
    assert await bot.set_message_reaction(USER, update.message.message_id, "👍")
    chat = await bot.get_chat(USER)
    assert (chat.id, chat.type, chat.first_name) == (USER, "private", "Bea")
    assert await bot.close()
    assert await bot.log_out()


async def test_group_messages_carry_the_group_chat(tg: FakeTelegram, bot: Bot) -> None:
    """A group message has the group chat, the sender, and a command entity."""
    tg.send_text(USER, "/log@spotter_test_bot squat", chat_id=-100, chat_type="group")
    [update] = await bot.get_updates()
    message = update.message
    assert (message.chat.id, message.chat.type, message.from_user.id) == (-100, "group", USER)
    assert message.entities[0].length == len("/log@spotter_test_bot")
    with pytest.raises(ValueError, match="negative chat_id"):
        tg.send_text(USER, "hi", chat_id=100, chat_type="group")


async def test_wait_idle_needs_updates_fetched(tg: FakeTelegram, bot: Bot) -> None:
    """wait_idle fails while an update waits to be fetched and returns once it was."""
    tg.send_text(USER, "x")
    with pytest.raises(AssertionError, match="not idle"):
        await asyncio.to_thread(tg.wait_idle, 0.2)
    await bot.get_updates()
    await asyncio.to_thread(tg.wait_idle, 5.0)


async def test_blocking_wait_refuses_the_event_loop(tg: FakeTelegram) -> None:
    """The blocking wait_for refuses to freeze a running event loop."""
    with pytest.raises(RuntimeError, match="await_for"):
        tg.wait_for(USER, timeout=0.1)


# -- getUpdates semantics -------------------------------------------------------------------


async def test_offset_confirms_and_forgets(tg: FakeTelegram, bot: Bot) -> None:
    """Updates stay until a later offset confirms them; confirmed ones never come back."""
    ids = [tg.send_text(USER, f"m{n}") for n in range(3)]
    assert [u.update_id for u in await bot.get_updates()] == ids
    assert [u.update_id for u in await bot.get_updates()] == ids
    assert [u.update_id for u in await bot.get_updates(limit=1)] == ids[:1]
    assert [u.update_id for u in await bot.get_updates(offset=ids[1])] == ids[1:]
    assert await bot.get_updates(offset=ids[2] + 1) == ()
    assert await bot.get_updates(offset=ids[0]) == ()


async def test_negative_offset_keeps_the_last(bot: Bot, tg: FakeTelegram) -> None:
    """A negative offset returns only the last updates and forgets earlier ones."""
    ids = [tg.send_text(USER, f"m{n}") for n in range(3)]
    assert [u.update_id for u in await bot.get_updates(offset=-1)] == ids[2:]
    assert [u.update_id for u in await bot.get_updates()] == ids[2:]


async def test_allowed_updates_filters_kinds(tg: FakeTelegram, bot: Bot) -> None:
    """Update kinds outside allowed_updates are not delivered."""
    sent = await bot.send_message(
        USER,
        "q",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="x")]]),
    )
    tg.send_text(USER, "text")
    press = tg.press_button(USER, sent.message_id, "x")
    updates = await bot.get_updates(allowed_updates=["callback_query"])
    assert [u.update_id for u in updates] == [press]


async def test_redeliver_survives_a_passed_offset(tg: FakeTelegram, bot: Bot) -> None:
    """A redelivered update comes back once with its id, then a later offset confirms it."""
    first = tg.send_text(USER, "a")
    second = tg.send_text(USER, "b")
    await bot.get_updates(offset=second + 1)
    tg.redeliver(first)
    [again] = await bot.get_updates(offset=second + 1)
    assert (again.update_id, again.message.text) == (first, "a")
    assert await bot.get_updates(offset=first + 1) == ()


async def test_long_poll_returns_when_an_update_arrives(tg: FakeTelegram, bot: Bot) -> None:
    """A parked long poll answers as soon as an update is queued, long before its timeout."""
    poll = asyncio.create_task(bot.get_updates(timeout=60, read_timeout=70))
    await asyncio.to_thread(tg.wait_until, lambda: bool(tg.calls_of("getUpdates")))
    update_id = tg.send_text(USER, "wake up")
    updates = await asyncio.wait_for(poll, timeout=10)
    assert [u.update_id for u in updates] == [update_id]


async def test_newer_poll_ends_older_one_with_conflict(tg: FakeTelegram, bot: Bot) -> None:
    """A getUpdates from a second bot instance terminates the parked one with 409 Conflict."""
    first = asyncio.create_task(bot.get_updates(timeout=60, read_timeout=70))
    await asyncio.to_thread(tg.wait_until, lambda: len(tg.calls_of("getUpdates")) == 1)
    async with Bot(tg.token, base_url=tg.base_url) as second:
        assert await second.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match=r"(?i)terminated by other getUpdates"):
        await asyncio.wait_for(first, timeout=10)


def test_stop_ends_polls_in_flight() -> None:
    """stop() returns while a long poll is parked, and the poll ends too."""
    fake = FakeTelegram().start()
    outcome: list[object] = []

    def poll() -> None:
        async def call() -> object:
            async with Bot(fake.token, base_url=fake.base_url) as client:
                return await client.get_updates(timeout=60, read_timeout=70)

        try:
            outcome.append(asyncio.run(call()))
        except NetworkError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=poll)
    worker.start()
    fake.wait_until(lambda: len(fake.calls_of("getUpdates")) == 1)
    fake.stop()
    worker.join(timeout=10)
    assert not worker.is_alive()
    [result] = outcome
    assert result == () or isinstance(result, NetworkError)


# -- faults and errors ----------------------------------------------------------------------


async def test_429_surfaces_as_retry_after(
    tg: FakeTelegram, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fail_next(429) raises RetryAfter once, with no side effect; the next call succeeds."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # PTB 22 warns on int retry_after otherwise
    tg.fail_next("sendMessage", status=429, retry_after=3)
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(USER, "first")
    assert raised.value.retry_after.total_seconds() == 3
    assert tg.outputs(USER) == []
    await bot.send_message(USER, "second")
    assert [o.text for o in tg.outputs(USER)] == ["second"]


@pytest.mark.parametrize(
    ("arm", "recorded"),
    [
        (lambda tg: tg.fail_next("sendMessage", status=502), 0),
        (lambda tg: tg.drop_next("sendMessage"), 0),
        (lambda tg: tg.lose_response_next("sendMessage"), 1),
    ],
    ids=["bad-gateway", "dropped", "response-lost"],
)
async def test_network_faults(tg: FakeTelegram, bot: Bot, arm, recorded: int) -> None:
    """502, a dropped connection and a lost answer raise NetworkError; only the last sends."""
    arm(tg)
    with pytest.raises(NetworkError):
        await bot.send_message(USER, "hi")
    assert len(tg.outputs(USER)) == recorded
    await bot.send_message(USER, "again")
    assert len(tg.outputs(USER)) == recorded + 1


async def test_lost_get_updates_answer_still_confirms(tg: FakeTelegram, bot: Bot) -> None:
    """lose_response_next on getUpdates applies its offset, then hangs up."""
    tg.send_text(USER, "a")
    second = tg.send_text(USER, "b")
    tg.lose_response_next("getUpdates")
    with pytest.raises(NetworkError):
        await bot.get_updates(offset=second)
    assert [u.update_id for u in await bot.get_updates()] == [second]
    assert len(tg.calls_of("getUpdates")) == 2


async def test_wrong_token_is_refused(tg: FakeTelegram) -> None:
    """A Bot with another token fails to initialize with InvalidToken."""
    with pytest.raises(InvalidToken, match="rejected"):
        async with Bot("654321:WRONG", base_url=tg.base_url):
            pass
    assert tg.calls == []


async def test_unknown_method_is_not_found(bot: Bot) -> None:
    """An unknown method raises EndPointNotFound."""
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendHologram", api_kwargs={"chat_id": USER})


@pytest.mark.parametrize(
    ("path", "status", "body"),
    [
        (
            "/bot654321:WRONG/getMe",
            401,
            {"ok": False, "error_code": 401, "description": "Unauthorized"},
        ),
        (
            f"/bot{DEFAULT_TOKEN}/sendHologram",
            404,
            {"ok": False, "error_code": 404, "description": "Not Found: method not found"},
        ),
        (f"/bot{DEFAULT_TOKEN}/getMe", 200, None),
    ],
)
async def test_wire_answers(tg: FakeTelegram, path: str, status: int, body: object) -> None:
    """Wrong tokens and unknown methods get Telegram's exact JSON error bodies."""
    async with httpx.AsyncClient() as client:
        response = await client.post(tg.api_root + path)
    assert response.status_code == status
    if body is None:
        assert response.json()["result"]["id"] == tg.bot_user["id"]
    else:
        assert response.json() == body


async def test_server_is_silent_and_never_shows_the_token(
    tg: FakeTelegram, bot: Bot, capfd: pytest.CaptureFixture[str]
) -> None:
    """Requests, errors and hang-ups write nothing to stdout or stderr."""
    tg.drop_next("getMe")
    with pytest.raises(NetworkError):
        await bot.get_me()
    await bot.send_message(USER, "hi")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


# -- units ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mode", "plain"),
    [
        ("<b>Bold</b> &amp; <i>it</i>", "HTML", "Bold & it"),
        ('<a href="https://x.org">link</a> 5 &lt; 6', "HTML", "link 5 < 6"),
        ("*bold* _it_ \\. done\\!", "MarkdownV2", "bold it . done!"),
        ("[site](https://x.org) `a.b`", "MarkdownV2", "site a.b"),
        ("`a\\`b` x", "MarkdownV2", "a`b x"),
        ("*bold* snake\\_case", "Markdown", "bold snake_case"),
        ("no <markup> here", None, "no <markup> here"),
    ],
)
def test_render_valid_markup(text: str, mode: str | None, plain: str) -> None:
    """Valid markup renders to the text the user sees."""
    assert render(text, mode) == plain


@pytest.mark.parametrize(
    ("text", "mode", "detail"),
    [
        ("5 < 6", "HTML", 'Unsupported start tag "" at byte offset 2'),
        ("<p>para</p>", "HTML", 'Unsupported start tag "p"'),
        ("<b>open", "HTML", 'start tag "b"'),
        ("<b><i>x</b></i>", "HTML", 'expected "</i>", found "</b>"'),
        ("Done.", "MarkdownV2", "Character '.' is reserved"),
        ("*open", "MarkdownV2", "Can't find end of the entity starting at byte offset 0"),
        ("snake_case", "Markdown", "byte offset 5"),
    ],
)
def test_render_refuses_bad_markup(text: str, mode: str, detail: str) -> None:
    """Invalid markup is refused with Telegram's "can't parse entities" wording."""
    with pytest.raises(ApiError, match="can't parse entities") as raised:
        render(text, mode)
    assert detail in raised.value.description


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_escaped_text_renders_back(text: str) -> None:
    """Text escaped by PTB's helpers renders back unchanged in every parse mode."""
    assert render(escape_markdown(text, version=2), "MarkdownV2") == text
    html_escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert render(html_escaped, "HTML") == text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.just("push"), st.integers(min_value=-3, max_value=12)), max_size=25))
def test_queue_matches_offset_model(steps: list[str | int]) -> None:
    """The queue returns exactly the pushed ids no offset has confirmed yet."""
    queue, alive = UpdateQueue(), []
    for step in steps:
        if step == "push":
            alive.append(queue.push({"message": {}}))
            continue
        queue.confirm(step)
        if step > 0:
            alive = [i for i in alive if i >= step]
        elif step < 0:
            alive = alive[step:]
        assert [u["update_id"] for u in queue.batch(100)] == alive
