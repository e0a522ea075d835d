"""A FIT upload through the real bot process: summary, chart, rows and the kept original."""

from __future__ import annotations

import gzip
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bot.upload_support import run_at
from tests.e2e.botproc import BotProcess
from tests.e2e.e2e_support import ANN, onboard
from tests.faketg import FakeTelegram

pytestmark = pytest.mark.e2e


@pytest.fixture
def bot(tg: FakeTelegram, tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(tg, tmp_path, log_level="INFO", workers=1)  # the real worker path
    process.start()
    yield process
    process.kill()


def test_upload_in_the_bot_process(bot: BotProcess, tg: FakeTelegram) -> None:
    """`python -m bot run` analyses a .fit document, stores it once and sends the chart."""
    onboard(tg)
    data = run_at()
    tg.send_document(ANN, "run.fit", data)
    status, summary, photo = tg.wait_for(ANN, count=3, timeout=30)
    assert status.text.startswith("Analysing")
    assert summary.text.startswith("🏃 Run · Thu 1 Oct 08:00")
    assert photo.photo is not None
    assert photo.photo.startswith(b"\x89PNG")
    with sqlite3.connect(bot.database) as conn:
        (stored_path,) = conn.execute("SELECT stored_path FROM uploaded_files").fetchone()
        assert conn.execute("SELECT sport FROM activities").fetchall() == [("running",)]
    assert gzip.decompress((bot.data_dir / stored_path).read_bytes()) == data
    assert bot.stop() == 0
