"""Read side of the fake: what the bot sent, waiting for it, and failure dumps."""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import Callable
from typing import Any

from tests.faketg.records import SentMessage
from tests.faketg.state import ChatId, State

Predicate = Callable[[SentMessage], bool]


class Observer:
    """Query and await bot outputs; every read takes the state lock."""

    _state: State

    def outputs(self, chat_id: ChatId | None = None) -> list[SentMessage]:
        """Return every bot output so far, for one chat or all."""
        with self._state.cond:
            return [o for o in self._state.outputs if chat_id is None or o.chat_id == chat_id]

    def wait_for(
        self,
        chat_id: ChatId,
        count: int = 1,
        timeout: float = 10.0,
        predicate: Predicate | None = None,
    ) -> list[SentMessage]:
        """Block until ``count`` new outputs (matching ``predicate``) reach ``chat_id``.

        "New" means after the outputs an earlier wait_for on this chat returned; outputs
        skipped by the predicate before the last match are consumed too.
        """
        _refuse_inside_event_loop()
        deadline = time.monotonic() + timeout
        with self._state.cond:
            while True:
                found, end = self._scan(chat_id, count, predicate)
                if len(found) >= count:
                    self._state.cursors[chat_id] = end
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(self._dump(chat_id, count, found, timeout))
                self._state.cond.wait(remaining)

    async def await_for(
        self,
        chat_id: ChatId,
        count: int = 1,
        timeout: float = 10.0,  # noqa: ASYNC109 (same signature as wait_for)
        predicate: Predicate | None = None,
    ) -> list[SentMessage]:
        """Await :meth:`wait_for` from a worker thread, leaving the event loop free."""
        return await asyncio.to_thread(self.wait_for, chat_id, count, timeout, predicate)

    def wait_until(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        """Block until ``condition()`` holds, re-checking it whenever the fake's state changes."""
        _refuse_inside_event_loop()
        deadline = time.monotonic() + timeout
        with self._state.cond:
            while not condition():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"condition not met within {timeout} s\n{self._tail()}")
                self._state.cond.wait(remaining)

    def unseen_updates(self) -> int:
        """How many queued updates no getUpdates call has returned yet."""
        with self._state.cond:
            return self._state.updates.unseen_count()

    def wait_idle(self, timeout: float = 10.0, quiet_s: float = 0.05) -> None:
        """Block until every update was fetched, no call is in flight and ``quiet_s`` passed."""
        _refuse_inside_event_loop()
        deadline = time.monotonic() + timeout
        with self._state.cond:
            while True:
                state = self._state
                quiet_for = time.monotonic() - state.last_activity
                busy = state.updates.unseen_count() or state.in_flight
                if not busy and quiet_for >= quiet_s:
                    return
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"bot not idle within {timeout} s\n{self._tail()}")
                state.cond.wait(min(remaining, max(quiet_s - quiet_for, 0.005)))

    def edited(self, message_id: int, chat_id: ChatId | None = None) -> list[SentMessage]:
        """Return the edits the bot made to one message, oldest first."""
        return [
            o
            for o in self.outputs(chat_id)
            if o.method.startswith("edit") and o.message_id == message_id
        ]

    def message(self, chat_id: ChatId, message_id: int) -> dict[str, Any] | None:
        """Return the current Message JSON, or None if it never existed or was deleted."""
        with self._state.cond:
            key = (chat_id, message_id)
            if key in self._state.deleted:
                return None
            return copy.deepcopy(self._state.messages.get(key))

    @property
    def calls(self) -> list[tuple[str, dict[str, Any]]]:
        """Return (method, params) of every authorised request, in arrival order."""
        with self._state.cond:
            return list(self._state.calls)

    def calls_of(self, method: str) -> list[dict[str, Any]]:
        """Return the params of every call to ``method``."""
        return [params for name, params in self.calls if name.lower() == method.lower()]

    @property
    def errors(self) -> list[tuple[str, str]]:
        """Return (method, description) of every error answer the fake gave."""
        with self._state.cond:
            return list(self._state.errors)

    @property
    def commands(self) -> list[dict[str, Any]]:
        """Return the command list of the last setMyCommands call."""
        with self._state.cond:
            return list(self._state.last_commands or [])

    @property
    def callback_answers(self) -> list[dict[str, Any]]:
        """Return the params of every accepted answerCallbackQuery."""
        with self._state.cond:
            return list(self._state.callback_answers)

    @property
    def messages_sent_total(self) -> int:
        """Return how many messages the bot has sent (edits not counted)."""
        with self._state.cond:
            return sum(1 for o in self._state.outputs if o.method.startswith("send"))

    def _scan(
        self, chat_id: ChatId, count: int, predicate: Predicate | None
    ) -> tuple[list[SentMessage], int]:
        start = self._state.cursors.get(chat_id, 0)
        outputs = [o for o in self._state.outputs if o.chat_id == chat_id]
        found: list[SentMessage] = []
        end = start
        for index in range(start, len(outputs)):
            if len(found) == count:
                break
            if predicate is None or predicate(outputs[index]):
                found.append(outputs[index])
                end = index + 1
        return found, end

    def _dump(self, chat_id: ChatId, count: int, found: list[SentMessage], timeout: float) -> str:
        start = self._state.cursors.get(chat_id, 0)
        fresh = [o for o in self._state.outputs if o.chat_id == chat_id][start:]
        lines = [
            f"expected {count} new bot output(s) in chat {chat_id} within {timeout} s; "
            f"{len(found)} matched, {len(fresh)} arrived:",
            *(f"  {o.short()}" for o in fresh),
        ]
        others = sorted({str(o.chat_id) for o in self._state.outputs if o.chat_id != chat_id})
        if others:
            lines.append(f"outputs went to other chats too: {', '.join(others)}")
        return "\n".join([*lines, self._tail()])

    def _tail(self) -> str:
        calls = [name for name, _ in self._state.calls if name != "getUpdates"][-12:]
        errors = [f"  {name}: {text}" for name, text in self._state.errors[-8:]]
        polls = sum(1 for name, _ in self._state.calls if name == "getUpdates")
        return "\n".join(
            [
                f"recent calls (besides {polls} getUpdates): {calls or 'none'}",
                f"pending updates: {self._state.updates.pending_count()}",
                "error answers:" if errors else "error answers: none",
                *errors,
            ]
        )


def _refuse_inside_event_loop() -> None:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return
    raise RuntimeError("blocking wait inside a running event loop; use `await tg.await_for(...)`")
