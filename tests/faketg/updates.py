"""The getUpdates queue with Telegram's offset, limit and allowed_updates semantics."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

# Telegram leaves these out unless they are asked for by name.
_OPT_IN_TYPES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass(slots=True)
class _Pending:
    update: dict[str, Any]
    redelivered: bool = False
    handed_out: bool = False


def update_type(update: dict[str, Any]) -> str:
    """Return the kind of an update, e.g. ``"message"`` or ``"callback_query"``."""
    return next((key for key in update if key != "update_id"), "unknown")


class UpdateQueue:
    """Updates kept until a later offset confirms them; callers hold the state lock."""

    def __init__(self) -> None:
        self._pending: dict[int, _Pending] = {}
        self._history: dict[int, dict[str, Any]] = {}
        self._last_id = 0
        self._allowed: frozenset[str] | None = None

    @property
    def last_id(self) -> int:
        """Return the highest update_id assigned so far."""
        return self._last_id

    def push(self, update: dict[str, Any]) -> int:
        """Queue ``update``, assigning the next update_id unless it carries a higher one."""
        update = copy.deepcopy(update)
        given = update.get("update_id")
        if given is None or given <= self._last_id:
            update["update_id"] = self._last_id + 1
        self._last_id = update["update_id"]
        self._history[self._last_id] = update
        self._pending[self._last_id] = _Pending(update)
        return self._last_id

    def redeliver(self, update_id: int) -> None:
        """Queue a seen update again under the same id, as Telegram does after a lost confirm."""
        if update_id not in self._history:
            raise KeyError(f"no update with update_id={update_id} was ever queued")
        self._pending[update_id] = _Pending(self._history[update_id], redelivered=True)

    def drop_all(self) -> None:
        """Forget every pending update (deleteWebhook with drop_pending_updates)."""
        self._pending.clear()

    def confirm(self, offset: int) -> None:
        """Forget updates below a positive offset, or all but the last -offset ones."""
        if offset > 0:
            for update_id, item in list(self._pending.items()):
                # A redelivered update survives the offset that was sent before it reappeared.
                if update_id < offset and not (item.redelivered and not item.handed_out):
                    del self._pending[update_id]
        elif offset < 0:
            for update_id in sorted(self._pending)[:offset]:
                del self._pending[update_id]

    def set_allowed(self, allowed: list[str] | None) -> None:
        """Remember allowed_updates: None keeps the last setting, [] restores the default."""
        if allowed is not None:
            self._allowed = frozenset(allowed) if allowed else None

    def batch(self, limit: int) -> list[dict[str, Any]]:
        """Return up to ``limit`` deliverable updates in id order, dropping unwanted kinds."""
        ready: list[dict[str, Any]] = []
        for update_id in sorted(self._pending):
            item = self._pending[update_id]
            if not self._wanted(update_type(item.update)):
                del self._pending[update_id]
                continue
            if len(ready) < limit:
                item.handed_out = True
                ready.append(copy.deepcopy(item.update))
        return ready

    def pending_count(self) -> int:
        """Return how many updates are queued and not yet confirmed."""
        return len(self._pending)

    def unseen_count(self) -> int:
        """Return how many queued updates no getUpdates call has returned yet."""
        return sum(1 for item in self._pending.values() if not item.handed_out)

    def _wanted(self, kind: str) -> bool:
        if self._allowed is None:
            return kind not in _OPT_IN_TYPES
        return kind in self._allowed
