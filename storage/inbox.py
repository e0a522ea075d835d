"""The durable inbox: updates written down when they arrive, marked done once handled.

Telegram counts an update as delivered as soon as the next ``getUpdates`` confirms it, which
PTB does before the update is handled. So every update is written here first, in one short
transaction per batch, and marked done after its handler finished. A crash (even kill -9)
between the two leaves it not done, and the next start handles it then. Whatever an update
changes is recorded in ``processed_updates`` in the same transaction as the change, so an
update handled again never applies its effect twice.

These functions take a synchronous connection and run inside ``Database.run``.
"""

from __future__ import annotations

import datetime as dtm
import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from storage.tables import InboxUpdate

_INBOX = InboxUpdate.__table__
_INSERT = insert(_INBOX)
_EXISTING = select(_INBOX.c.update_id, _INBOX.c.done_at).where(
    _INBOX.c.update_id.in_(bindparam("ids", expanding=True))
)
_DONE = (
    update(_INBOX)
    .where(_INBOX.c.update_id.in_(bindparam("ids", expanding=True)))
    .where(_INBOX.c.done_at.is_(None))
    .values(done_at=bindparam("now"))
)
_PENDING = select(_INBOX.c.payload).where(_INBOX.c.done_at.is_(None)).order_by(_INBOX.c.update_id)


def record(
    conn: Connection,
    updates: Sequence[dict[str, Any]],
    now: dtm.datetime,
    newer_than: int | None = None,
    done: Iterable[int] = (),
) -> set[int]:
    """Write down the updates not seen before; return the ids that were already done.

    With ``newer_than`` (the highest id already written), a batch wholly above it is new
    without asking the database: Telegram's update ids only grow. ``done`` are updates
    handled meanwhile, marked in the same transaction (one commit a poll, not two).
    """
    mark_done(conn, done, now)
    ids = [int(raw["update_id"]) for raw in updates]
    fresh_only = newer_than is not None and min(ids) > newer_than
    seen = (
        {}
        if fresh_only
        else {row.update_id: row.done_at for row in conn.execute(_EXISTING, {"ids": ids})}
    )
    fresh = [
        {
            "update_id": int(raw["update_id"]),
            "payload": json.dumps(raw, ensure_ascii=False, separators=(",", ":")),
            "received_at": now,
            "done_at": None,
        }
        for raw in updates
        if int(raw["update_id"]) not in seen
    ]
    if fresh:
        conn.execute(_INSERT, fresh)
    return {update_id for update_id, done_at in seen.items() if done_at is not None}


def mark_done(conn: Connection, update_ids: Iterable[int], now: dtm.datetime) -> None:
    """Mark handled updates done."""
    ids = list(update_ids)
    if ids:
        conn.execute(_DONE, {"ids": ids, "now": now})


def highest_id(conn: Connection) -> int:
    """The highest update id written down so far (0 for none)."""
    return conn.execute(select(func.coalesce(func.max(_INBOX.c.update_id), 0))).scalar_one()


def pending(conn: Connection) -> list[dict[str, Any]]:
    """Updates received but not done, oldest first, as Telegram sent them."""
    return [json.loads(payload) for (payload,) in conn.execute(_PENDING)]


def prune(conn: Connection, before: dtm.datetime) -> int:
    """Forget updates done before ``before``; returns how many."""
    result = conn.execute(
        delete(_INBOX).where(_INBOX.c.done_at.is_not(None)).where(_INBOX.c.done_at < before)
    )
    return result.rowcount or 0


class DirectInbox:
    """The inbox writes of a SQLite file made on the caller's thread, in plain sqlite3.

    A batch of updates is a few hundred bytes: written here it costs tens of microseconds,
    while a hop to the database thread and SQLAlchemy's machinery cost several times that on
    the reply path. It never waits for a lock: when another write holds the file, ``record``
    answers None and the caller takes the ordinary path (``Database.run``).
    """

    def __init__(self, path: str) -> None:
        self._conn = sqlite3.connect(path, timeout=0, isolation_level=None)
        self._conn.execute("PRAGMA synchronous=NORMAL")
        # Checkpoints are left to the database thread's connections: one can take milliseconds.
        self._conn.execute("PRAGMA wal_autocheckpoint=0")

    def record(
        self, updates: Sequence[dict[str, Any]], now: dtm.datetime, done: Iterable[int] = ()
    ) -> bool:
        """Write new updates (ids above all written) and done marks; False when busy."""
        stamp = now.astimezone(dtm.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy does
        rows = [
            (int(raw["update_id"]), json.dumps(raw, ensure_ascii=False, separators=(",", ":")),
             stamp)
            for raw in updates
        ]  # fmt: skip
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return False  # another write holds the file
        try:
            self._conn.executemany(
                "INSERT INTO inbox (update_id, payload, received_at) VALUES (?, ?, ?)", rows
            )
            ids = [(stamp, update_id) for update_id in done]
            self._conn.executemany(
                "UPDATE inbox SET done_at = ? WHERE update_id = ? AND done_at IS NULL", ids
            )
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        return True

    def close(self) -> None:
        self._conn.close()
