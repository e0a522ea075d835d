"""A fake Telegram Bot API server for end-to-end tests of the bot."""

from tests.faketg.fake import DEFAULT_TOKEN, FakeTelegram
from tests.faketg.records import SentMessage, UploadedFile

__all__ = ["DEFAULT_TOKEN", "FakeTelegram", "SentMessage", "UploadedFile"]
