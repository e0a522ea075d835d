"""Telegram groups linked to teams: linking, following a supergroup, the bot removed."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.access import Access, NotAllowedError
from bot.services.core import Core
from bot.services.teams import NO_SUCH_TEAM, clean_name
from storage import team_links
from storage import teams as repo

COACHES_LINK = "Only a team's coach can link this group to it."
OTHER_COACH = "This group is linked to another coach's team already."


@dataclass(frozen=True, slots=True)
class GroupLink:
    """A group's link to a team, and whose team it is."""

    team: str
    coach_id: int
    title: str


class GroupService:
    """Which group belongs to which team."""

    def __init__(self, core: Core, access: Access) -> None:
        self._core = core
        self._access = access

    async def link(
        self, update_id: int, coach_id: int, chat_id: int, title: str, name: str
    ) -> GroupLink:
        """Link the group to the coach's team of this name (a group has one team)."""
        actor = await self._access.actor(coach_id)
        if not actor.is_coach:
            raise NotAllowedError(COACHES_LINK)
        name = clean_name(name)
        async with self._core.once(update_id, coach_id, "team-link") as session:
            team = await repo.team_by_name(session, coach_id=coach_id, name=name)
            if team is None or team.id is None:
                raise NotAllowedError(NO_SUCH_TEAM.format(name=name))
            current = await team_links.chat_link(session, chat_id)
            if current is not None and current.active:
                linked = await repo.get_team(session, current.team_id)
                if linked is not None and linked.coach_id != coach_id:
                    raise NotAllowedError(OTHER_COACH)
            await team_links.link_chat(
                session, team_id=team.id, chat_id=chat_id, title=title, coach_id=coach_id,
                now=self._core.clock(),
            )  # fmt: skip
            return GroupLink(team.name, coach_id, title)

    async def migrate(self, old_id: int, new_id: int) -> bool:
        """The group became a supergroup: its link follows the new chat id."""
        async with self._core.once(None, None, "team-chat-migrate") as session:
            return await team_links.move_chat(session, old_id=old_id, new_id=new_id) is not None

    async def bot_removed(self, chat_id: int) -> GroupLink | None:
        """The bot left or was removed: the group's link is off (None: it had none)."""
        async with self._core.once(None, None, "team-chat-removed") as session:
            row = await team_links.deactivate_chat(session, chat_id)
            if row is None:
                return None
            team = await repo.get_team(session, row.team_id)
            if team is None:
                return None
            return GroupLink(team.name, team.coach_id, row.title)
