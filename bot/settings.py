"""Spotter's settings, read from SPOTTER_* environment variables and an optional .env file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class Settings(BaseSettings):
    """Every setting of the bot; built once in ``main()`` and passed down."""

    model_config = SettingsConfigDict(
        env_prefix="SPOTTER_", env_file=".env", extra="ignore", frozen=True
    )

    telegram_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    data_dir: Path = Path("data")
    database_url: str = ""
    timezone: str = "UTC"
    ollama_host: str = "http://127.0.0.1:11434"
    ollama_model: str = "llama3.2:1b"
    # How long the coach's sentence may take (queue, prompt and reply) before it is dropped.
    ollama_timeout_s: float = Field(default=20.0, gt=0, le=300)
    voice: bool = True  # the coaching voice (on/off); off: template lines only
    log_level: str = "INFO"
    admin_ids: Annotated[tuple[int, ...], NoDecode] = ()
    workout_gap_hours: float = Field(default=3.0, gt=0, le=24)
    workers: int = Field(default=2, ge=0, le=8)  # processes for FIT analysis and charts
    # The nightly backup made by the bot itself (03:30 local), for installs without the
    # systemd timer (deploy/spotter-backup.timer); off by default, as the timer does it.
    backup_in_bot: bool = False
    # Tests only: the bot's clock runs this many seconds ahead of (or behind) the real one,
    # so a test of the real process can place it just before a scheduled message.
    clock_offset_s: float = 0.0

    @field_validator("telegram_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA timezone {value!r} (e.g. Europe/Berlin)") from exc
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return level

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(int(part) for part in value.replace(",", " ").split())
        return value

    @model_validator(mode="after")
    def _default_database(self) -> Settings:
        if not self.database_url:
            url = f"sqlite+aiosqlite:///{self.data_dir / 'spotter.db'}"
            object.__setattr__(self, "database_url", url)
        return self

    @property
    def token(self) -> str:
        """The bot token as text ('' when unset)."""
        return self.telegram_token.get_secret_value() if self.telegram_token else ""

    @property
    def bot_base_url(self) -> str:
        return f"{self.telegram_api_url}/bot"

    @property
    def bot_file_url(self) -> str:
        return f"{self.telegram_api_url}/file/bot"


def describe_error(exc: Exception) -> str:
    """Turn a settings ValidationError into one line naming the variable and the problem."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return str(exc)
    parts = []
    for err in errors():
        field = ".".join(str(p) for p in err.get("loc", ())) or "settings"
        message = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(f"SPOTTER_{field.upper()}: {message}")
    return "invalid configuration: " + "; ".join(parts)
