"""SQLModel table rows. The schema itself is owned by the Alembic migrations beside this file."""

from __future__ import annotations

import datetime as dtm

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel


class User(SQLModel, table=True):
    """A Telegram user of the bot and their preferences."""

    __tablename__ = "users"

    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    first_name: str = ""
    username: str | None = None
    units: str = "kg"
    timezone: str = "UTC"
    role: str = "athlete"
    awaiting: str | None = "units"  # what the next plain text answers: units, timezone, …
    created_at: dtm.datetime


class ProcessedUpdate(SQLModel, table=True):
    """A Telegram update whose effect is in the database (written in the same transaction)."""

    __tablename__ = "processed_updates"

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    # No foreign key: the row is written before the effect (which may create the user).
    user_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    kind: str = ""
    created_at: dtm.datetime
