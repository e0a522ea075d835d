"""Imports of CSV histories: each import, the workouts it created, imported warm-up sets.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _fk(target: str) -> sa.ForeignKey:
    return sa.ForeignKey(target, ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.BigInteger(), _fk("users.id"), nullable=False, index=True),
        sa.Column("format", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False, server_default=""),
        sa.Column("workouts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("sets", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("warmups", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("duplicates", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("first_at", sa.DateTime(), nullable=True),
        sa.Column("last_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "import_workouts",
        sa.Column("import_id", sa.Integer(), _fk("imports.id"), primary_key=True),
        sa.Column("workout_id", sa.Integer(), _fk("workouts.id"), primary_key=True),
    )
    op.create_table(
        "warmup_sets",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.BigInteger(), _fk("users.id"), nullable=False, index=True),
        sa.Column("workout_id", sa.Integer(), _fk("workouts.id"), nullable=False, index=True),
        sa.Column("exercise", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("weight_kg", sa.Float(), nullable=True),
        sa.Column("input_weight", sa.Float(), nullable=True),
        sa.Column("input_unit", sa.String(), nullable=True),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("performed_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("warmup_sets")
    op.drop_table("import_workouts")
    op.drop_table("imports")
