"""The coaching voice: a template line at once, the model's sentence later as an edit.

A message goes out complete with its template line. When the voice is on, the model is asked
in the background; a sentence that arrives within SPOTTER_OLLAMA_TIMEOUT_S and passes the
guardrails replaces the template line by an edit. Anything else is dropped silently, so
nothing the user waits for ever waits for the model.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass

from bot.services.core import Core
from prompts.client import ClientConfig, VoiceClient
from prompts.facts import Facts
from prompts.guard import check
from prompts.phrasing import template_line
from prompts.render import Persona, build_messages, system_prompt

log = logging.getLogger(__name__)
MARK = "💬 "
Edit = Callable[[str], Awaitable[object]]
LOAD_FACTOR = 6  # a cold load may take this many times the sentence's budget
TEXT_LIMIT = 4096  # Telegram's longest message


@dataclass(frozen=True, slots=True)
class Coached:
    """A message's coaching line: the facts it speaks of and the template shown first."""

    facts: Facts
    template: str  # with its mark, e.g. "💬 Solid work today."
    persona: Persona = Persona.CALM
    note: str | None = None  # the athlete's own words, quoted as data


def swap_line(shown: str, template: str, line: str) -> str | None:
    """The shown text with its template line (at the end) replaced; None when the line is not
    there or the text would pass Telegram's limit (UTF-16 units)."""
    if not shown.endswith(template):
        return None
    text = shown[: len(shown) - len(template)] + line
    return text if len(text.encode("utf-16-le")) // 2 <= TEXT_LIMIT else None


class VoiceService:
    """Coaching lines for every message that has one (handlers and jobs call this)."""

    def __init__(self, core: Core) -> None:
        self._settings = core.settings
        self._client: VoiceClient | None = None
        self._tasks: set[asyncio.Task[object]] = set()

    @property
    def enabled(self) -> bool:
        return self._settings.voice

    @property
    def state(self) -> str:
        """'off', 'not asked yet', 'ready', 'paused' or 'model missing'."""
        if not self.enabled:
            return "off"
        return "not asked yet" if self._client is None else self._client.state

    def coach(
        self, facts: Facts, persona: Persona = Persona.CALM, note: str | None = None
    ) -> Coached:
        """The coaching line to show at once for these facts."""
        return Coached(facts, f"{MARK}{template_line(facts)}", persona, note)

    def follow_up(self, coached: Coached, shown: str, edit: Edit) -> None:
        """Ask the model in the background; ``edit(text)`` runs only for an accepted line."""
        if self.enabled:
            self._spawn(self._follow_up(coached, shown, edit))

    def start(self) -> None:
        """Warm the model up in the background at start (nothing waits for it)."""
        if self.enabled:
            self._spawn(self.warm_up())

    def _spawn(self, work: Coroutine[object, object, object]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _follow_up(self, coached: Coached, shown: str, edit: Edit) -> None:
        line = await self.line(coached)
        text = swap_line(shown, coached.template, f"{MARK}{line}") if line else None
        if text is None:
            return
        try:
            await edit(text)
        except Exception as exc:  # the message stands as sent; the edit was a bonus
            log.warning("voice edit not made: %s", type(exc).__name__)

    async def line(self, coached: Coached) -> str | None:
        """The model's sentence for these facts if it comes in time and passes every check."""
        generation = await self._voice().chat(
            build_messages(coached.facts, coached.persona, coached.note)
        )
        if generation is None:
            return None
        system = system_prompt(coached.persona)
        verdict = check(generation.text, coached.facts, system, generation.done_reason)
        topic = coached.facts.topic
        if verdict.text is None:
            log.info("voice line rejected reason=%s topic=%s", verdict.reason, topic)
            log.debug("voice line rejected text=%r", generation.text)
            return None
        log.info(
            "voice line accepted topic=%s seconds=%.1f tokens=%d load_s=%.1f",
            topic, generation.seconds, generation.tokens, generation.load_s,
        )  # fmt: skip
        return verdict.text

    async def warm_up(self) -> None:
        """Load the model, so the first sentence is not the slow one."""
        if self.enabled:
            await self._voice().warm_up()

    async def settled(self) -> None:
        """Wait for every sentence being asked for (tests and shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self) -> None:
        """Drop the sentences still coming and close the client."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)
        if self._client is not None:
            await self._client.close()
            self._client = None

    def _voice(self) -> VoiceClient:
        """The one client, made inside the running loop on first use."""
        if self._client is None:
            settings = self._settings
            self._client = VoiceClient(
                ClientConfig(
                    settings.ollama_host,
                    settings.ollama_model,
                    timeout_s=settings.ollama_timeout_s,
                    load_timeout_s=settings.ollama_timeout_s * LOAD_FACTOR,
                )
            )
        return self._client
