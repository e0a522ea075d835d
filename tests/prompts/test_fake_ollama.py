"""The fake Ollama server fails the way a real one does, as the real client sees it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import ollama
import pytest

from tests.fakeollama import DEFAULT_MODEL, ECHO_SYSTEM, FakeOllama, Mode

HI = [{"role": "system", "content": "You are a coach."}, {"role": "user", "content": "hi"}]


@pytest.fixture
async def fake() -> AsyncIterator[tuple[FakeOllama, ollama.AsyncClient]]:
    with FakeOllama(reply="Well done today.") as server:
        timeout = httpx.Timeout(connect=1, read=0.3, write=1, pool=1)
        client = ollama.AsyncClient(host=server.host, timeout=timeout)
        yield server, client
        await client.close()


async def _text(client: ollama.AsyncClient, *, stream: bool) -> str:
    if not stream:
        return (await client.chat(DEFAULT_MODEL, HI)).message.content or ""
    return "".join([p.message.content or "" async for p in await client.chat(
        DEFAULT_MODEL, HI, stream=True
    )])  # fmt: skip


@pytest.mark.parametrize("stream", [False, True])
async def test_normal_answers_and_records_the_prompt(fake, stream: bool) -> None:
    """The reply arrives whole (word by word when streamed) and the request is kept."""
    server, client = fake
    assert await _text(client, stream=stream) == "Well done today."
    assert server.last_chat.system == "You are a coach."
    assert server.last_chat.user == "hi"
    assert server.last_chat.stream is stream


async def test_tags_show_and_a_load_request(fake) -> None:
    """The model is listed, shown (with model_info) and loads without generating."""
    server, client = fake
    assert [m.model for m in (await client.list()).models] == [DEFAULT_MODEL]
    assert (await client.show(DEFAULT_MODEL)).modelinfo is not None
    assert (await client.chat(DEFAULT_MODEL, [])).done_reason == "load"
    assert server.chats == []


@pytest.mark.parametrize(
    ("mode", "stream", "error"),
    [
        (Mode.MISSING_MODEL, False, ollama.ResponseError),
        (Mode.MISSING_MODEL, True, ollama.ResponseError),
        (Mode.ERROR_500, False, ollama.ResponseError),
        (Mode.ERROR_500, True, ollama.ResponseError),
        (Mode.HANG, False, httpx.ReadTimeout),
        (Mode.HANG, True, httpx.ReadTimeout),
        (Mode.MALFORMED, False, json.JSONDecodeError),
        (Mode.MALFORMED, True, json.JSONDecodeError),
        (Mode.RESET, False, httpx.TransportError),
        (Mode.RESET, True, httpx.TransportError),
        (Mode.STREAM_ERROR, True, ollama.ResponseError),
    ],
)
async def test_each_fault_raises_what_the_real_server_makes_the_client_raise(
    fake, mode: Mode, stream: bool, error: type[Exception]
) -> None:
    """The exception types of OLLAMA.md §2.2, through the unmodified client."""
    server, client = fake
    server.answer(mode=mode)
    with pytest.raises(error):
        await _text(client, stream=stream)


async def test_a_missing_model_is_a_404_with_the_servers_message(fake) -> None:
    """Chat answers 404 "model '…' not found" and the model is not listed."""
    server, client = fake
    server.answer(mode=Mode.MISSING_MODEL)
    with pytest.raises(ollama.ResponseError) as caught:
        await client.chat(DEFAULT_MODEL, HI)
    assert caught.value.status_code == 404
    assert "not found" in caught.value.error
    assert (await client.list()).models == []


async def test_slow_load_and_slow_tokens_delay_the_answer(fake) -> None:
    """The first chat after a start pays the load; slow tokens trickle in one by one."""
    server, client = fake
    server.answer(mode=Mode.SLOW_LOAD, load_delay_s=0.05)
    final = (await client.chat(DEFAULT_MODEL, HI)).load_duration or 0
    assert final >= 50_000_000
    server.answer(mode=Mode.SLOW_TOKENS, token_delay_s=0.02)
    pieces = [p async for p in await client.chat(DEFAULT_MODEL, HI, stream=True)]
    assert len(pieces) == 4  # three words and the final chunk


async def test_echo_repeats_the_system_prompt_it_received(fake) -> None:
    """The leak reply is the start of the system message the fake was sent."""
    server, client = fake
    server.answer(ECHO_SYSTEM)
    assert await _text(client, stream=True) == "You are a coach."


async def test_sent_anywhere_searches_headers_and_bodies(fake) -> None:
    """A string in any request's body is found; one nowhere is not."""
    server, client = fake
    await _text(client, stream=False)
    assert len(server.sent_anywhere("You are a coach.")) == 1
    assert server.sent_anywhere("nowhere-to-be-found") == []
