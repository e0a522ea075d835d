"""The user side of the fake: people writing, sending files and pressing buttons."""

from __future__ import annotations

import copy
import datetime as dtm
import mimetypes
import zlib
from typing import Any

from tests.faketg.builders import chat_json, command_entities, shallow, unix_time, user_json
from tests.faketg.records import ApiError, flat_buttons
from tests.faketg.state import ChatId, State


class UserSide:
    """Queue updates as Telegram would deliver them; every write takes the state lock."""

    _state: State

    def send_text(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Ann",
        username: str | None = None,
        language_code: str | None = "en",
        reply_to_message_id: int | None = None,
        date: dtm.datetime | int | None = None,
    ) -> int:
        """Queue a text message from a user; return its update_id."""
        content: dict[str, Any] = {"text": text}
        if entities := command_entities(text):
            content["entities"] = entities
        user = user_json(user_id, first_name, username, language_code)
        chat = chat_json(user, user_id if chat_id is None else chat_id, chat_type)
        return self._user_message(user, chat, content, reply_to_message_id, date)

    def send_document(
        self,
        user_id: int,
        filename: str,
        content: bytes,
        *,
        mime_type: str | None = None,
        caption: str | None = None,
        chat_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Ann",
        date: dtm.datetime | int | None = None,
    ) -> int:
        """Queue a document from a user (downloadable through getFile); return its update_id."""
        mime = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        with self._state.cond:
            stored = self._state.add_file(content, "documents", filename, mime)
        document = {
            "file_name": filename,
            "mime_type": mime,
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(content),
        }
        message: dict[str, Any] = {"document": document}
        if caption:
            message["caption"] = caption
            if entities := command_entities(caption):
                message["caption_entities"] = entities
        user = self._known_user(user_id, first_name)
        chat = chat_json(user, user_id if chat_id is None else chat_id, chat_type)
        return self._user_message(user, chat, message, None, date)

    def press_button(
        self,
        user_id: int,
        message_id: int,
        data: str,
        *,
        chat_id: int | None = None,
        check: bool = True,
    ) -> int:
        """Queue a callback query for a button on a bot message; return its update_id.

        With ``check`` the data must be on the message's current inline keyboard.
        """
        chat = user_id if chat_id is None else chat_id
        with self._state.cond:
            message = self._live_message(chat, message_id)
            offered = [d for _, d in flat_buttons(message.get("reply_markup"))]
            if check and data not in offered:
                raise ValueError(f"message {message_id} has no button {data!r}; it has {offered}")
            query_id = str(7_000_000_000 + self._state.next_serial())
            self._state.callback_queries[query_id] = False
            query = {
                "id": query_id,
                "from": self._known_user(user_id, "Ann"),
                "message": copy.deepcopy(message),
                "chat_instance": str(zlib.crc32(f"instance {chat}".encode())),
                "data": data,
            }
            return self.send_update({"callback_query": query})

    def send_update(self, raw: dict[str, Any]) -> int:
        """Queue any raw update; an update_id is assigned unless it carries a higher one."""
        with self._state.cond:
            update_id = self._state.updates.push(raw)
            self._state.cond.notify_all()
            return update_id

    def redeliver(self, update_id: int) -> None:
        """Deliver an already-seen update again under the same update_id."""
        with self._state.cond:
            self._state.updates.redeliver(update_id)
            self._state.cond.notify_all()

    def block(self, chat_id: ChatId, *, blocked: bool = True) -> None:
        """Make sends to ``chat_id`` fail with 403 as if the user blocked the bot."""
        with self._state.cond:
            (self._state.blocked.add if blocked else self._state.blocked.discard)(chat_id)

    def file_bytes(self, file_id: str) -> bytes:
        """Return the stored bytes of any file the fake knows."""
        with self._state.cond:
            return self._state.files[file_id].content

    def _known_user(self, user_id: int, first_name: str) -> dict[str, Any]:
        with self._state.cond:
            known = self._state.users.get(user_id)
        return known or user_json(user_id, first_name, None, "en")

    def _live_message(self, chat_id: ChatId, message_id: int) -> dict[str, Any]:
        try:
            return self._state.message(chat_id, message_id, "missing")
        except ApiError:
            raise ValueError(f"no live message {message_id} in chat {chat_id}") from None

    def _user_message(
        self,
        user: dict[str, Any],
        chat: dict[str, Any],
        content: dict[str, Any],
        reply_to: int | None,
        date: dtm.datetime | int | None,
    ) -> int:
        with self._state.cond:
            self._state.users[user["id"]] = user
            self._state.chats[chat["id"]] = chat
            message = {
                "message_id": self._state.new_message_id(chat["id"]),
                "from": user,
                "chat": chat,
                "date": unix_time(date),
                **content,
            }
            if reply_to is not None:
                message["reply_to_message"] = shallow(self._live_message(chat["id"], reply_to))
            self._state.store(chat["id"], message)
            return self.send_update({"message": message})
