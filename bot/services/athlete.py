"""The athlete's heart-rate profile: what /hr shows and changes, and what FIT analysis uses.

Until the user gives a birth year, zones assume a ``DEFAULT_AGE``-year-old (HRmax by HUNT,
211 − 0.64·age) and, without a sex, the male TRIMP weighting; replies say so once.
"""

from __future__ import annotations

import datetime as dtm
from dataclasses import dataclass

from bot.services.core import Core
from engine.errors import EngineError
from engine.hr import AthleteProfile, ProfileError, ZoneMethod, zone_floors
from storage import activities as repo
from storage import users
from storage.tables import User

DEFAULT_AGE = 35
DEFAULT_SEX = "m"
NOT_STARTED = "Send /start first, so I know who you are."
FIELDS = ("born", "sex", "max", "rest", "zones")
_CLEAR = ("auto", "off", "clear", "none", "-")
_ALIASES = {
    "born": "born",
    "birth": "born",
    "year": "born",
    "birthyear": "born",
    "age": "age",
    "max": "max",
    "maxhr": "max",
    "rest": "rest",
    "resting": "rest",
    "resthr": "rest",
    "sex": "sex",
    "gender": "sex",
    "zones": "zones",
    "zone": "zones",
    "method": "zones",
}
_SEXES = {"m": "m", "male": "m", "man": "m", "f": "f", "female": "f", "woman": "f"}
_METHODS = {"hrmax": "hrmax", "max": "hrmax", "%max": "hrmax", "karvonen": "karvonen"}
_METHODS |= {"hrr": "karvonen", "reserve": "karvonen"}


class HrInputError(EngineError):
    """A typed heart-rate setting could not be understood or is impossible."""


@dataclass(frozen=True, slots=True)
class HeartProfile:
    """The stored settings, and the profile the HR maths uses (defaults filled in)."""

    birth_year: int | None
    sex: str | None
    max_hr: int | None
    rest_hr: int | None
    zone_method: ZoneMethod
    athlete: AthleteProfile

    @property
    def defaulted(self) -> bool:
        """Whether max HR comes from the default age rather than the user's own data."""
        return self.birth_year is None and self.max_hr is None

    @property
    def zones_bpm(self) -> tuple[float, ...]:
        """The lowest bpm of Z1..Z5, then max HR (what activity charts draw)."""
        return (*zone_floors(self.athlete), self.athlete.hr_max)


def heart_profile(user: User, method: str | None, today: dtm.date) -> HeartProfile:
    """Build the profile from a user row; impossible stored values fall back to defaults."""
    zone_method: ZoneMethod = "karvonen" if method == "karvonen" else "hrmax"
    age = today.year - user.birth_year if user.birth_year else DEFAULT_AGE
    sex = user.sex if user.sex in ("m", "f") else DEFAULT_SEX
    try:
        athlete = AthleteProfile(
            age,
            sex,
            user.max_hr,
            user.rest_hr,
            zone_method=zone_method,  # type: ignore[arg-type]
        )
    except ProfileError:  # a stored value no longer fits (e.g. age passed 100): use defaults
        athlete = AthleteProfile(DEFAULT_AGE, DEFAULT_SEX, zone_method=zone_method)
    return HeartProfile(user.birth_year, user.sex, user.max_hr, user.rest_hr, zone_method, athlete)


def parse_setting(text: str, today: dtm.date) -> tuple[str, object]:
    """Read '/hr' arguments such as 'born 1988', 'age 36', 'max 188', 'sex f', 'zones hrr'.

    Returns the column to change and its new value (None clears it).
    """
    words = text.lower().replace("=", " ").replace(":", " ").split()
    if len(words) != 2 or words[0] not in _ALIASES:
        raise HrInputError(
            "Try “/hr born 1988”, “/hr max 188”, “/hr rest 52”, “/hr sex f” or "
            "“/hr zones karvonen” (or “/hr max auto” to go back to the estimate)."
        )
    field, value = _ALIASES[words[0]], words[1]
    if field == "sex":
        if value not in _SEXES:
            raise HrInputError("Sex must be m or f (it sets the TRIMP weighting).")
        return "sex", _SEXES[value]
    if field == "zones":
        if value not in _METHODS:
            raise HrInputError("Zones can be % of max HR (“hrmax”) or of HR reserve (“karvonen”).")
        return "zone_method", _METHODS[value]
    if value in _CLEAR:
        return {"born": "birth_year", "age": "birth_year"}.get(field, f"{field}_hr"), None
    if not value.isdigit():
        raise HrInputError(f"“{value[:12]}” is not a whole number.")
    number = int(value)
    if field == "age":
        return "birth_year", today.year - number
    if field == "born":
        return "birth_year", number
    return f"{field}_hr", number


def check_profile(user: User, method: str, today: dtm.date) -> None:
    """Refuse settings no human heart fits, with the engine's friendly message."""
    if user.birth_year is not None and not 10 <= today.year - user.birth_year <= 100:
        raise HrInputError(f"A birth year of {user.birth_year} gives an age outside 10–100.")
    age = today.year - user.birth_year if user.birth_year else DEFAULT_AGE
    try:
        AthleteProfile(
            age,
            user.sex or DEFAULT_SEX,  # type: ignore[arg-type]
            user.max_hr,
            user.rest_hr,
            zone_method=method,  # type: ignore[arg-type]
        )
    except ProfileError as exc:
        raise HrInputError(str(exc)) from exc


class AthleteService:
    """Show and change the heart-rate profile."""

    def __init__(self, core: Core) -> None:
        self._core = core

    def _today(self) -> dtm.date:
        return self._core.clock().date()

    async def heart(self, user_id: int) -> HeartProfile:
        """The user's heart-rate profile (defaults filled in)."""
        async with self._core.db.read() as session:
            user = await users.get_user(session, user_id)
            if user is None:
                raise EngineError(NOT_STARTED)
            method = await repo.zone_method(session, user_id)
        return heart_profile(user, method, self._today())

    async def change(self, update_id: int, user_id: int, text: str) -> HeartProfile:
        """Apply one typed or tapped setting ('max 188', 'zones karvonen'); all or nothing."""
        today = self._today()
        column, value = parse_setting(text, today)
        async with self._core.once(update_id, user_id, "hr") as session:
            user = await users.get_user(session, user_id)
            if user is None:
                raise EngineError(NOT_STARTED)
            method = await repo.zone_method(session, user_id) or "hrmax"
            if column == "zone_method":
                method = str(value)
                await repo.set_zone_method(session, user_id, method)
            else:
                setattr(user, column, value)
            check_profile(user, method, today)  # raising here rolls the change back
            session.add(user)
            profile = heart_profile(user, method, today)
        self._core.forget(user_id)
        return profile
