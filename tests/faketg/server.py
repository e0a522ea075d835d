"""Loopback HTTP server speaking the Bot API wire format (form, multipart and JSON bodies)."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from tests.faketg.dispatch import Answer, decode_param, dispatch, encode, error_answer
from tests.faketg.records import ApiError, UploadedFile
from tests.faketg.state import State

_API_PATH = re.compile(r"/bot([^/]+)/([A-Za-z_]+)/?")
_FILE_PATH = re.compile(r"/file/bot([^/]+)/(.+)")
_PARAM = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')
_HTML5_ESCAPE = re.compile(r"%([0-9A-F]{2})|\\\\")


class FakeServer(ThreadingHTTPServer):
    """Threading HTTP server that tracks connections so stop() can cut them."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, state: State) -> None:
        self.state = state
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay silent: clients that hang up mid-answer are normal here."""

    def close_connections(self) -> None:
        """Shut every open client connection so blocked handler threads return."""
        with self.connections_lock:
            connections = list(self.connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


def _unescape_html5(value: str) -> str:
    # Undo httpx's multipart parameter escaping (%22 for quotes, %XX for controls, \\).
    return _HTML5_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else "\\", value)


def parse_multipart(
    content_type: str, body: bytes
) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    """Split a multipart/form-data body into text fields and file parts."""
    boundary = re.search(r'boundary="?([^";]+)"?', content_type)
    if boundary is None:
        raise ApiError(400, "Bad Request: multipart boundary is missing")
    fields: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}
    for chunk in body.split(b"--" + boundary[1].encode())[1:]:
        if chunk.startswith(b"--"):
            break
        head, _, data = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        data = data.removesuffix(b"\r\n")
        headers = head.decode("utf-8", "replace").split("\r\n")
        disposition = next((h for h in headers if h.lower().startswith("content-disposition")), "")
        part_type = next(
            (h.split(":", 1)[1].strip() for h in headers if h.lower().startswith("content-type")),
            None,
        )
        params = {k: _unescape_html5(v) for k, v in _PARAM.findall(disposition)}
        if "filename" in params:
            files[params["name"]] = UploadedFile(params["filename"], part_type, data)
        else:
            fields[params.get("name", "")] = data.decode("utf-8")
    return fields, files


def parse_params(
    content_type: str, body: bytes, query: str
) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Decode a request's parameters the way the Bot API accepts them."""
    raw = dict(parse_qsl(query, keep_blank_values=True))
    files: dict[str, UploadedFile] = {}
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "multipart/form-data":
        fields, files = parse_multipart(content_type, body)
        raw.update(fields)
    elif kind == "application/json" and body:
        return {**{k: decode_param(k, v) for k, v in raw.items()}, **json.loads(body)}, files
    elif body:
        raw.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    return {k: decode_param(k, v) for k, v in raw.items()}, files


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as PTB's httpx pool expects
    disable_nagle_algorithm = True  # answers go out in one write; no 40 ms Nagle stalls
    server: FakeServer

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
        """Never log: request lines carry the bot token."""

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        try:
            body = self._read_body()
            received_at = time.perf_counter()
            url = urlsplit(self.path)
            if match := _FILE_PATH.fullmatch(unquote(url.path)):
                status, payload = self._download(match[1], match[2])
                kind = "application/octet-stream" if status == 200 else "application/json"
                self._write(status, payload, kind)
                return
            answer = self._answer(url, body, received_at)
            if answer is None:
                self.close_connection = True  # hang up without a response
                return
            self._write(*answer, "application/json")
        except OSError:
            self.close_connection = True

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while (size := int(self.rfile.readline().split(b";")[0], 16)) > 0:
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            self.rfile.readline()
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _download(self, token: str, path: str) -> tuple[int, bytes]:
        state = self.server.state
        if token != state.token:
            return error_answer(ApiError(401, "Unauthorized"))
        with state.cond:
            stored = state.file_by_path(path)
        if stored is None:
            return encode(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        return 200, stored.content

    def _answer(self, url: Any, body: bytes, received_at: float) -> Answer:
        state = self.server.state
        match = _API_PATH.fullmatch(url.path)
        if match is None:
            return encode(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        if match[1] != state.token:
            return error_answer(ApiError(401, "Unauthorized"))
        try:
            params, files = parse_params(self.headers.get("Content-Type", ""), body, url.query)
        except (ValueError, ApiError) as exc:
            error = exc if isinstance(exc, ApiError) else ApiError(400, f"Bad Request: {exc}")
            return error_answer(error)
        return dispatch(state, match[2], params, files, received_at)

    def _write(self, status: int, payload: bytes, content_type: str) -> None:
        head = (
            f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
            f"Content-Type: {content_type}\r\n"
            f"Content-Length: {len(payload)}\r\n"
            f"Connection: {'close' if self.close_connection else 'keep-alive'}\r\n\r\n"
        )
        self.wfile.write(head.encode("latin-1") + payload)
        self.wfile.flush()
