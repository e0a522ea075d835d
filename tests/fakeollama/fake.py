"""FakeOllama: a loopback Ollama server whose answers a test chooses, and what it was sent."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Self

from tests.fakeollama.server import OllamaServer
from tests.fakeollama.state import Chat, Mode, Received, State, normalise

DEFAULT_MODEL = "llama3.2:1b"


class FakeOllama:
    """Fake Ollama on 127.0.0.1; use as ``with FakeOllama() as ollama:``."""

    def __init__(
        self,
        *,
        models: tuple[str, ...] = (DEFAULT_MODEL,),
        reply: str = "Good session, well done.",
        mode: Mode = Mode.NORMAL,
    ) -> None:
        self._state = State(tuple(normalise(m) for m in models), reply=reply, mode=mode)
        self._server: OllamaServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Self:
        """Serve on an OS-assigned loopback port."""
        self._state.stopping = False
        self._server = OllamaServer(self._state)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Wake hanging answers, cut connections, join the server thread."""
        if self._server is None:
            return
        with self._state.cond:
            self._state.stopping = True
            self._state.cond.notify_all()
        self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def host(self) -> str:
        """``http://127.0.0.1:PORT``: what SPOTTER_OLLAMA_HOST would be."""
        if self._server is None:
            raise RuntimeError("FakeOllama is not running")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # -- what it answers ---------------------------------------------------------------

    def answer(
        self,
        reply: str | None = None,
        *,
        mode: Mode | None = None,
        token_delay_s: float | None = None,
        load_delay_s: float | None = None,
    ) -> None:
        """Change the reply text, the mode or the delays for the requests from now on."""
        with self._state.cond:
            if reply is not None:
                self._state.reply = reply
            if mode is not None:
                self._state.mode = mode
            if token_delay_s is not None:
                self._state.token_delay_s = token_delay_s
            if load_delay_s is not None:
                self._state.load_delay_s = load_delay_s

    def unload(self) -> None:
        """Forget that the model is loaded (the next chat pays the load time again)."""
        with self._state.cond:
            self._state.loaded = False

    # -- what it received ---------------------------------------------------------------

    @property
    def received(self) -> list[Received]:
        with self._state.cond:
            return list(self._state.received)

    @property
    def chats(self) -> list[Chat]:
        """Every chat request that carried messages, oldest first."""
        with self._state.cond:
            return self._state.chats()

    @property
    def last_chat(self) -> Chat:
        chats = self.chats
        if not chats:
            raise AssertionError(f"no chat request received; got {self.paths()}")
        return chats[-1]

    @property
    def peak_concurrent_chats(self) -> int:
        """The most chat requests the fake was ever answering at the same time."""
        with self._state.cond:
            return self._state.peak_active

    def paths(self) -> list[str]:
        return [f"{r.method} {r.path}" for r in self.received]

    def sent_anywhere(self, needle: str) -> list[Received]:
        """The requests whose headers or body contain ``needle`` (case-sensitive)."""
        return [r for r in self.received if needle in r.raw]

    def wait_chats(self, count: int = 1, timeout: float = 5.0) -> list[Chat]:
        """Block until ``count`` chat requests with messages have arrived."""
        deadline = time.monotonic() + timeout
        with self._state.cond:
            while len(self._state.chats()) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"{count} chats not received; got {self.paths()}")
                self._state.cond.wait(remaining)
            return self._state.chats()

    async def await_chats(self, count: int = 1, timeout: float = 5.0) -> list[Chat]:  # noqa: ASYNC109
        """:meth:`wait_chats` from a worker thread, leaving the event loop free."""
        return await asyncio.to_thread(self.wait_chats, count, timeout)
