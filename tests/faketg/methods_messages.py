"""Bot API methods that send, edit and delete messages."""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

from tests.faketg.builders import bot_message, check_markup, unix_time
from tests.faketg.formatting import render, utf16_len
from tests.faketg.records import SentMessage, UploadedFile, bad_request
from tests.faketg.state import ChatId, State, upload_or_id

Params = dict[str, Any]
Uploads = dict[str, UploadedFile]
Method = Callable[[State, Params, Uploads], Any]

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF8", b"RIFF")
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def _rendered(text: Any, parse_mode: str | None, limit: int, too_long: str) -> str:
    plain = render(str(text), parse_mode)
    if utf16_len(plain) > limit:
        raise bad_request(too_long)
    return plain


def _caption(params: dict[str, Any]) -> dict[str, Any]:
    if params.get("caption") in (None, ""):
        return {}
    plain = _rendered(
        params["caption"], params.get("parse_mode"), 1024, "message caption is too long"
    )
    return {"caption": plain}


def _output(
    method: str, chat_id: ChatId, message: dict[str, Any], params: dict[str, Any], **kw: Any
) -> SentMessage:
    replied = message.get("reply_to_message")
    return SentMessage(
        method=method,
        chat_id=chat_id,
        message_id=message.get("message_id"),
        text=message.get("text", message.get("caption")),
        raw_text=params.get("text", params.get("caption")),
        reply_markup=params.get("reply_markup"),
        reply_to_message_id=replied["message_id"] if replied else None,
        parse_mode=params.get("parse_mode"),
        params=params,
        **kw,
    )


def send_message(state: State, params: Params, uploads: Uploads) -> Any:
    """Send a text message."""
    chat_id = state.target_chat(params)
    if params.get("text") in (None, ""):
        raise bad_request("message text is empty")
    plain = _rendered(params["text"], params.get("parse_mode"), 4096, "message is too long")
    if not plain.strip():
        raise bad_request("message text is empty")
    check_markup(params.get("reply_markup"))
    message = bot_message(state, chat_id, params, {"text": plain})
    state.record_output(_output("sendMessage", chat_id, message, params))
    return message


def _png_size(content: bytes) -> tuple[int, int]:
    if content.startswith(_IMAGE_MAGIC[0]) and len(content) >= 24:
        return struct.unpack(">II", content[16:24])
    return 800, 600


def send_photo(state: State, params: Params, uploads: Uploads) -> Any:
    """Send a photo; the bytes must look like an image."""
    chat_id = state.target_chat(params)
    content, filename, _, known = upload_or_id(state, params.get("photo"), uploads, "photo")
    if not content.startswith(_IMAGE_MAGIC):
        raise bad_request("IMAGE_PROCESS_FAILED")
    check_markup(params.get("reply_markup"))
    stored = known or state.add_file(content, "photos", filename, "image/png")
    width, height = _png_size(content)
    size = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "width": width,
        "height": height,
        "file_size": len(content),
    }
    message = bot_message(state, chat_id, params, {"photo": [size], **_caption(params)})
    state.record_output(
        _output("sendPhoto", chat_id, message, params, photo=content, filename=filename)
    )
    return message


def send_document(state: State, params: Params, uploads: Uploads) -> Any:
    """Send a document: an upload or the file_id of a known file."""
    chat_id = state.target_chat(params)
    content, filename, mime, known = upload_or_id(
        state, params.get("document"), uploads, "document"
    )
    check_markup(params.get("reply_markup"))
    stored = known or state.add_file(content, "documents", filename, mime)
    document = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(content),
        **({"file_name": filename} if filename else {}),
        **({"mime_type": mime} if mime else {}),
    }
    message = bot_message(state, chat_id, params, {"document": document, **_caption(params)})
    output = _output(
        "sendDocument",
        chat_id,
        message,
        params,
        document=content,
        filename=filename,
        mime_type=mime,
    )
    state.record_output(output)
    return message


def _editable(state: State, params: dict[str, Any]) -> tuple[ChatId, dict[str, Any]] | None:
    if params.get("inline_message_id"):
        return None
    chat_id = state.target_chat(params)
    if params.get("message_id") is None:
        raise bad_request("message identifier is not specified")
    message = state.message(chat_id, params["message_id"], "message to edit not found")
    if message.get("from", {}).get("id") != state.bot_user["id"]:
        raise bad_request("message can't be edited")
    return chat_id, message


def _apply_edit(state: State, method: str, params: dict[str, Any], changes: dict[str, Any]) -> Any:
    check_markup(params.get("reply_markup"))
    target = _editable(state, params)
    markup = params.get("reply_markup")
    if target is None:
        inline = {"text": changes.get("text"), "message_id": None}
        output = _output(
            method, "inline", inline, params, inline_message_id=params["inline_message_id"]
        )
        state.record_output(output)
        return True
    chat_id, message = target
    edited = {**message, **changes}
    for key in [k for k, v in changes.items() if v is None] + ["reply_markup"]:
        edited.pop(key, None)
    if isinstance(markup, dict) and "inline_keyboard" in markup:
        edited["reply_markup"] = markup
    if all(edited.get(k) == message.get(k) for k in ("text", "caption", "reply_markup")):
        raise bad_request(_NOT_MODIFIED)
    edited["edit_date"] = max(message["date"], unix_time(None))
    state.store(chat_id, edited)
    output = _output(method, chat_id, edited, params)
    state.record_output(output)
    return edited


def edit_message_text(state: State, params: Params, uploads: Uploads) -> Any:
    """Edit the text (and keyboard) of a message the bot sent."""
    if params.get("text") in (None, ""):
        raise bad_request("message text is empty")
    plain = _rendered(params["text"], params.get("parse_mode"), 4096, "MESSAGE_TOO_LONG")
    target = _editable(state, params)
    if target is not None and "text" not in target[1]:
        raise bad_request("there is no text in the message to edit")
    return _apply_edit(state, "editMessageText", params, {"text": plain})


def edit_message_caption(state: State, params: Params, uploads: Uploads) -> Any:
    """Edit the caption of a photo or document message."""
    return _apply_edit(state, "editMessageCaption", params, _caption(params) or {"caption": None})


def edit_message_reply_markup(state: State, params: Params, uploads: Uploads) -> Any:
    """Replace or remove the inline keyboard of a message."""
    return _apply_edit(state, "editMessageReplyMarkup", params, {})


def delete_message(state: State, params: Params, uploads: Uploads) -> Any:
    """Delete a message; it can no longer be edited, replied to or pressed."""
    chat_id = state.target_chat(params)
    state.message(chat_id, params.get("message_id", -1), "message to delete not found")
    state.deleted.add((chat_id, params["message_id"]))
    state.cond.notify_all()
    return True


METHODS: dict[str, Method] = {
    "sendMessage": send_message,
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
}
