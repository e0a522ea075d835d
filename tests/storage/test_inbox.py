"""The inbox's storage: written once per update, pending until done, pruned when old."""

from __future__ import annotations

import datetime as dtm

from storage import inbox
from storage.db import Database
from tests.pg_support import both_backends

pytestmark = both_backends

NOW = dtm.datetime(2026, 12, 1, 8, 0, tzinfo=dtm.UTC)


def _update(update_id: int, text: str = "bench 80x5") -> dict[str, object]:
    return {"update_id": update_id, "message": {"message_id": update_id, "text": text}}


async def _run(db: Database, fn, *args):  # type: ignore[no-untyped-def]
    return await db.run(fn, *args, now=NOW)


async def test_an_update_is_pending_until_done_and_kept_as_received(db_url: str) -> None:
    """Pending ones come back oldest first, exactly as Telegram sent them, text included."""
    db = Database(db_url)
    try:
        await _run(db, inbox.record, [_update(7, "squat 5x5 @ 100 ‹kg›"), _update(5)], NOW)
        assert await _run(db, inbox.pending) == [_update(5), _update(7, "squat 5x5 @ 100 ‹kg›")]
        await _run(db, inbox.mark_done, [5], NOW)
        assert await _run(db, inbox.pending) == [_update(7, "squat 5x5 @ 100 ‹kg›")]
    finally:
        await db.dispose()


async def test_a_copy_is_not_written_again_and_one_done_is_reported(db_url: str) -> None:
    """Recording a batch again keeps one row each and names the ids already done."""
    db = Database(db_url)
    try:
        await _run(db, inbox.record, [_update(1), _update(2)], NOW)
        await _run(db, inbox.mark_done, [1], NOW)
        assert await _run(db, inbox.record, [_update(1), _update(2), _update(3)], NOW) == {1}
        assert [u["update_id"] for u in await _run(db, inbox.pending)] == [2, 3]
    finally:
        await db.dispose()


async def test_prune_forgets_only_what_was_done_before_the_cut(db_url: str) -> None:
    """Old done updates go; recent ones and pending ones stay."""
    db = Database(db_url)
    try:
        await _run(db, inbox.record, [_update(1), _update(2), _update(3)], NOW)
        await _run(db, inbox.mark_done, [1], NOW - dtm.timedelta(days=8))
        await _run(db, inbox.mark_done, [2], NOW)
        assert await _run(db, inbox.prune, NOW - dtm.timedelta(days=7)) == 1
        assert await _run(db, inbox.record, [_update(2)], NOW) == {2}
        assert [u["update_id"] for u in await _run(db, inbox.pending)] == [3]
    finally:
        await db.dispose()


async def test_a_batch_above_the_highest_id_is_written_without_a_lookup(db_url: str) -> None:
    """Given the highest id so far, newer updates go straight in; older ones are looked up."""
    db = Database(db_url)
    try:
        await _run(db, inbox.record, [_update(1), _update(2)], NOW)
        await _run(db, inbox.mark_done, [2], NOW)
        assert await _run(db, inbox.highest_id) == 2
        assert await _run(db, inbox.record, [_update(3)], NOW, 2) == set()
        assert await _run(db, inbox.record, [_update(2), _update(4)], NOW, 3) == {2}
        assert [u["update_id"] for u in await _run(db, inbox.pending)] == [1, 3, 4]
    finally:
        await db.dispose()
