"""FakeTelegram: a loopback Bot API server plus the user side that drives it."""

from __future__ import annotations

import threading
from typing import Any, Self

from tests.faketg.observe import Observer
from tests.faketg.records import Fault
from tests.faketg.server import FakeServer
from tests.faketg.state import State
from tests.faketg.users import UserSide

DEFAULT_TOKEN = "123456:TEST-abcdefghijklmnopqrstuvwxyz"


class FakeTelegram(UserSide, Observer):
    """Fake Bot API on 127.0.0.1; use as ``with FakeTelegram() as tg:``."""

    def __init__(
        self, token: str = DEFAULT_TOKEN, *, bot_username: str = "spotter_test_bot"
    ) -> None:
        bot_id = token.split(":", 1)[0]
        bot_user = {
            "id": int(bot_id) if bot_id.isdigit() else 123456,
            "is_bot": True,
            "first_name": "Spotter",
            "username": bot_username,
        }
        self._state = State(token, bot_user)
        self._server: FakeServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> Self:
        """Start serving on an OS-assigned loopback port."""
        self._state.stopping = False
        self._server = FakeServer(self._state)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving: wake long polls, cut connections, join the server thread."""
        if self._server is None:
            return
        with self._state.cond:
            self._state.stopping = True
            self._state.cond.notify_all()
        self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def api_root(self) -> str:
        """Return ``http://127.0.0.1:PORT``."""
        if self._server is None:
            raise RuntimeError("FakeTelegram is not running")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        """Return the ``base_url`` to give a PTB Bot."""
        return f"{self.api_root}/bot"

    @property
    def base_file_url(self) -> str:
        """Return the ``base_file_url`` to give a PTB Bot."""
        return f"{self.api_root}/file/bot"

    @property
    def token(self) -> str:
        """Return the only token the fake accepts."""
        return self._state.token

    @property
    def bot_user(self) -> dict[str, Any]:
        """Return the bot's User JSON (what getMe answers)."""
        return dict(self._state.bot_user)

    # -- faults ----------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int = 1,
        count: int = 1,
        description: str | None = None,
    ) -> None:
        """Answer the next ``count`` calls of ``method`` with an error and no side effects."""
        self._arm(Fault(method, "fail", status, retry_after, description), count)

    def drop_next(self, method: str, count: int = 1) -> None:
        """Close the connection of the next ``count`` calls of ``method`` without running them."""
        self._arm(Fault(method, "drop"), count)

    def lose_response_next(self, method: str, count: int = 1) -> None:
        """Run the next ``count`` calls of ``method`` (side effects included), then hang up."""
        self._arm(Fault(method, "lose"), count)

    def _arm(self, fault: Fault, count: int) -> None:
        with self._state.cond:
            self._state.faults.extend([fault] * count)
