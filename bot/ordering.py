"""Process updates concurrently across chats, in order within one chat, and fairly.

Each chat's updates wait for each other, never for other chats: a chat waiting its turn
holds no share of the concurrency limit. A chat that sends far more than a person types
(a flood, a script) is paced: its updates are still all handled, in order, but at a rate
that leaves Telegram's sending budget to everyone else. With an inbox, every update is
claimed before it is handled (a copy delivered again is skipped) and marked done after.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.inbox import Inbox

# Far above what the inner limit lets run: PTB's own semaphore must never be what waits.
_OUTER_LIMIT = 1_000_000


def _chat_key(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user else None


@dataclass(slots=True)
class Pace:
    """A token bucket per chat: ``burst`` updates at once, then ``rate_per_s``.

    Telegram asks bots to stay near one message a second in one chat and answers a chat that
    goes far beyond with 429s; PTB's rate limiter then pauses every chat, not just that one.
    A person logging sets, even pasting a workout line by line, stays within the burst.
    """

    burst: float = 20.0
    rate_per_s: float = 2.0


class _Bucket:
    __slots__ = ("stamp", "tokens")

    def __init__(self, tokens: float, stamp: float) -> None:
        self.tokens, self.stamp = tokens, stamp

    def wait_s(self, pace: Pace, now: float) -> float:
        """Take one token; how long to wait before it is there."""
        self.tokens = min(pace.burst, self.tokens + (now - self.stamp) * pace.rate_per_s)
        self.stamp = now
        self.tokens -= 1.0
        return 0.0 if self.tokens >= 0 else -self.tokens / pace.rate_per_s


class _Chat:
    __slots__ = ("bucket", "lock", "waiting")

    def __init__(self, bucket: _Bucket) -> None:
        self.lock, self.bucket, self.waiting = asyncio.Lock(), bucket, 0


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """A slow chart or a flooding user never delays another user; one chat stays ordered."""

    def __init__(
        self,
        max_concurrent_updates: int = 64,
        inbox: Inbox | None = None,
        pace: Pace | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(_OUTER_LIMIT)
        self._running = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._inbox, self._pace = inbox, pace or Pace()
        self._clock = clock
        self._chats: dict[int, _Chat] = {}
        self._bucket_memory: dict[int, _Bucket] = {}
        self._stopping = asyncio.Event()

    @property
    def inbox(self) -> Inbox | None:
        """Where updates are claimed and marked done, if anywhere."""
        return self._inbox

    def stop_waiting(self) -> None:
        """Stop: updates still waiting for their turn are left for the next start."""
        self._stopping.set()

    def _now(self) -> float:
        return self._clock() if self._clock else asyncio.get_running_loop().time()

    async def do_process_update(self, update: object, coroutine: Awaitable[object]) -> None:
        update_id = update.update_id if isinstance(update, Update) else None
        if update_id is not None and self._inbox is not None and not self._inbox.claim(update_id):
            _close(coroutine)  # a copy of an update already handled or under way
            return
        key = _chat_key(update)
        if key is None:
            await self._handle(update_id, coroutine)
            return
        chat = self._chats.get(key)
        if chat is None:
            bucket = self._bucket_memory.pop(key, None) or _Bucket(self._pace.burst, self._now())
            chat = self._chats[key] = _Chat(bucket)
        chat.waiting += 1
        try:
            async with chat.lock:
                if await self._turn(chat):
                    await self._handle(update_id, coroutine)
                else:
                    _close(coroutine)
        finally:
            chat.waiting -= 1
            if not chat.waiting:
                del self._chats[key]
                self._remember_bucket(key, chat.bucket)

    async def _turn(self, chat: _Chat) -> bool:
        """Wait for the chat's pace; False when the bot stops meanwhile."""
        if self._stopping.is_set():
            return False
        wait_s = chat.bucket.wait_s(self._pace, self._now())
        if wait_s <= 0:
            return True
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), wait_s)
        return not self._stopping.is_set()

    def _remember_bucket(self, key: int, bucket: _Bucket) -> None:
        # A bucket below full must outlive its chat's queue, or a flood that arrives in
        # pieces would start each piece with a full burst.
        if bucket.tokens < self._pace.burst:
            self._bucket_memory[key] = bucket
            if len(self._bucket_memory) > 10_000:
                self._bucket_memory.pop(next(iter(self._bucket_memory)))

    async def _handle(self, update_id: int | None, coroutine: Awaitable[object]) -> None:
        async with self._running:
            await coroutine  # handler errors end in the error handler, not here
        if update_id is not None and self._inbox is not None:
            self._inbox.done(update_id)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Write the last done marks."""
        if self._inbox is not None:
            await self._inbox.flush()
            self._inbox.close()


def _close(coroutine: Awaitable[object]) -> None:
    close = getattr(coroutine, "close", None)
    if close is not None:
        close()
