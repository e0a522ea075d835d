"""Exactly once, for every scheduled message: who is due, claiming, releasing, refusals.

Each kind of message (morning session, deload reminder, weekly summary) says when a user is
due (engine.schedule_due: a pure function of now, their settings and the delivery log) and
what to send. A delivery is claimed by writing its row (user, kind, local date or week's
Monday) in the same transaction that decides to send it, before anything is sent: a restart
rebuilds everything from the database and never sends it again. A transient failure
releases the claim, so the next pass retries while the window is open; a refusal keeps it,
and a user who blocked the bot is left out of every pass until they write again.
"""

from __future__ import annotations

import datetime as dtm
import logging
import zlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.services.core import Core
from bot.services.voice import MARK, Coached
from engine.schedule import Slot
from engine.schedule_due import DayLog, Reminders, days_of
from prompts.facts import Facts
from storage import deliveries as repo
from storage.deliveries import Recipient

log = logging.getLogger(__name__)
Buttons = tuple[tuple[tuple[str, str], ...], ...]  # rows of (label, callback data)
Claim = tuple[str, dtm.date]  # (kind, key)
# Each kind's name as people read it: its job's name (/status) and what onboarding promises.
KIND_NAMES = {
    "morning": "morning",
    "deload_eve": "deload reminder",
    "weekly": "weekly summary",
    "coach_digest": "coach digest",
}


@dataclass(frozen=True, slots=True)
class Draft:
    """What a kind would send; ``extras`` are notes sent only if their own claim succeeds."""

    text: str | None  # None: nothing to say, but the delivery is claimed all the same
    extras: tuple[tuple[str, dtm.date, str], ...] = ()  # (kind, key, note)
    buttons: Buttons = ()
    photo: bytes | None = None
    caption: str | None = None
    coached: Coached | None = None  # its coaching line, ending ``text``


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A claimed delivery: what to send (text None: nothing) and the claims it holds."""

    user_id: int
    kind: str
    text: str | None
    claims: tuple[Claim, ...]
    buttons: Buttons = ()
    photo: bytes | None = None
    caption: str | None = None
    coached: Coached | None = None
    key: dtm.date | None = None  # the key of its own claim


@dataclass(frozen=True, slots=True)
class Due:
    """A user whose delivery of a kind is due now."""

    recipient: Recipient
    slot: Slot


class Kind(Protocol):
    """One kind of scheduled message."""

    name: str
    kinds: tuple[str, ...]  # every delivery kind it claims (its own first)

    async def slot(self, now: dtm.datetime, user: Recipient, log: DayLog) -> Slot | None:
        """The slot due now, or None."""
        ...

    async def compose(self, user: Recipient, slot: Slot) -> Draft:
        """What to send for a due slot."""
        ...


@dataclass(frozen=True, slots=True)
class Upcoming:
    """The next deliveries of one kind: the first, and how many fall within the horizon."""

    kind: str
    first: dtm.datetime
    count: int


def coached(facts: Facts, phrasings: tuple[str, ...]) -> Coached:
    """A scheduled message's coaching line: one of its kind's phrasings, picked from the facts
    (the same facts, the same line), until the model's sentence replaces it."""
    pick = phrasings[zlib.crc32(facts.render().encode()) % len(phrasings)]
    return Coached(facts, f"{MARK}{pick}")


def reminders_of(user: Recipient) -> Reminders:
    """The engine's view of a user's reminder settings."""
    return Reminders(user.hour, days_of(user.days), user.morning, user.rest_note, user.weekly)


def zone_of(user: Recipient) -> ZoneInfo:
    """The user's timezone."""
    return ZoneInfo(user.timezone)


@dataclass
class DeliveryService:
    """Find due deliveries of each kind, claim them once, release or refuse them."""

    core: Core
    kinds: dict[str, Kind] = field(default_factory=dict)
    _inactive: set[int] | None = None  # users who refused; loaded on first use

    def add(self, kind: Kind) -> None:
        """Register a kind of message."""
        self.kinds[kind.name] = kind

    async def due(self, name: str) -> list[Due]:
        """Every user whose delivery of this kind is due now and not claimed yet."""
        kind, now = self.kinds[name], self.core.clock()
        async with self.core.db.read() as session:
            users = await repo.recipients(session)
            maybe = [(u, s) for u in users if (s := await kind.slot(now, u, ())) is not None]
            done = await repo.delivered(
                session, kind.kinds, [(u.user_id, s.key) for u, s in maybe]
            )
        claimed: defaultdict[int, set[Claim]] = defaultdict(set)
        for user_id, done_kind, key in done:
            claimed[user_id].add((done_kind, key))
        found = []
        for user, slot in maybe:
            mine = claimed.get(user.user_id)
            final = await kind.slot(now, user, mine) if mine else slot
            if final is not None:
                found.append(Due(user, final))
        return found

    async def upcoming(self, horizon: dtm.timedelta = dtm.timedelta(days=1)) -> list[Upcoming]:
        """Per kind that can tell: its next delivery and how many come within ``horizon``."""
        now = self.core.clock()
        async with self.core.db.read() as session:
            users = await repo.recipients(session)
        inactive = await self._inactive_users()
        found = []
        for name, kind in self.kinds.items():
            next_at = getattr(kind, "next_at", None)
            if next_at is None:
                continue
            times = [
                t for u in users if u.user_id not in inactive and (t := await next_at(now, u))
            ]
            if times:
                soon = sum(1 for t in times if t < now + horizon)
                found.append(Upcoming(name, min(times), soon))
        return sorted(found, key=lambda u: u.first)

    async def claim(self, name: str, due: Due) -> Outgoing | None:
        """Compose, then claim the delivery (and its extras); None when claimed before."""
        kind, user = self.kinds[name], due.recipient
        draft = await kind.compose(user, due.slot)
        now = self.core.clock()
        async with self.core.db.write(now=now) as session:
            claims: list[Claim] = [(name, due.slot.key)]
            if not await repo.claim(
                session, user_id=user.user_id, kind=name, key=due.slot.key, now=now
            ):
                return None
            notes = []
            for extra, key, note in draft.extras:
                if await repo.claim(session, user_id=user.user_id, kind=extra, key=key, now=now):
                    notes.append(note)
                    claims.append((extra, key))
        coached = draft.coached
        if coached is not None and notes and draft.text:  # the coaching line stays last
            body = draft.text.removesuffix(coached.template).rstrip()
            text = "\n\n".join((body, *notes, coached.template))
        else:
            text = "\n\n".join(p for p in (draft.text, *notes) if p) or None
        out = Outgoing(user.user_id, name, text, tuple(claims), draft.buttons)
        return replace(
            out, photo=draft.photo, caption=draft.caption, coached=coached, key=due.slot.key
        )

    async def release(self, out: Outgoing) -> None:
        """Delete a delivery's claims so that the next pass tries again."""
        async with self.core.db.write(now=self.core.clock()) as session:
            for kind, key in out.claims:
                await repo.release(session, user_id=out.user_id, kind=kind, key=key)

    async def refused(self, user_id: int) -> None:
        """Telegram refused (the user blocked the bot): skip them until they write again."""
        async with self.core.db.write(now=self.core.clock()) as session:
            await repo.set_active(session, user_id, active=False)
        (await self._inactive_users()).add(user_id)
        log.info("user marked inactive user_id=%s", user_id)

    async def returned(self, user_id: int) -> bool:
        """A user wrote: reachable again if they had refused. True when they had."""
        inactive = await self._inactive_users()
        if user_id not in inactive:
            return False
        async with self.core.db.write(now=self.core.clock()) as session:
            await repo.set_active(session, user_id, active=True)
        inactive.discard(user_id)
        log.info("user active again user_id=%s", user_id)
        return True

    async def _inactive_users(self) -> set[int]:
        if self._inactive is None:
            async with self.core.db.read() as session:
                self._inactive = await repo.inactive_users(session)
        return self._inactive
