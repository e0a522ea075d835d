"""SQLModel table rows. The schema itself is owned by the Alembic migrations beside this file."""

from __future__ import annotations

import datetime as dtm
from dataclasses import dataclass

from sqlalchemy import BigInteger, Column, ForeignKey, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

# Every datetime field is stored as naive UTC on every backend (see storage.portable).
from storage.portable import store_times_as_naive_utc

store_times_as_naive_utc()


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
    e1rm_formula: str = "auto"
    birth_year: int | None = None
    sex: str | None = None  # "m" / "f", for HR maxima and TRIMP
    max_hr: int | None = None
    rest_hr: int | None = None
    morning_hour: int = 7  # local hour of the morning session message
    zone_method: str = "hrmax"  # "hrmax" (% of max HR) or "karvonen" (% of HR reserve)
    created_at: dtm.datetime


class ProcessedUpdate(SQLModel, table=True):
    """A Telegram update whose effect is in the database (written in the same transaction)."""

    __tablename__ = "processed_updates"

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    # No foreign key: the row is written before the effect (which may create the user).
    user_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    kind: str = ""
    created_at: dtm.datetime


class InboxUpdate(SQLModel, table=True):
    """A Telegram update as received, written before it is handled (see storage.inbox)."""

    __tablename__ = "inbox"

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    payload: str  # the update's JSON, exactly as getUpdates returned it
    received_at: dtm.datetime
    done_at: dtm.datetime | None = None


class IdMark(SQLModel, table=True):
    """The highest id ever handed out for a table whose ids are given before the insert."""

    __tablename__ = "id_marks"

    name: str = Field(primary_key=True)
    value: int = Field(sa_column=Column(BigInteger, nullable=False))


class Workout(SQLModel, table=True):
    """A training session: sets logged without a long pause, or from /start_workout to /done."""

    __tablename__ = "workouts"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    )
    started_at: dtm.datetime
    last_set_at: dtm.datetime
    closed_at: dtm.datetime | None = None


class LogEntry(SQLModel, table=True):
    """One logged message (or button press) and the sets it produced."""

    __tablename__ = "log_entries"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    )
    workout_id: int = Field(
        sa_column=Column(ForeignKey("workouts.id", ondelete="CASCADE"), index=True)
    )
    update_id: int | None = Field(default=None, sa_column=Column(BigInteger, unique=True))
    message_id: int | None = None
    repeat_of: int | None = Field(default=None, unique=True)
    raw_text: str
    created_at: dtm.datetime


class SetLog(SQLModel, table=True):
    """One performed set. Weights are stored in kg, with what the user typed kept beside them."""

    __tablename__ = "set_logs"
    # Records and the set-log hot path read one user's sets of one exercise.
    __table_args__ = (Index("ix_set_logs_user_exercise", "user_id", "exercise"),)

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(
        sa_column=Column(ForeignKey("log_entries.id", ondelete="CASCADE"), index=True)
    )
    user_id: int = Field(sa_column=Column(BigInteger, index=True))
    workout_id: int = Field(index=True)
    exercise: str = Field(index=True)
    position: int = 0
    weight_kg: float | None = None
    input_weight: float | None = None
    input_unit: str | None = None
    unit_defaulted: bool = False
    reps: int | None = None
    rir: float | None = None
    rpe: float | None = None
    bodyweight: bool = False
    added_weight_kg: float | None = None
    duration_s: float | None = None
    distance_m: float | None = None
    e1rm_kg: float | None = None
    performed_at: dtm.datetime


@dataclass(frozen=True, slots=True)
class NewSet:
    """A set about to be stored: SetLog's columns but its ids and position, which the insert
    fills in. Building a SetLog costs several times more, and the set-log hot path builds
    one for every set it acknowledges."""

    exercise: str
    performed_at: dtm.datetime
    weight_kg: float | None = None
    input_weight: float | None = None
    input_unit: str | None = None
    unit_defaulted: bool = False
    reps: int | None = None
    rir: float | None = None
    rpe: float | None = None
    bodyweight: bool = False
    added_weight_kg: float | None = None
    duration_s: float | None = None
    distance_m: float | None = None
    e1rm_kg: float | None = None

    @classmethod
    def like(cls, row: SetLog, at: dtm.datetime) -> NewSet:
        """A new set repeating a stored one at another time."""
        return cls(**{name: getattr(row, name) for name in NEW_SET_FIELDS}, performed_at=at)


NEW_SET_FIELDS = tuple(name for name in NewSet.__slots__ if name != "performed_at")


class PendingInput(SQLModel, table=True):
    """A message waiting for the user's answer (ambiguous parse, unknown exercise, edit)."""

    __tablename__ = "pending_inputs"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    )
    kind: str
    message_id: int | None = None
    raw_text: str = ""
    payload: str = "{}"
    created_at: dtm.datetime


class CustomExercise(SQLModel, table=True):
    """An exercise a user added to their own catalog."""

    __tablename__ = "custom_exercises"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    )
    name: str
    pattern: str = "isolation"
    bodyweight: bool = False
    created_at: dtm.datetime


class UploadedFile(SQLModel, table=True):
    """A file a user sent (kept compressed in the data folder so analyses can be redone)."""

    __tablename__ = "uploaded_files"
    __table_args__ = (UniqueConstraint("user_id", "sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    )
    sha256: str
    filename: str
    size: int
    stored_path: str  # relative to the data folder
    created_at: dtm.datetime


class ActivityRow(SQLModel, table=True):
    """One analysed activity (a session of a FIT file); JSON columns hold the details."""

    __tablename__ = "activities"
    __table_args__ = (UniqueConstraint("user_id", "start_time", "sport"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    )
    file_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("uploaded_files.id", ondelete="SET NULL"))
    )
    sport: str
    sub_sport: str | None = None
    start_time: dtm.datetime = Field(index=True)
    elapsed_s: float = 0.0
    timer_s: float = 0.0
    distance_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    elevation_gain_m: float | None = None
    trimp: float | None = None
    hrtss: float | None = None
    load: float = 0.0  # the day's training-load points this activity adds (see services)
    zone_times_s: str = "[]"  # JSON list, Z0..Z5 seconds
    best_efforts: str = "{}"  # JSON {label: seconds}
    summary: str = "{}"  # JSON of the engine's analysis
    created_at: dtm.datetime


class ProgramRow(SQLModel, table=True):
    """A training program built for a user (the engine's Program as JSON)."""

    __tablename__ = "programs"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    )
    name: str = ""
    start_date: dtm.date
    state: str = "{}"  # JSON: the answers it was built from, sessions applied, deloads
    program: str = "{}"  # JSON of engine.program.Program.to_dict()
    active: bool = True
    created_at: dtm.datetime


class Delivery(SQLModel, table=True):
    """A scheduled message sent (or being sent) once per user, kind and local day."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("user_id", "kind", "local_date"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    )
    kind: str
    local_date: dtm.date
    created_at: dtm.datetime


class ReminderSetting(SQLModel, table=True):
    """What a user chose in /remind; a user without a row has the defaults."""

    __tablename__ = "reminder_settings"

    user_id: int = Field(
        sa_column=Column(
            BigInteger,
            ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        )
    )
    days: int = 127  # weekdays of the morning message, bit 0 = Monday
    morning: bool = True  # False: no morning message
    rest_note: bool = False  # on rest days: a short note, or nothing
    weekly: bool = True  # the Sunday-evening summary
    active: bool = True  # False once Telegram refused a message (blocked), until they write
    checkin: int = 3  # readiness questions on the morning message: 3, 1 ("how do you feel"), 0


class ReadinessCheckin(SQLModel, table=True):
    """A morning's readiness answers (1 worst … 3 best; None: not answered)."""

    __tablename__ = "readiness_checkins"

    user_id: int = Field(
        sa_column=Column(
            BigInteger,
            ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        )
    )
    local_date: dtm.date = Field(primary_key=True)
    sleep: int | None = None
    soreness: int | None = None
    energy: int | None = None
    feel: int | None = None
    updated_at: dtm.datetime


class Team(SQLModel, table=True):
    """A coach's squad: athletes join it through an invite link, a group may be linked."""

    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("coach_id", "name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    coach_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    )
    name: str
    name_key: str  # the name folded: a coach has one team of a name
    created_at: dtm.datetime


class TeamInvite(SQLModel, table=True):
    """An invite link's secret payload: valid until it expires or the coach revokes it."""

    __tablename__ = "team_invites"

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(sa_column=Column(ForeignKey("teams.id", ondelete="CASCADE"), index=True))
    token: str = Field(unique=True)
    created_at: dtm.datetime
    expires_at: dtm.datetime
    revoked_at: dtm.datetime | None = None


class TeamMember(SQLModel, table=True):
    """An athlete's time on a team: from joining until they left or were removed."""

    __tablename__ = "team_members"

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(sa_column=Column(ForeignKey("teams.id", ondelete="CASCADE"), index=True))
    user_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    )
    joined_at: dtm.datetime
    left_at: dtm.datetime | None = None
    removed: bool = False  # taken off by the coach, rather than left


class InviteOpen(SQLModel, table=True):
    """An invite link a user opened: the join question put to them (after onboarding, for a
    new user), and whether they answered it."""

    __tablename__ = "invite_opens"

    # No foreign key to users: a new user opens the link before their row exists.
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    invite_id: int = Field(
        sa_column=Column(
            ForeignKey("team_invites.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        )
    )
    opened_at: dtm.datetime
    offered_at: dtm.datetime | None = None
    answered_at: dtm.datetime | None = None


class TeamChat(SQLModel, table=True):
    """A Telegram group linked to a team; inactive once the bot was removed from it."""

    __tablename__ = "team_chats"

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(sa_column=Column(ForeignKey("teams.id", ondelete="CASCADE"), index=True))
    chat_id: int = Field(sa_column=Column(BigInteger, unique=True, nullable=False))
    title: str = ""
    linked_by: int = Field(sa_column=Column(BigInteger, nullable=False))
    linked_at: dtm.datetime
    active: bool = True


class TeamNotice(SQLModel, table=True):
    """How a coach hears of a team's finished workouts: each one, a daily digest, or not."""

    __tablename__ = "team_notices"

    team_id: int = Field(
        sa_column=Column(
            ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
        )
    )
    mode: str = "each"  # "each", "daily" or "off"
    hour: int = 20  # the coach's local hour of the daily digest


class Broadcast(SQLModel, table=True):
    """A plan week posted to a team once: its group message and whom it reached."""

    __tablename__ = "broadcasts"
    __table_args__ = (UniqueConstraint("team_id", "plan_name", "week_start"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(sa_column=Column(ForeignKey("teams.id", ondelete="CASCADE"), index=True))
    plan_name: str
    week_start: dtm.date  # the first day of the week posted
    coach_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    message_id: int | None = None
    text: str = ""  # the group post as sent
    created_at: dtm.datetime


class BroadcastRecipient(SQLModel, table=True):
    """One athlete of a broadcast: claimed before their private message goes out, once."""

    __tablename__ = "broadcast_recipients"

    broadcast_id: int = Field(
        sa_column=Column(
            ForeignKey("broadcasts.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
        )
    )
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    status: str = "pending"  # pending, sent, unopened (never opened the bot), blocked
    updated_at: dtm.datetime


class CoachSession(SQLModel, table=True):
    """One athlete's session of a coach's plan on a local day, with their own loads."""

    __tablename__ = "coach_sessions"
    __table_args__ = (UniqueConstraint("broadcast_id", "user_id", "local_date"),)

    id: int | None = Field(default=None, primary_key=True)
    broadcast_id: int = Field(
        sa_column=Column(ForeignKey("broadcasts.id", ondelete="CASCADE"), index=True)
    )
    user_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    )
    local_date: dtm.date = Field(index=True)
    title: str
    exercises: str = "[]"  # JSON: [{exercise, sets, reps, load_kg, rir, rpe, note}]
    created_at: dtm.datetime


class ImportRow(SQLModel, table=True):
    """One confirmed import of another app's (or Spotter's own) CSV export."""

    __tablename__ = "imports"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    )
    format: str
    file_name: str = ""
    workouts: int = 0
    sets: int = 0
    warmups: int = 0
    duplicates: int = 0
    first_at: dtm.datetime | None = None
    last_at: dtm.datetime | None = None
    created_at: dtm.datetime


class ImportWorkout(SQLModel, table=True):
    """A workout an import created: undoing the import deletes exactly these."""

    __tablename__ = "import_workouts"

    import_id: int = Field(
        sa_column=Column(ForeignKey("imports.id", ondelete="CASCADE"), primary_key=True)
    )
    workout_id: int = Field(
        sa_column=Column(ForeignKey("workouts.id", ondelete="CASCADE"), primary_key=True)
    )


class WarmupSet(SQLModel, table=True):
    """An imported warm-up set: kept and shown, never part of records, e1RM or volume
    (those read set_logs only)."""

    __tablename__ = "warmup_sets"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    )
    workout_id: int = Field(
        sa_column=Column(ForeignKey("workouts.id", ondelete="CASCADE"), index=True)
    )
    exercise: str
    position: int = 0
    weight_kg: float | None = None
    input_weight: float | None = None
    input_unit: str | None = None
    reps: int | None = None
    rpe: float | None = None
    duration_s: float | None = None
    distance_m: float | None = None
    performed_at: dtm.datetime


class BodyWeight(SQLModel, table=True):
    """A weigh-in: the user's body weight in kg at a moment (one per user and moment)."""

    __tablename__ = "body_weights"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    )
    measured_at: dtm.datetime
    local_date: dtm.date
    kg: float
    input_value: float
    input_unit: str
