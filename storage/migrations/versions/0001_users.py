"""Users and processed updates.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("first_name", sa.String(), nullable=False, server_default=""),
        sa.Column("username", sa.String(), nullable=True),
        sa.Column("units", sa.String(), nullable=False, server_default="kg"),
        sa.Column("timezone", sa.String(), nullable=False, server_default="UTC"),
        sa.Column("role", sa.String(), nullable=False, server_default="athlete"),
        sa.Column("awaiting", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "processed_updates",
        sa.Column("update_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_processed_updates_user_id", "processed_updates", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_processed_updates_user_id", "processed_updates")
    op.drop_table("processed_updates")
    op.drop_table("users")
