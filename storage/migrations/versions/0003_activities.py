"""Uploaded files and analysed activities; heart-rate profile on users.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _user_fk() -> sa.ForeignKey:
    return sa.ForeignKey("users.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "uploaded_files",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.BigInteger(), _user_fk(), nullable=False, index=True),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("filename", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("stored_path", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("user_id", "sha256"),
    )
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.BigInteger(), _user_fk(), nullable=False, index=True),
        sa.Column(
            "file_id",
            sa.Integer(),
            sa.ForeignKey("uploaded_files.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("sport", sa.String(), nullable=False),
        sa.Column("sub_sport", sa.String(), nullable=True),
        sa.Column("start_time", sa.DateTime(), nullable=False, index=True),
        sa.Column("elapsed_s", sa.Float(), nullable=False),
        sa.Column("timer_s", sa.Float(), nullable=False),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("avg_hr", sa.Float(), nullable=True),
        sa.Column("max_hr", sa.Float(), nullable=True),
        sa.Column("elevation_gain_m", sa.Float(), nullable=True),
        sa.Column("trimp", sa.Float(), nullable=True),
        sa.Column("hrtss", sa.Float(), nullable=True),
        sa.Column("load", sa.Float(), nullable=False, server_default="0"),
        sa.Column("zone_times_s", sa.String(), nullable=False, server_default="[]"),
        sa.Column("best_efforts", sa.String(), nullable=False, server_default="{}"),
        sa.Column("summary", sa.String(), nullable=False, server_default="{}"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("user_id", "start_time", "sport"),
    )
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("birth_year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("sex", sa.String(), nullable=True))
        batch.add_column(sa.Column("max_hr", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("rest_hr", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        for column in ("rest_hr", "max_hr", "sex", "birth_year"):
            batch.drop_column(column)
    op.drop_table("activities")
    op.drop_table("uploaded_files")
