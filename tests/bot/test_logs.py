"""Logging: secrets are redacted from messages and tracebacks; httpx is quiet."""

from __future__ import annotations

import io
import logging

import pytest

from bot.logs import RedactingFormatter, configure_logging

TOKEN = "123456:SECRET-abcdefghijklmnopqrstuvw"


def test_token_is_redacted_in_message_and_traceback() -> None:
    """The token is replaced in the formatted text, traceback included."""
    formatter = RedactingFormatter("%(message)s", [TOKEN])
    try:
        raise RuntimeError(f"GET https://api.telegram.org/bot{TOKEN}/getUpdates failed")
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "url %s", (TOKEN,), None)
        import sys

        record.exc_info = sys.exc_info()
    text = formatter.format(record)
    assert TOKEN not in text
    assert text.count("[redacted]") == 2


def test_configure_logging_quietens_httpx(monkeypatch: pytest.MonkeyPatch) -> None:
    """At DEBUG, httpx and httpcore still log only warnings and up."""
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    configure_logging("DEBUG", [TOKEN])
    logging.getLogger("httpx").info("HTTP Request: POST .../bot%s/getMe", TOKEN)
    logging.getLogger("spotter.test").debug("hello %s", TOKEN)
    output = stream.getvalue()
    assert "HTTP Request" not in output
    assert "hello [redacted]" in output
    assert logging.getLogger("httpcore").getEffectiveLevel() >= logging.WARNING
