"""Documents in a private chat: FIT files and Garmin export ZIPs become analysed activities."""

from __future__ import annotations

from telegram import Document, Message, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.context import services_of
from bot.services.logwrite import Question
from bot.services.uploads import UploadReport, UploadService
from engine.errors import EngineError
from handlers.keyboards import grid
from handlers.limits import CAPTION_LIMIT, shorten, split_message

ANALYSING = "Analysing… ⏳"
NO_DOWNLOAD = (
    "I couldn't download that file from Telegram (files over 20 MB can't reach bots). "
    "Please send it again, or send the single .fit files."
)


async def _download(document: Document, status: Message) -> bytes | None:
    """The document's bytes; None (and the status says why) when Telegram refuses."""
    try:
        file = await document.get_file()
        return bytes(await file.download_as_bytearray())
    except TelegramError:
        await status.edit_text(NO_DOWNLOAD)
        return None


async def _ask(message: Message, question: Question | None) -> None:
    if question is not None:
        await message.reply_text(question.text, reply_markup=grid(list(question.buttons)))


async def show_report(message: Message, status: Message, report: UploadReport) -> None:
    """Put the summary in place of 'Analysing…', then the charts, then any question."""
    first, *more = split_message(report.text)
    await status.edit_text(first)
    for chunk in more:
        await message.reply_text(chunk)
    for chart in report.charts:
        await message.reply_photo(chart.png, caption=shorten(chart.caption, CAPTION_LIMIT))
    await _ask(message, report.question)


async def _analyse(
    update: Update, message: Message, status: Message, uploads: UploadService
) -> UploadReport | None:
    """Download and analyse the document; on failure the status message says why."""
    document = message.document
    data = await _download(document, status) if document is not None else None
    if data is None or document is None or update.effective_user is None:
        return None
    name = document.file_name or "upload.fit"
    try:
        return await uploads.upload(
            update.update_id, update.effective_user.id, name, data, message.message_id
        )
    except EngineError as exc:
        await status.edit_text(f"Nothing saved: {exc}")
        return None


async def receive_file(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Analyse a .fit or .zip document: 'Analysing…' at once, then the summary and charts."""
    message, user = update.effective_message, update.effective_user
    if message is None or message.document is None or user is None:
        return
    uploads, document = services_of(context).uploads, message.document
    refusal = await uploads.refusal(user.id, document.file_name, document.file_size)
    if refusal is not None:
        await message.reply_text(refusal)
        return
    status = await message.reply_text(ANALYSING)
    await context.bot.send_chat_action(message.chat_id, ChatAction.TYPING)
    report = await _analyse(update, message, status, uploads)
    if report is not None:
        await show_report(message, status, report)


async def name_sets(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button under 'Which exercise was it?': log those sets as it, or skip them."""
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    _, pending_id, choice = query.data.split(":")
    try:
        answer = await services_of(context).uploads.name_sets(
            update.update_id, query.from_user.id, int(pending_id), choice
        )
    except EngineError as exc:  # a button that does not fit its question: nothing changes
        await query.answer(str(exc))
        return
    if answer is None:
        await query.answer("Already answered")
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    await query.message.reply_text(answer.text)
    await _ask(query.message, answer.question)


HANDLERS = [
    MessageHandler(filters.ChatType.PRIVATE & filters.Document.ALL, receive_file),
    CallbackQueryHandler(name_sets, pattern=r"^fitset:\d{1,15}:(\d{1,3}|x|all)$"),
]
