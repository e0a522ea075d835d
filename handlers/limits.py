"""Telegram's size limits on what the bot sends: long replies split, the rest shortened.

Telegram counts UTF-16 code units (an emoji is two) and refuses a longer text with a 400, so
the user would get nothing. Every reply goes out as plain text (no parse_mode), so user text
in it can never break an entity and needs no escaping.
"""

from __future__ import annotations

from telegram import Message
from telegram.constants import CallbackQueryLimit, MessageLimit

TEXT_LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096
CAPTION_LIMIT = MessageLimit.CAPTION_LENGTH  # 1024
ANSWER_LIMIT = CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH  # 200
# Where a long text is cut, best first: between paragraphs, lines, list items, words.
_CUTS = ("\n\n", "\n", ", ", " ")
ELLIPSIS = "…"


def size(text: str) -> int:
    """The length of a text as Telegram counts it (UTF-16 code units)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def split_message(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Cut a text into messages of at most ``limit``, at the best boundaries available."""
    return [chunk for chunk in _split(text, limit, _CUTS) if chunk.strip()] or [text[:1] or "…"]


def _split(text: str, limit: int, cuts: tuple[str, ...]) -> list[str]:
    if size(text) <= limit:
        return [text]
    if not cuts:
        return _hard_cut(text, limit)
    cut, finer = cuts[0], cuts[1:]
    chunks: list[str] = []
    current = ""
    for part in text.split(cut):
        joined = f"{current}{cut}{part}" if current else part
        if size(joined) <= limit:
            current = joined
            continue
        if current:
            chunks.append(current)
        *full, current = _split(part, limit, finer)
        chunks.extend(full)
    chunks.append(current)
    return chunks


def _hard_cut(text: str, limit: int) -> list[str]:
    chunks, start, used = [], 0, 0
    for index, ch in enumerate(text):
        width = 2 if ord(ch) > 0xFFFF else 1
        if used + width > limit:
            chunks.append(text[start:index])
            start, used = index, 0
        used += width
    chunks.append(text[start:])
    return chunks


def shorten(text: str, limit: int = TEXT_LIMIT) -> str:
    """The text if it fits, else as many whole lines as fit (or the start) and '…'."""
    if size(text) <= limit:
        return text
    kept: list[str] = []
    budget = limit - size(ELLIPSIS) - 1
    for line in text.split("\n"):
        if size("\n".join([*kept, line])) > budget:
            break
        kept.append(line)
    if not kept:
        return _hard_cut(text, limit - size(ELLIPSIS))[0] + ELLIPSIS
    return "\n".join(kept) + "\n" + ELLIPSIS


async def reply_in_parts(message: Message, text: str, **kwargs: object) -> Message:
    """Reply with as many messages as the text needs; buttons and the like go on the last."""
    *first, last = split_message(text)
    for chunk in first:
        await message.reply_text(chunk)
    return await message.reply_text(last, **kwargs)  # type: ignore[arg-type]
