"""Log-entry ids handed out before the insert, never reused.

A set log is acknowledged before its entry is written, and the acknowledgement's buttons
(Undo, Same again, Edit) name the entry, so its id must be known first. Every entry takes
its id from here; the highest id handed out is kept in ``id_marks`` in the same transaction
as the entry, so an id removed by Undo is never given to a new entry, even after a restart
(an old message's Undo button then finds nothing instead of a newer set).

One process owns the database, so one allocator per database (a SQLite file, or a
server's database) holds the counter.
"""

from __future__ import annotations

import os
import threading

from sqlalchemy import URL, Connection, TextClause, make_url, text

# SQLite's two-argument max() is GREATEST() elsewhere (PostgreSQL), whose ON CONFLICT also
# wants the existing row's column qualified (an unqualified one could be excluded's).
_MARK = {
    "sqlite": text(
        "INSERT INTO id_marks (name, value) VALUES ('log_entries', :id) "
        "ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)"
    ),
    "standard": text(
        "INSERT INTO id_marks (name, value) VALUES ('log_entries', :id) "
        "ON CONFLICT (name) DO UPDATE SET value = greatest(id_marks.value, excluded.value)"
    ),
}
_HIGHEST = {
    "sqlite": text(
        "SELECT max(coalesce((SELECT value FROM id_marks WHERE name = 'log_entries'), 0), "
        "coalesce((SELECT max(id) FROM log_entries), 0))"
    ),
    "standard": text(
        "SELECT greatest(coalesce((SELECT value FROM id_marks WHERE name = 'log_entries'), 0), "
        "coalesce((SELECT max(id) FROM log_entries), 0))"
    ),
}


class EntryIds:
    """The counter of one database's log-entry ids; safe to use from any thread."""

    def __init__(self) -> None:
        self._last: int | None = None
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        """Whether ids can be handed out without reading the database."""
        return self._last is not None

    def take(self) -> int:
        """A new id; only once ``ready``."""
        with self._lock:
            if self._last is None:
                raise RuntimeError("entry ids are not loaded yet")
            self._last += 1
            return self._last

    def take_in(self, conn: Connection) -> int:
        """A new id, reading the highest one so far first if this process has not yet."""
        if self._last is None:
            highest = int(conn.execute(_for(_HIGHEST, conn)).scalar_one())
            with self._lock:
                self._last = max(self._last or 0, highest)
        return self.take()


_ALLOCATORS: dict[str, EntryIds] = {}
_REGISTRY_LOCK = threading.Lock()


def entry_ids(database: str | None) -> EntryIds:
    """The allocator of a database file (as named in its URL); shared by all its engines."""
    key = os.path.abspath(database) if database and database != ":memory:" else ":memory:"
    with _REGISTRY_LOCK:
        return _ALLOCATORS.setdefault(key, EntryIds())


def entry_ids_for(url: URL | str) -> EntryIds:
    """The allocator of the database at ``url``, whichever driver the URL names: a SQLite
    file by its path, a server's database by host, port and name."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return entry_ids(parsed.database)
    where = parsed.set(drivername=parsed.get_backend_name(), username=None, password=None)
    with _REGISTRY_LOCK:
        return _ALLOCATORS.setdefault(where.render_as_string(), EntryIds())


def _for(statements: dict[str, TextClause], conn: Connection) -> TextClause:
    return statements.get(conn.dialect.name, statements["standard"])


def mark(conn: Connection, entry_id: int) -> None:
    """Record that ``entry_id`` was used, in the transaction that inserts it."""
    conn.execute(_for(_MARK, conn), {"id": entry_id})
