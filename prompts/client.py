"""The one Ollama client: a deadline on every call, one request at a time, a circuit breaker.

Every way a call can fail (OLLAMA.md §2.2) ends in ``None``: the caller keeps its template.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
import ollama
import pydantic

log = logging.getLogger(__name__)

FAILURES = (
    ollama.ResponseError,
    ConnectionError,
    httpx.HTTPError,
    json.JSONDecodeError,
    pydantic.ValidationError,
    TimeoutError,
)
# Sent unchanged with every request: a different num_ctx would reload the model.
OPTIONS: Mapping[str, Any] = {"num_ctx": 2048, "num_predict": 80, "temperature": 0.4, "seed": 7}
KEEP_ALIVE = -1  # keep the model loaded for good
MAX_CHARS = 600  # stop reading a reply this long: no accepted sentence is


def model_name(model: str) -> str:
    """``llama3.2`` means ``llama3.2:latest``, as on the server."""
    return model if ":" in model else f"{model}:latest"


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """Where the model is and how long anything may take."""

    host: str
    model: str
    timeout_s: float = 20.0  # the whole call, waiting for the one slot included
    load_timeout_s: float = 120.0  # a cold load from an SD card takes up to a minute
    failures_to_open: int = 3  # consecutive failures that open the circuit
    open_s: float = 600.0  # how long an open circuit skips the model before a probe
    max_waiting: int = 2  # calls queued for the slot beyond which a new one is skipped


@dataclass(frozen=True, slots=True)
class Generation:
    """The model's raw text and what the server said about producing it."""

    text: str
    done_reason: str | None
    seconds: float
    load_s: float = 0.0
    tokens: int = 0


@dataclass
class _Breaker:
    failures: int = 0
    open_until: float | None = None
    model_missing: bool = False


class VoiceClient:
    """Talks to Ollama; create it inside the running event loop and ``close()`` it there."""

    def __init__(self, config: ClientConfig, clock: Callable[[], float] = time.monotonic) -> None:
        self.config = config
        self._clock = clock
        self._slot = asyncio.Semaphore(1)  # a Pi serves one request at a time
        self._waiting = 0
        self._breaker = _Breaker()
        timeout = httpx.Timeout(
            config.timeout_s, connect=min(2.0, config.timeout_s), pool=config.timeout_s
        )
        self._ollama = ollama.AsyncClient(host=config.host, timeout=timeout)
        self.model = model_name(config.model)

    async def close(self) -> None:
        await self._ollama.close()

    @property
    def state(self) -> str:
        """'ready', 'model missing' or 'paused' (the circuit is open)."""
        if self._breaker.model_missing:
            return "model missing"
        return "paused" if self._breaker.open_until is not None else "ready"

    async def chat(self, messages: Sequence[Mapping[str, str]]) -> Generation | None:
        """The model's reply within the deadline, or None (skipped, failed or too slow)."""
        if self._waiting >= self.config.max_waiting:
            log.info("voice skipped: queue full waiting=%d", self._waiting)
            return None
        if not await self._closed_or_probed():
            return None
        started, holding = self._clock(), False
        self._waiting += 1
        try:
            async with asyncio.timeout(self.config.timeout_s):
                async with self._slot:
                    self._waiting, holding = self._waiting - 1, True
                    generation = await self._stream(messages, started)
        except FAILURES as exc:
            self._failed(exc)
            return None
        finally:
            if not holding:
                self._waiting -= 1
        self._breaker.failures, self._breaker.open_until = 0, None
        return generation

    async def _stream(
        self, messages: Sequence[Mapping[str, str]], started: float
    ) -> Generation:
        pieces: list[str] = []
        last: ollama.ChatResponse | None = None
        stream = await self._ollama.chat(
            self.model, list(messages), stream=True, options=dict(OPTIONS), keep_alive=KEEP_ALIVE
        )
        try:
            async for part in stream:
                pieces.append(part.message.content or "")
                last = part
                if sum(map(len, pieces)) > MAX_CHARS:
                    break
        finally:
            await stream.aclose()
        load_s = (last.load_duration or 0) / 1e9 if last is not None else 0.0
        tokens = (last.eval_count or 0) if last is not None else 0
        reason = last.done_reason if last is not None and last.done else "length"
        return Generation("".join(pieces), reason, self._clock() - started, load_s, tokens)

    async def warm_up(self) -> bool:
        """Load the model now (a chat without messages), so the first line is not slow."""
        try:
            async with asyncio.timeout(self.config.load_timeout_s), self._slot:
                started = self._clock()
                await self._ollama.chat(self.model, [], keep_alive=KEEP_ALIVE, options=OPTIONS)
        except FAILURES as exc:
            self._failed(exc)
            return False
        log.info("voice model loaded model=%s seconds=%.1f", self.model, self._clock() - started)
        return True

    async def probe(self) -> bool:
        """A cheap health check: the server answers and lists the model."""
        try:
            async with asyncio.timeout(min(2.0, self.config.timeout_s)):
                listed = {m.model for m in (await self._ollama.list()).models}
        except FAILURES as exc:
            log.info("voice probe failed: %s", type(exc).__name__)
            return False
        if self.model not in listed:
            self._missing()
            return False
        if self._breaker.model_missing:
            log.info("voice model found again model=%s", self.model)
        self._breaker = _Breaker()
        return True

    async def _closed_or_probed(self) -> bool:
        """Whether to call the model: yes while the circuit is closed; once it has been open
        long enough, only if a probe says the server is back."""
        until = self._breaker.open_until
        if until is None:
            return True
        if self._clock() < until:
            return False
        if await self.probe():
            return True
        self._breaker.open_until = self._clock() + self.config.open_s
        return False

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ollama.ResponseError) and exc.status_code == 404:
            self._missing()
            return
        breaker = self._breaker
        breaker.failures += 1
        log.warning("voice call failed: %s failures=%d", type(exc).__name__, breaker.failures)
        if breaker.failures >= self.config.failures_to_open and breaker.open_until is None:
            breaker.open_until = self._clock() + self.config.open_s
            log.warning(
                "voice paused after %d failures; templates only for %.0f s",
                breaker.failures, self.config.open_s,
            )  # fmt: skip

    def _missing(self) -> None:
        """A missing model is reported once, then the circuit stays open until it is pulled."""
        if not self._breaker.model_missing:
            log.warning(
                "voice model %s is not installed (ollama pull %s); templates are used",
                self.model, self.model,
            )  # fmt: skip
        self._breaker.model_missing = True
        self._breaker.open_until = self._clock() + self.config.open_s
