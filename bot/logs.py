"""Logging set-up: stdlib logging with secrets redacted everywhere, tracebacks included."""

from __future__ import annotations

import logging
from collections.abc import Iterable

REDACTED = "[redacted]"
# Libraries that log every request URL (and Bot API URLs contain the token) or chatter at INFO.
_QUIET = ("httpx", "httpcore", "apscheduler", "aiosqlite", "matplotlib", "PIL", "fitdecode")


class RedactingFormatter(logging.Formatter):
    """Replace secret strings in the final text, tracebacks included."""

    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        # A bot token's part after the colon is the secret, and stays intact where a URL
        # encodes the colon; longest first, so a secret that contains another goes whole.
        given = {s for s in secrets if s}
        given |= {s.split(":", 1)[1] for s in given if ":" in s and len(s.split(":", 1)[1]) > 8}
        self._secrets = tuple(sorted(given, key=len, reverse=True))

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text


def configure_logging(level: str, secrets: Iterable[str]) -> None:
    """Send all logs to stderr through the redacting formatter; quieten chatty libraries."""
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s", secrets))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    configure_library_levels(level)


def configure_library_levels(level: str) -> None:
    """Chatty libraries log at WARNING at least, whatever the bot's own level."""
    for name in _QUIET:
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLevelName(level)))
