"""The Ollama client against the fake server: deadlines, one call at a time, the breaker."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator

import pytest

from prompts.client import KEEP_ALIVE, OPTIONS, ClientConfig, VoiceClient
from tests.fakeollama import DEFAULT_MODEL, FakeOllama, Mode

HI = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Facts: none"}]
TIMEOUT_S = 0.4


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def ollama() -> AsyncIterator[FakeOllama]:
    with FakeOllama(reply="Good session, rest well.") as fake:
        yield fake


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def client(ollama: FakeOllama, clock: Clock) -> AsyncIterator[VoiceClient]:
    config = ClientConfig(ollama.host, DEFAULT_MODEL, timeout_s=TIMEOUT_S, load_timeout_s=1.0)
    voice = VoiceClient(config, clock)
    yield voice
    await voice.close()


async def test_a_reply_streams_in_with_constant_options_and_keep_alive(
    client: VoiceClient, ollama: FakeOllama
) -> None:
    """The text arrives whole; every request keeps the model loaded with the same options."""
    first = await client.chat(HI)
    second = await client.chat(HI)
    assert first is not None
    assert second is not None
    assert first.text == "Good session, rest well."
    assert first.done_reason == "stop"
    assert [c.options for c in ollama.chats] == [dict(OPTIONS)] * 2
    assert {c.keep_alive for c in ollama.chats} == {KEEP_ALIVE}
    assert all(c.stream for c in ollama.chats)


@pytest.mark.parametrize(
    "mode", [Mode.ERROR_500, Mode.HANG, Mode.MALFORMED, Mode.RESET, Mode.STREAM_ERROR,
             Mode.MISSING_MODEL],
)  # fmt: skip
async def test_every_failure_is_none_within_the_deadline(
    client: VoiceClient, ollama: FakeOllama, mode: Mode
) -> None:
    """No exception escapes and nothing waits longer than the timeout."""
    ollama.answer(mode=mode)
    started = time.monotonic()
    assert await client.chat(HI) is None
    assert time.monotonic() - started < TIMEOUT_S + 0.3


async def test_tokens_that_keep_trickling_are_cut_at_the_deadline(
    client: VoiceClient, ollama: FakeOllama
) -> None:
    """httpx's read timeout is per read; the whole call still ends on time."""
    ollama.answer(mode=Mode.SLOW_TOKENS, token_delay_s=0.15)
    started = time.monotonic()
    assert await client.chat(HI) is None
    assert time.monotonic() - started < TIMEOUT_S + 0.3


async def test_nothing_listening_is_none() -> None:
    voice = VoiceClient(ClientConfig("http://127.0.0.1:9", DEFAULT_MODEL, timeout_s=TIMEOUT_S))
    assert await voice.chat(HI) is None
    await voice.close()


async def test_one_request_at_a_time_and_a_short_queue(
    client: VoiceClient, ollama: FakeOllama
) -> None:
    """The server never answers two at once; beyond two waiting, a call is skipped at once."""
    ollama.answer(mode=Mode.SLOW_TOKENS, token_delay_s=0.02)
    results = await asyncio.gather(*(client.chat(HI) for _ in range(4)))
    assert ollama.peak_concurrent_chats == 1
    assert sum(r is not None for r in results) == 3
    assert results[3] is None
    assert len(ollama.chats) == 3


async def test_the_circuit_opens_after_three_failures_and_a_probe_closes_it(
    client: VoiceClient, ollama: FakeOllama, clock: Clock
) -> None:
    """Open: no request reaches the server. After the pause, GET /api/tags decides."""
    ollama.answer(mode=Mode.ERROR_500)
    for _ in range(3):
        assert await client.chat(HI) is None
    assert client.state == "paused"
    asked = len(ollama.received)
    assert await client.chat(HI) is None
    assert len(ollama.received) == asked
    ollama.answer(mode=Mode.NORMAL)
    clock.now += client.config.open_s
    assert await client.chat(HI) is not None
    assert ollama.paths()[asked:] == ["GET /api/tags", "POST /api/chat"]
    assert client.state == "ready"


async def test_a_probe_that_fails_keeps_the_circuit_open(
    client: VoiceClient, ollama: FakeOllama, clock: Clock
) -> None:
    ollama.answer(mode=Mode.ERROR_500)
    for _ in range(3):
        await client.chat(HI)
    ollama.stop()
    clock.now += client.config.open_s
    assert await client.chat(HI) is None
    assert client.state == "paused"


async def test_a_missing_model_is_reported_once_and_skipped_until_pulled(
    client: VoiceClient, ollama: FakeOllama, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    """One WARNING naming the pull command; no more chat requests until a probe finds it."""
    ollama.answer(mode=Mode.MISSING_MODEL)
    with caplog.at_level(logging.WARNING, logger="prompts.client"):
        for _ in range(3):
            assert await client.chat(HI) is None
            clock.now += client.config.open_s  # each later call probes, and the probe fails
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings == [
        f"voice model {DEFAULT_MODEL} is not installed (ollama pull {DEFAULT_MODEL}); "
        "templates are used"
    ]
    assert client.state == "model missing"
    assert len(ollama.chats) == 1
    ollama.answer(mode=Mode.NORMAL)
    assert await client.chat(HI) is not None
    assert client.state == "ready"


async def test_warm_up_loads_the_model_without_generating(
    client: VoiceClient, ollama: FakeOllama
) -> None:
    """A chat request without messages, kept loaded; a slow load is waited for."""
    ollama.answer(mode=Mode.SLOW_LOAD, load_delay_s=0.2)
    assert await client.warm_up() is True
    [load] = [r.json for r in ollama.received if r.path == "/api/chat"]
    assert load["messages"] == []
    assert load["keep_alive"] == KEEP_ALIVE
    assert ollama.chats == []


async def test_warm_up_against_nothing_is_false() -> None:
    voice = VoiceClient(ClientConfig("http://127.0.0.1:9", DEFAULT_MODEL, timeout_s=TIMEOUT_S))
    assert await voice.warm_up() is False
    await voice.close()
