"""Build the Message, User and Chat JSON that Telegram would send or return."""

from __future__ import annotations

import copy
import datetime as dtm
import time
from typing import Any

from tests.faketg.records import bad_request
from tests.faketg.state import ChatId, State


def unix_time(date: dtm.datetime | int | None) -> int:
    """Return a Unix timestamp for ``date``, defaulting to now."""
    if date is None:
        return int(time.time())
    if isinstance(date, dtm.datetime):
        if date.tzinfo is None:
            raise ValueError("date must be timezone-aware")
        return int(date.timestamp())
    return int(date)


def user_json(
    user_id: int, first_name: str, username: str | None, language_code: str | None
) -> dict[str, Any]:
    """Return a human User object."""
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def chat_json(user: dict[str, Any], chat_id: int, chat_type: str) -> dict[str, Any]:
    """Return the Chat a user writes in: their private chat or a group."""
    if chat_type == "private":
        chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
        if "username" in user:
            chat["username"] = user["username"]
        return chat
    if chat_type not in {"group", "supergroup"} or chat_id >= 0:
        raise ValueError("group chats need a negative chat_id and type 'group' or 'supergroup'")
    return {"id": chat_id, "type": chat_type, "title": f"Group {chat_id}"}


def command_entities(text: str) -> list[dict[str, Any]]:
    """Return the bot_command entity Telegram attaches to a text starting with '/'."""
    if not text.startswith("/") or len(text) < 2 or text[1].isspace():
        return []
    command = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}]


def shallow(message: dict[str, Any]) -> dict[str, Any]:
    """Return a copy without a nested reply_to_message, as Telegram nests one level only."""
    copied = copy.deepcopy(message)
    copied.pop("reply_to_message", None)
    return copied


def replied_message(
    state: State, chat_id: ChatId, params: dict[str, Any]
) -> dict[str, Any] | None:
    """Resolve reply_parameters / reply_to_message_id to the message replied to."""
    reply = params.get("reply_parameters")
    if isinstance(reply, dict):
        message_id = reply.get("message_id")
        allow_missing = bool(reply.get("allow_sending_without_reply"))
        chat_id = reply.get("chat_id", chat_id)
    else:
        message_id = params.get("reply_to_message_id")
        allow_missing = bool(params.get("allow_sending_without_reply"))
    if message_id is None:
        return None
    key = (chat_id, message_id)
    if key in state.messages and key not in state.deleted:
        return shallow(state.messages[key])
    if allow_missing:
        return None
    raise bad_request("message to be replied not found")


def bot_message(
    state: State, chat_id: ChatId, params: dict[str, Any], content: dict[str, Any]
) -> dict[str, Any]:
    """Create, store and return a new message from the bot in ``chat_id``."""
    replied = replied_message(state, chat_id, params)
    message: dict[str, Any] = {
        "message_id": state.new_message_id(chat_id),
        "from": state.bot_user,
        "chat": state.chat(chat_id),
        "date": unix_time(None),
        **content,
    }
    if replied is not None:
        message["reply_to_message"] = replied
    markup = params.get("reply_markup")
    if isinstance(markup, dict) and "inline_keyboard" in markup:
        message["reply_markup"] = markup  # Telegram echoes inline keyboards only
    state.store(chat_id, message)
    return message


def check_markup(markup: Any) -> None:
    """Refuse a reply_markup Telegram would refuse."""
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                raise bad_request("BUTTON_DATA_INVALID")
            if len(button) < 2:
                raise bad_request(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
