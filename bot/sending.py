"""Bot API calls that survive ordinary network faults, without telling the user wrong things.

A call Telegram answered with a 5xx, or one whose connection could not be opened, did not
happen: it is sent again (all methods). A call whose connection dropped after it was sent
may or may not have happened. Then only calls that post something new (a message, a photo,
a document), once, or only read are sent again: the user may, rarely, see an acknowledgement twice,
which says the same thing twice, while silence would invite them to send a stored set again.
Edits and button answers are not repeated (a repeat would fail as "not modified" or "query
too old"); losing one loses no data. Every fault is one WARNING line, never a traceback.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

import httpx
from telegram.error import NetworkError
from telegram.request import BaseRequest, RequestData

log = logging.getLogger(__name__)
RESENDABLE = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "sendChatAction"}  # post something new
    | {"getMe", "getFile", "getUpdates"}  # read only
)


def _not_sent(exc: NetworkError) -> bool:
    """Whether the call surely never reached Telegram."""
    return isinstance(exc.__cause__, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


class WrappedRequest(BaseRequest):
    """A Bot API connection around another one; subclasses add to ``do_request``."""

    def __init__(self, inner: BaseRequest) -> None:
        self._inner = inner

    @property
    def read_timeout(self) -> float | None:
        return self._inner.read_timeout

    async def initialize(self) -> None:
        await self._inner.initialize()

    async def shutdown(self) -> None:
        await self._inner.shutdown()

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **timeouts: Any
    ) -> tuple[int, bytes]:
        return await self._inner.do_request(url, method, request_data, **timeouts)


class RetryingRequest(WrappedRequest):
    """Wraps the Bot API connection; retries what can safely be retried (module doc)."""

    def __init__(self, inner: BaseRequest, backoff_s: Sequence[float] = (0.1, 0.4, 1.0)) -> None:
        super().__init__(inner)
        self._backoff_s = tuple(backoff_s)

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **timeouts: Any
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        unknown = 0  # calls that may have reached Telegram: at most one is repeated
        for pause_s in (*self._backoff_s, None):
            try:
                status, payload = await self._inner.do_request(
                    url, method, request_data, **timeouts
                )
            except NetworkError as exc:
                if not _not_sent(exc):
                    unknown += 1
                    once_more = api_method == "getUpdates" or unknown == 1
                    if api_method not in RESENDABLE or not once_more:
                        raise
                if pause_s is None:
                    raise
                log.warning("Bot API call failed, sending again method=%s error=%s",
                            api_method, exc)  # fmt: skip
            else:
                if status < 500 or pause_s is None:
                    return status, payload
                log.warning("Bot API answered %s, sending again method=%s", status, api_method)
            await asyncio.sleep(pause_s)
        raise AssertionError("unreachable")  # pragma: no cover
