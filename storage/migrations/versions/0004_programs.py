"""Programs and scheduled deliveries; the user's morning hour.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _user_fk() -> sa.ForeignKey:
    return sa.ForeignKey("users.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "programs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.BigInteger(), _user_fk(), nullable=False, index=True),
        sa.Column("name", sa.String(), nullable=False, server_default=""),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("request", sa.String(), nullable=False, server_default="{}"),
        sa.Column("program", sa.String(), nullable=False, server_default="{}"),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.BigInteger(), _user_fk(), nullable=False, index=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("user_id", "kind", "local_date"),
    )
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("morning_hour", sa.Integer(), nullable=False, server_default="7")
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("morning_hour")
    op.drop_table("deliveries")
    op.drop_table("programs")
