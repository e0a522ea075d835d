"""Reminder settings: weekdays of the morning message, rest-day note, weekly summary, active.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminder_settings",
        sa.Column(
            "user_id",
            sa.BigInteger(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("days", sa.Integer(), nullable=False, server_default="127"),
        sa.Column("morning", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("rest_note", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("weekly", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
    )


def downgrade() -> None:
    op.drop_table("reminder_settings")
