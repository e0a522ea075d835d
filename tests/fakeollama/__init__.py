"""A fake Ollama server for tests of the coaching voice."""

from tests.fakeollama.fake import DEFAULT_MODEL, FakeOllama
from tests.fakeollama.state import ECHO_SYSTEM, Chat, Mode, Received

__all__ = ["DEFAULT_MODEL", "ECHO_SYSTEM", "Chat", "FakeOllama", "Mode", "Received"]
