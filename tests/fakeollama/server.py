"""Loopback HTTP server speaking the Ollama API that ollama-python uses (chat, tags, show)."""

from __future__ import annotations

import contextlib
import datetime as dtm
import json
import re
import socket
import struct
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakeollama.state import ECHO_SYSTEM, Mode, Received, State, normalise

KILLED = "llama runner process has terminated: signal: killed"
_PIECE = re.compile(r"\S+\s*|\s+")
_NS = 1_000_000_000


class OllamaServer(ThreadingHTTPServer):
    """Threading HTTP server that tracks connections so stop() can cut them."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, state: State) -> None:
        self.state = state
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay silent: clients that give up mid-answer are what these tests are about."""

    def close_connections(self) -> None:
        with self.connections_lock:
            connections = list(self.connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


def _now() -> str:
    return dtm.datetime.now(dtm.UTC).isoformat().replace("+00:00", "Z")


def _details() -> dict[str, Any]:
    return {
        "format": "gguf", "family": "llama", "families": ["llama"],
        "parameter_size": "1.2B", "quantization_level": "Q4_K_M",
    }  # fmt: skip


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: OllamaServer

    def setup(self) -> None:
        super().setup()
        with self.server.connections_lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.connections.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Never log."""

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    @property
    def state(self) -> State:
        return self.server.state

    def _serve(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        request = Received(self.command, self.path, dict(self.headers.items()), body)
        with self.state.cond:
            self.state.received.append(request)
            mode, models = self.state.mode, self.state.models
            self.state.cond.notify_all()
        try:
            payload = request.json if body else {}
        except ValueError:
            self._json(400, {"error": "invalid character in request body"})
            return
        try:
            if self.path == "/":
                self._write(200, b"Ollama is running", "text/plain; charset=utf-8")
            elif self.path == "/api/version":
                self._json(200, {"version": "0.12.0"})
            elif self.path == "/api/tags":
                listed = [] if mode is Mode.MISSING_MODEL else models
                self._json(200, {"models": [self._model(m) for m in listed]})
            elif self.path == "/api/ps":
                self._json(200, {"models": [self._model(m) for m in models if self.state.loaded]})
            elif self.path == "/api/show":
                self._show(payload, mode)
            elif self.path == "/api/chat":
                self._counted_chat(payload, mode)
            else:
                self._json(404, {"error": "404 page not found"})
        except OSError:
            self.close_connection = True

    def _model(self, name: str) -> dict[str, Any]:
        return {
            "name": name, "model": name, "modified_at": _now(), "size": 807_694_464,
            "digest": "a80c4f17acd5" + "0" * 52, "details": _details(),
            "expires_at": "2318-01-01T00:00:00Z", "size_vram": 0, "context_length": 2048,
        }  # fmt: skip

    def _known(self, payload: dict[str, Any], mode: Mode) -> str | None:
        """The model asked for when it is installed; otherwise answer 404 and return None."""
        model = normalise(str(payload.get("model") or ""))
        if mode is Mode.MISSING_MODEL or model not in self.state.models:
            self._json(404, {"error": f"model '{payload.get('model')}' not found"})
            return None
        return model

    def _show(self, payload: dict[str, Any], mode: Mode) -> None:
        if self._known(payload, mode) is None:
            return
        self._json(
            200,
            {
                "modelfile": "FROM llama3.2:1b", "parameters": "stop \"<|eot_id|>\"",
                "template": "{{ .Prompt }}", "details": _details(),
                "model_info": {"general.architecture": "llama", "llama.context_length": 131072},
                "capabilities": ["completion"], "modified_at": _now(),
            },
        )  # fmt: skip

    def _counted_chat(self, payload: dict[str, Any], mode: Mode) -> None:
        with self.state.cond:
            self.state.active += 1
            self.state.peak_active = max(self.state.peak_active, self.state.active)
        try:
            self._chat(payload, mode)
        finally:
            with self.state.cond:
                self.state.active -= 1
                self.state.cond.notify_all()

    def _chat(self, payload: dict[str, Any], mode: Mode) -> None:
        model = self._known(payload, mode)
        if model is None:
            return
        if mode is Mode.HANG:
            self._hang()
            return
        if mode is Mode.ERROR_500:
            self._json(500, {"error": KILLED})
            return
        load_s = self._load(mode)
        messages = payload.get("messages") or []
        if not messages:  # a load request: nothing to generate
            self._json(200, self._chunk(model, "", done=True, reason="load", load_s=load_s))
            return
        text = self._reply_for(messages)
        if payload.get("stream", True):
            self._stream(model, text, mode, load_s)
            return
        if mode is Mode.RESET:
            self._reset()
            return
        if mode is Mode.MALFORMED:
            self._write(200, b'{"model": "' + model.encode() + b'", "message": {', _JSON)
            return
        if mode is Mode.SLOW_TOKENS:
            time.sleep(self.state.token_delay_s * len(_PIECE.findall(text)))
        self._json(200, self._chunk(model, text, done=True, reason="stop", load_s=load_s))

    def _reply_for(self, messages: list[dict[str, Any]]) -> str:
        with self.state.cond:
            reply = self.state.reply
        if reply == ECHO_SYSTEM:
            system = next((m.get("content", "") for m in messages if m["role"] == "system"), "")
            return system[:160]
        return reply

    def _load(self, mode: Mode) -> float:
        """Seconds spent loading the model: only the first request after a (re)start."""
        with self.state.cond:
            loaded, self.state.loaded = self.state.loaded, True
        if loaded:
            return 0.001
        if mode is Mode.SLOW_LOAD:
            time.sleep(self.state.load_delay_s)
            return self.state.load_delay_s
        return 0.01

    def _stream(self, model: str, text: str, mode: Mode, load_s: float) -> None:
        self.send_response_only(200)
        self.send_header("Content-Type", "application/x-ndjson")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        pieces = _PIECE.findall(text) or [""]
        for index, piece in enumerate(pieces):
            if mode is Mode.SLOW_TOKENS:
                time.sleep(self.state.token_delay_s)
            self._send_chunk(json.dumps(self._chunk(model, piece)).encode() + b"\n")
            if index == 0 and mode is Mode.RESET:
                self._reset()
                return
            if index == 0 and mode is Mode.MALFORMED:
                self._send_chunk(b'{"model": "' + model.encode() + b'", "message": {"role\n')
                break
            if index == 0 and mode is Mode.STREAM_ERROR:
                self._send_chunk(json.dumps({"error": KILLED}).encode() + b"\n")
                break
        else:
            count = len(pieces)
            last = self._chunk(model, "", done=True, reason="stop", load_s=load_s, count=count)
            self._send_chunk(json.dumps(last).encode() + b"\n")
        self._send_chunk(b"")

    def _chunk(
        self,
        model: str,
        content: str,
        *,
        done: bool = False,
        reason: str | None = None,
        load_s: float = 0.0,
        count: int = 1,
    ) -> dict[str, Any]:
        chunk: dict[str, Any] = {
            "model": model, "created_at": _now(),
            "message": {"role": "assistant", "content": content}, "done": done,
        }  # fmt: skip
        if done:
            chunk.update(
                done_reason=reason, total_duration=int((load_s + 0.2) * _NS),
                load_duration=int(load_s * _NS), prompt_eval_count=120,
                prompt_eval_duration=int(0.1 * _NS), eval_count=count,
                eval_duration=int(0.1 * _NS),
            )  # fmt: skip
        return chunk

    def _hang(self) -> None:
        with self.state.cond:
            self.state.cond.wait_for(lambda: self.state.stopping, timeout=60)
        self.close_connection = True

    def _reset(self) -> None:
        """Close with RST (SO_LINGER 0), as a crashed server's kernel would."""
        with contextlib.suppress(OSError):
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.close()

    def _send_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _json(self, status: int, payload: Any) -> None:
        self._write(status, json.dumps(payload).encode(), _JSON)

    def _write(self, status: int, payload: bytes, content_type: str) -> None:
        head = (
            f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
            f"Content-Type: {content_type}\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n"
        )
        self.wfile.write(head.encode("latin-1") + (b"" if self.command == "HEAD" else payload))
        self.wfile.flush()


_JSON = "application/json; charset=utf-8"
