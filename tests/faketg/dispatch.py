"""Route one Bot API call: record it, apply armed faults, run the method, encode the answer."""

from __future__ import annotations

import json
import time
from http import HTTPStatus
from typing import Any

from tests.faketg import methods_messages, methods_other
from tests.faketg.records import ApiError, Fault, UploadedFile
from tests.faketg.state import State

_TABLE = {
    name.lower(): (name, method)
    for name, method in {**methods_messages.METHODS, **methods_other.METHODS}.items()
}
# Parameters that are strings even when they look like JSON (PTB sends str values unencoded).
_STRING_PARAMS = frozenset(
    [
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "file_id",
        "url",
        "action",
        "language_code",
        "photo",
        "document",
        "message_effect_id",
        "business_connection_id",
        "emoji",
        "title",
        "description",
        "short_description",
        "name",
        "query",
    ]
)

Answer = tuple[int, bytes] | None  # None: close the connection without answering


def decode_param(name: str, raw: str) -> Any:
    """Decode one form value: JSON for numbers, bools, lists and objects, else the string."""
    if name in _STRING_PARAMS:
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def encode(status: int, body: dict[str, Any]) -> tuple[int, bytes]:
    """Serialise a JSON answer."""
    return status, json.dumps(body, ensure_ascii=False).encode("utf-8")


def error_answer(error: ApiError) -> tuple[int, bytes]:
    """Serialise a Bot API error."""
    return encode(error.status, error.payload())


def _fault_error(fault: Fault) -> ApiError:
    if fault.description:
        description = fault.description
    elif fault.status == HTTPStatus.TOO_MANY_REQUESTS:
        description = f"Too Many Requests: retry after {fault.retry_after}"
    elif fault.status == HTTPStatus.FORBIDDEN:
        description = "Forbidden: bot was blocked by the user"
    else:
        description = HTTPStatus(fault.status).phrase
    retry_after = fault.retry_after if fault.status == HTTPStatus.TOO_MANY_REQUESTS else None
    return ApiError(fault.status, description, retry_after)


def dispatch(
    state: State,
    method: str,
    params: dict[str, Any],
    uploads: dict[str, UploadedFile],
    received_at: float | None = None,
) -> Answer:
    """Handle one authorised call to ``method`` and return the answer to send, if any."""
    name, handler = _TABLE.get(method.lower(), (method, None))
    with state.cond:
        state.calls.append((name, {**params, **uploads}))
        state.last_activity = time.monotonic()
        if handler is None:
            state.errors.append((name, "Not Found: method not found"))
            return error_answer(ApiError(404, "Not Found: method not found"))
        fault = state.take_fault(name)
        if fault is not None and fault.kind == "drop":
            return None
        if fault is not None and fault.kind == "fail":
            return error_answer(_fault_error(fault))
        busy = int(name != "getUpdates")
        state.in_flight += busy
        state.received_at = received_at
        try:
            answer = encode(200, {"ok": True, "result": handler(state, params, uploads)})
        except ApiError as exc:
            state.errors.append((name, exc.description))
            answer = error_answer(exc)
        except Exception as exc:  # a bug in the fake must show up in the test, not vanish
            state.errors.append((name, f"fake server bug: {exc!r}"))
            answer = error_answer(ApiError(500, f"Internal Server Error: {exc!r}"))
        finally:
            state.in_flight -= busy
            state.received_at = None
            state.last_activity = time.monotonic()
            state.cond.notify_all()
        return None if fault is not None and fault.kind == "lose" else answer
