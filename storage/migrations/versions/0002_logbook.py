"""Logbook: workouts, log entries, sets, pending questions, custom exercises; user formula.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _user_fk() -> sa.ForeignKey:
    return sa.ForeignKey("users.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "workouts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.BigInteger(), _user_fk(), nullable=False, index=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("last_set_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "log_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.BigInteger(), _user_fk(), nullable=False, index=True),
        sa.Column(
            "workout_id",
            sa.Integer(),
            sa.ForeignKey("workouts.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("update_id", sa.BigInteger(), nullable=True, unique=True),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("repeat_of", sa.Integer(), nullable=True, unique=True),
        sa.Column("raw_text", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "set_logs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "entry_id",
            sa.Integer(),
            sa.ForeignKey("log_entries.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("user_id", sa.BigInteger(), nullable=False, index=True),
        sa.Column("workout_id", sa.Integer(), nullable=False, index=True),
        sa.Column("exercise", sa.String(), nullable=False, index=True),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("weight_kg", sa.Float(), nullable=True),
        sa.Column("input_weight", sa.Float(), nullable=True),
        sa.Column("input_unit", sa.String(), nullable=True),
        sa.Column("unit_defaulted", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("rir", sa.Float(), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("bodyweight", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("added_weight_kg", sa.Float(), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("e1rm_kg", sa.Float(), nullable=True),
        sa.Column("performed_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_set_logs_user_exercise", "set_logs", ["user_id", "exercise"])
    op.create_table(
        "pending_inputs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.BigInteger(), _user_fk(), nullable=False, index=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("raw_text", sa.String(), nullable=False, server_default=""),
        sa.Column("payload", sa.String(), nullable=False, server_default="{}"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "custom_exercises",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.BigInteger(), _user_fk(), nullable=False, index=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("pattern", sa.String(), nullable=False, server_default="isolation"),
        sa.Column("bodyweight", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("user_id", "name"),
    )
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("e1rm_formula", sa.String(), nullable=False, server_default="auto")
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("e1rm_formula")
    for table in ("custom_exercises", "pending_inputs", "set_logs", "log_entries", "workouts"):
        op.drop_table(table)
