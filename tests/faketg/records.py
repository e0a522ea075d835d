"""Plain records the fake Bot API keeps: bot outputs, uploads, faults and API errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class ApiError(Exception):
    """A Bot API error answer: HTTP status, description and optional retry_after."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        """Return the JSON body Telegram sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(detail: str) -> ApiError:
    """Build a 400 error with Telegram's ``Bad Request: ...`` description."""
    return ApiError(400, f"Bad Request: {detail}")


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """One multipart file part of a request."""

    filename: str | None
    content_type: str | None
    content: bytes


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A file the fake can serve through getFile and the file download URL."""

    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes
    filename: str | None = None
    mime_type: str | None = None


@dataclass(frozen=True, slots=True)
class Fault:
    """One armed fault for the next request of ``method``: fail, drop or lose the answer."""

    method: str
    kind: str  # "fail" | "drop" | "lose"
    status: int = 429
    retry_after: int | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class SentMessage:
    """One visible bot output: a sent or edited message, photo or document."""

    method: str
    chat_id: int | str
    message_id: int | None
    text: str | None  # text or caption as the user sees it (markup removed)
    raw_text: str | None = None  # text or caption exactly as the bot sent it
    reply_markup: dict[str, Any] | None = None
    photo: bytes | None = None
    document: bytes | None = None
    filename: str | None = None
    mime_type: str | None = None
    reply_to_message_id: int | None = None
    parse_mode: str | None = None
    inline_message_id: str | None = None
    params: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # time.perf_counter() when the request had fully arrived, before the fake handled it:
    # when the reply reached "Telegram", for latency measurements.
    received_at: float | None = field(default=None, compare=False, repr=False)

    @property
    def buttons(self) -> list[tuple[str, str | None]]:
        """Return every keyboard button as (text, callback_data), row by row."""
        return flat_buttons(self.reply_markup)

    def short(self) -> str:
        """Return a one-line summary for failure dumps."""
        text = (self.text or "").replace("\n", "\\n")
        if len(text) > 160:
            text = text[:157] + "..."
        extras = [f"buttons={[b[0] for b in self.buttons]}"] if self.buttons else []
        if self.filename:
            extras.append(f"file={self.filename}")
        tail = f" {' '.join(extras)}" if extras else ""
        return f"{self.method} #{self.message_id}: {text!r}{tail}"


def flat_buttons(markup: dict[str, Any] | None) -> list[tuple[str, str | None]]:
    """Flatten an inline or reply keyboard into (text, callback_data) pairs."""
    if not markup:
        return []
    rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
    flat: list[tuple[str, str | None]] = []
    for row in rows:
        for button in row:
            if isinstance(button, str):  # reply keyboards may use bare strings
                flat.append((button, None))
            else:
                flat.append((button.get("text", ""), button.get("callback_data")))
    return flat
