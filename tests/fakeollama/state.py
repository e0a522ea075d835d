"""What the fake Ollama server is told to do, and what it received."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Mode(StrEnum):
    """How the fake answers /api/chat (the other routes follow MISSING_MODEL only)."""

    NORMAL = "normal"  # the reply, streamed word by word when the client asks to stream
    SLOW_TOKENS = "slow tokens"  # ``token_delay_s`` before every chunk
    SLOW_LOAD = "slow load"  # ``load_delay_s`` before the first byte while not loaded
    MISSING_MODEL = "404 model"  # 404 ``model '<name>' not found``; /api/tags lists none
    ERROR_500 = "500"  # 500 ``llama runner process has terminated: signal: killed``
    HANG = "hang"  # reads the request and never answers (until the fake stops)
    MALFORMED = "malformed line"  # a line that is not JSON (after one good chunk when streaming)
    RESET = "connection reset"  # TCP reset (after one chunk when streaming)
    STREAM_ERROR = "error mid-stream"  # 200, one chunk, then an ``{"error"}`` line


# The reply that repeats the start of the system prompt the fake received (a prompt leak).
ECHO_SYSTEM = "<echo the system prompt>"


def normalise(model: str) -> str:
    """``llama3.2`` means ``llama3.2:latest``, as on a real server."""
    return model if ":" in model else f"{model}:latest"


@dataclass(frozen=True, slots=True)
class Received:
    """One request as it arrived: method, path, headers and body."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    @property
    def raw(self) -> str:
        """Headers and body as text, to search for anything that should not be there."""
        heads = "\n".join(f"{k}: {v}" for k, v in self.headers.items())
        return f"{self.method} {self.path}\n{heads}\n\n{self.body.decode('utf-8', 'replace')}"


@dataclass(frozen=True, slots=True)
class Chat:
    """A /api/chat request that asked for text (messages present)."""

    model: str
    messages: tuple[dict[str, Any], ...]
    stream: bool
    options: dict[str, Any]
    keep_alive: Any

    @property
    def system(self) -> str:
        return "\n".join(m.get("content", "") for m in self.messages if m["role"] == "system")

    @property
    def user(self) -> str:
        return "\n".join(m.get("content", "") for m in self.messages if m["role"] != "system")

    @property
    def prompt_text(self) -> str:
        """Every message's content, as the model would read it."""
        return "\n".join(m.get("content", "") for m in self.messages)


@dataclass
class State:
    """Shared between the server threads and the test; guard with ``cond``."""

    models: tuple[str, ...]
    reply: str = "Good session, well done."
    mode: Mode = Mode.NORMAL
    token_delay_s: float = 0.05
    load_delay_s: float = 0.3
    loaded: bool = False
    stopping: bool = False
    active: int = 0  # chat requests being answered right now
    peak_active: int = 0  # the most ever answered at once
    received: list[Received] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)

    def chats(self) -> list[Chat]:
        """The chat requests that carried messages (loads and warm-ups excluded)."""
        found = []
        for request in self.received:
            body = request.json if request.path == "/api/chat" else None
            if body and body.get("messages"):
                found.append(
                    Chat(
                        body.get("model", ""),
                        tuple(body["messages"]),
                        bool(body.get("stream", True)),
                        body.get("options") or {},
                        body.get("keep_alive"),
                    )
                )
        return found
