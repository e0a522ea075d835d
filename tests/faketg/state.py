"""Everything the fake Bot API remembers, behind one Condition shared by all threads."""

from __future__ import annotations

import copy
import hashlib
import itertools
import threading
import time
from dataclasses import replace
from typing import Any

from tests.faketg.records import (
    ApiError,
    Fault,
    SentMessage,
    StoredFile,
    UploadedFile,
    bad_request,
)
from tests.faketg.updates import UpdateQueue

ChatId = int | str


class State:
    """Chats, messages, files, updates, outputs and faults; hold ``cond`` to touch any of it."""

    def __init__(self, token: str, bot_user: dict[str, Any]) -> None:
        self.cond = threading.Condition()
        self.token = token
        self.bot_user = bot_user
        self.updates = UpdateQueue()
        self.chats: dict[ChatId, dict[str, Any]] = {}
        self.users: dict[int, dict[str, Any]] = {}
        self.messages: dict[tuple[ChatId, int], dict[str, Any]] = {}
        self.deleted: set[tuple[ChatId, int]] = set()
        self._message_ids: dict[ChatId, itertools.count[int]] = {}
        self.files: dict[str, StoredFile] = {}
        self.outputs: list[SentMessage] = []
        self.cursors: dict[ChatId, int] = {}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.errors: list[tuple[str, str]] = []
        self.faults: list[Fault] = []
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.last_commands: list[dict[str, Any]] | None = None
        self.callback_queries: dict[str, bool] = {}  # id -> answered
        self.callback_answers: list[dict[str, Any]] = []
        self.reactions: list[dict[str, Any]] = []
        self.blocked: set[ChatId] = set()
        self.stopping = False
        self.poll_generation = 0
        self.in_flight = 0
        self.received_at: float | None = None  # arrival of the request being handled
        self.last_activity = time.monotonic()
        self._ids = itertools.count(1)

    def next_serial(self) -> int:
        """Return a fresh number for ids that only need to be unique."""
        return next(self._ids)

    def chat(self, chat_id: ChatId) -> dict[str, Any]:
        """Return the Chat JSON for ``chat_id``, creating an unseen chat on first use."""
        if chat_id not in self.chats:
            if isinstance(chat_id, str):
                chat = {"id": -1000000000000 - self.next_serial(), "type": "channel"}
                chat |= {"title": chat_id.lstrip("@"), "username": chat_id.lstrip("@")}
            elif chat_id > 0:
                chat = {"id": chat_id, "type": "private", "first_name": "Ann"}
            else:
                chat = {"id": chat_id, "type": "group", "title": f"Group {chat_id}"}
            self.chats[chat_id] = chat
        return self.chats[chat_id]

    def target_chat(self, params: dict[str, Any]) -> ChatId:
        """Return the chat_id of a bot request, refusing blocked or missing ones."""
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        if not isinstance(chat_id, int | str):
            raise bad_request("chat not found")
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        self.chat(chat_id)
        return chat_id

    def new_message_id(self, chat_id: ChatId) -> int:
        """Return the next message_id of ``chat_id`` (user and bot messages share it)."""
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def store(self, chat_id: ChatId, message: dict[str, Any]) -> None:
        """Remember the current form of a message so replies, presses and edits find it."""
        self.messages[(chat_id, message["message_id"])] = copy.deepcopy(message)

    def message(self, chat_id: ChatId, message_id: int, missing: str) -> dict[str, Any]:
        """Return a live message or raise 400 ``missing`` (deleted ones count as missing)."""
        key = (chat_id, message_id)
        if key not in self.messages or key in self.deleted:
            raise bad_request(missing)
        return self.messages[key]

    def add_file(
        self, content: bytes, folder: str, filename: str | None, mime_type: str | None
    ) -> StoredFile:
        """Store file bytes under a fresh file_id and file_path."""
        serial = self.next_serial()
        suffix = filename.rsplit(".", 1)[-1] if filename and "." in filename else "bin"
        digest = hashlib.sha1(content, usedforsecurity=False).hexdigest()[:12]
        stored = StoredFile(
            file_id=f"F{serial:06d}-{digest}",
            file_unique_id=f"U{digest}",
            file_path=f"{folder}/file_{serial}.{suffix}",
            content=content,
            filename=filename,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        return stored

    def file_by_path(self, path: str) -> StoredFile | None:
        """Return the stored file served at ``path``, if any."""
        return next((f for f in self.files.values() if f.file_path == path), None)

    def record_output(self, output: SentMessage) -> None:
        """Append a bot output and wake whoever waits for one."""
        if output.received_at is None and self.received_at is not None:
            output = replace(output, received_at=self.received_at)
        self.outputs.append(output)
        self.cond.notify_all()

    def take_fault(self, method: str) -> Fault | None:
        """Remove and return the first armed fault for ``method``."""
        for index, fault in enumerate(self.faults):
            if fault.method.lower() == method.lower():
                return self.faults.pop(index)
        return None


def upload_or_id(
    state: State, value: Any, uploads: dict[str, UploadedFile], field: str
) -> tuple[bytes, str | None, str | None, StoredFile | None]:
    """Resolve a file parameter to (bytes, filename, mime_type, known file) or raise 400."""
    if isinstance(value, str) and value.startswith("attach://"):
        upload = uploads.get(value.removeprefix("attach://"))
    elif value is None:
        upload = uploads.get(field)
    else:
        known = state.files.get(str(value))
        if known is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return known.content, known.filename, known.mime_type, known
    if upload is None:
        raise bad_request(f"there is no {field} in the request")
    if not upload.content:
        raise bad_request("file must be non-empty")
    return upload.content, upload.filename, upload.content_type, None
