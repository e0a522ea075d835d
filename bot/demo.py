"""A terminal chat with the real bot: typed lines become updates, what it sends is printed.

The same Application and handlers run as in production; only the transport differs: a
``BaseRequest`` that answers the Bot API calls locally instead of over the network.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from telegram.ext import BaseUpdateProcessor
from telegram.request import BaseRequest, RequestData

BOT_USER = {"id": 1, "is_bot": True, "first_name": "Spotter", "username": "spotter_demo_bot"}
HELP = (
    "Type as you would in Telegram. Tap a button with :N (e.g. :1). "
    "Send a file with :send PATH. Quit with :quit or Ctrl-D."
)


class TerminalChat(BaseRequest):
    """Bot API stand-in for one private chat in a terminal."""

    def __init__(self, out_dir: Path, stdin: TextIO, stdout: TextIO, user_id: int = 1000) -> None:
        self._out_dir, self._stdin, self._stdout = out_dir, stdin, stdout
        self._user = {"id": user_id, "is_bot": False, "first_name": "You", "language_code": "en"}
        self._lines: asyncio.Queue[str | None] | None = None
        self.idle = asyncio.Event()  # set when the previous update has been fully handled
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._buttons: list[
            tuple[int, str]
        ] = []  # (message id, callback data) of the last keyboard
        self._messages: dict[int, dict[str, Any]] = {}
        self._files: dict[str, bytes] = {}
        self.closed = asyncio.Event()

    @property
    def read_timeout(self) -> float | None:
        return 10.0

    async def initialize(self) -> None:
        if self._lines is None:
            self._lines = asyncio.Queue()
            self.idle.set()
            loop = asyncio.get_running_loop()
            threading.Thread(target=self._read_lines, args=(loop,), daemon=True).start()
            self._print(HELP)

    async def shutdown(self) -> None:
        """Nothing to close."""

    def _read_lines(self, loop: asyncio.AbstractEventLoop) -> None:
        for line in self._stdin:
            loop.call_soon_threadsafe(self._on_line, line.rstrip("\n"))
        loop.call_soon_threadsafe(self._on_line, None)

    def _on_line(self, line: str | None) -> None:
        if self._lines is not None and (line is None or line.strip()):
            self._lines.put_nowait(None if line is None or line.strip() == ":quit" else line)

    def _update_for(self, line: str) -> dict[str, Any] | None:
        update_id = next(self._update_ids)
        if line.startswith(":send "):
            return self._document_update(update_id, Path(line[6:].strip()).expanduser())
        if line[:1] == ":" and line[1:].isdigit():
            index = int(line[1:]) - 1
            if not 0 <= index < len(self._buttons):
                self._print("(no such button)")
                return None
            message_id, data = self._buttons[index]
            query = {
                "id": str(update_id),
                "from": self._user,
                "chat_instance": "demo",
                "data": data,
            }
            query["message"] = self._messages.get(message_id, self._stub(message_id))
            return {"update_id": update_id, "callback_query": query}
        message = self._incoming(update_id) | {"text": line}
        if line.startswith("/"):
            command = line.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return {"update_id": update_id, "message": message}

    def _document_update(self, update_id: int, path: Path) -> dict[str, Any] | None:
        try:
            content = path.read_bytes()
        except OSError as exc:
            self._print(f"(cannot read {path}: {exc.strerror})")
            return None
        file_id = f"demo-file-{update_id}"
        self._files[file_id] = content
        document = {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_name": path.name,
            "file_size": len(content),
        }
        return {
            "update_id": update_id,
            "message": self._incoming(update_id) | {"document": document},
        }

    def _incoming(self, update_id: int) -> dict[str, Any]:
        chat = {"id": self._user["id"], "type": "private", "first_name": "You"}
        return {
            "message_id": 100000 + update_id,
            "date": int(time.time()),
            "chat": chat,
            "from": self._user,
        }

    def _stub(self, message_id: int) -> dict[str, Any]:
        chat = {"id": self._user["id"], "type": "private"}
        return {"message_id": message_id, "date": int(time.time()), "chat": chat, "from": BOT_USER}

    def _print(self, text: str) -> None:
        self._stdout.write(text + "\n")
        self._stdout.flush()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        """Answer one Bot API call locally."""
        endpoint = url.rsplit("/", 1)[-1]
        if "/file/bot" in url:
            return 200, self._files.get(endpoint, b"")
        params = dict(request_data.parameters) if request_data else {}
        files = request_data.multipart_data if request_data and request_data.contains_files else {}
        result = await self._answer(endpoint, params, files, read_timeout)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    async def _answer(
        self, endpoint: str, params: dict[str, Any], files: dict[str, Any], timeout: Any
    ) -> Any:
        if endpoint == "getMe":
            return BOT_USER | {
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        if endpoint == "getUpdates":
            return await self._next_updates(params, timeout)
        if endpoint in ("sendMessage", "sendPhoto", "sendDocument"):
            return self._show_sent(endpoint, params, files)
        if endpoint in ("editMessageText", "editMessageReplyMarkup"):
            return self._show_edit(endpoint, params)
        if endpoint == "getFile":
            file_id = params["file_id"]
            return {
                "file_id": file_id,
                "file_unique_id": file_id,
                "file_path": file_id,
                "file_size": len(self._files.get(file_id, b"")),
            }
        if endpoint == "sendChatAction":
            self._print(f"… {params.get('action', 'typing').replace('_', ' ')}")
        return True

    async def _next_updates(self, params: dict[str, Any], timeout: Any) -> list[dict[str, Any]]:
        """Hand out the next typed line, only once the previous one has been answered."""
        if self._lines is None:
            return []
        wait = max(float(params.get("timeout") or 0), 0.05)
        try:
            await asyncio.wait_for(self.idle.wait(), timeout=wait)
            line = await asyncio.wait_for(self._lines.get(), timeout=wait)
        except TimeoutError:
            return []
        if line is None:
            self._lines.put_nowait(None)  # keep signalling the end to later polls
            self.closed.set()
            return []
        update = self._update_for(line.strip())
        if update is None:
            return []
        self.idle.clear()
        return [update]

    def _show_sent(self, endpoint: str, params: dict[str, Any], files: dict[str, Any]) -> Any:
        message_id = next(self._message_ids)
        message = self._stub(message_id)
        text = params.get("text") or params.get("caption") or ""
        for name, (filename, content, _mime) in files.items():
            data = content if isinstance(content, bytes) else content.read()
            self._out_dir.mkdir(parents=True, exist_ok=True)
            label = filename if filename and "." in filename and "/" not in filename else name
            if data[:8] == b"\x89PNG\r\n\x1a\n" and not label.endswith(".png"):
                label = f"{name}.png"
            path = self._out_dir / f"{message_id}-{label}"
            path.write_bytes(data)
            self._print(f"[{endpoint.removeprefix('send').lower()} saved to {path}]")
        if text:
            self._print("bot> " + text.replace("\n", "\n     "))
        message["text"] = text
        self._show_buttons(message_id, params.get("reply_markup"))
        self._messages[message_id] = message
        return message

    def _show_edit(self, endpoint: str, params: dict[str, Any]) -> Any:
        message_id = int(params.get("message_id", 0))
        message = self._messages.get(message_id, self._stub(message_id))
        if endpoint == "editMessageText":
            message["text"] = params.get("text", "")
            self._print("bot (edited)> " + message["text"].replace("\n", "\n     "))
        self._show_buttons(message_id, params.get("reply_markup"))
        return message

    def _show_buttons(self, message_id: int, markup: Any) -> None:
        if isinstance(markup, str):
            markup = json.loads(markup)
        rows = (markup or {}).get("inline_keyboard") or []
        if not rows:
            return
        self._buttons = []
        labels = []
        for button in itertools.chain.from_iterable(rows):
            self._buttons.append((message_id, button.get("callback_data", "")))
            labels.append(f"[:{len(self._buttons)} {button['text']}]")
        self._print("     " + " ".join(labels))

    def file_bytes(self, file_id: str) -> bytes:
        """The bytes of a file 'uploaded' with :send."""
        return self._files[file_id]


class TurnTakingProcessor(BaseUpdateProcessor):
    """Handle one update at a time and tell the chat when it is done, so turns stay in order."""

    def __init__(self, chat: TerminalChat) -> None:
        super().__init__(max_concurrent_updates=1)
        self._chat = chat

    async def do_process_update(self, update: object, coroutine: Any) -> None:
        try:
            await coroutine
        finally:
            self._chat.idle.set()

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""


def run_demo(
    application_factory: Any, out_dir: Path, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout
) -> int:
    """Run the bot against a terminal chat until the user quits."""
    chat = TerminalChat(out_dir, stdin, stdout)
    application = application_factory(chat, TurnTakingProcessor(chat))

    async def main() -> None:
        async with application:
            await application.start()
            await application.updater.start_polling(poll_interval=0, timeout=1)
            await chat.closed.wait()
            await application.updater.stop()
            await application.stop()

    asyncio.run(main())
    return 0
