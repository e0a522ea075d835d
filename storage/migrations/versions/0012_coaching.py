"""Coach mode: completion notices per team, plan broadcasts, their recipients, athletes'
coached sessions.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _fk(target: str) -> sa.ForeignKey:
    return sa.ForeignKey(target, ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "team_notices",
        sa.Column("team_id", sa.Integer(), _fk("teams.id"), primary_key=True, autoincrement=False),
        sa.Column("mode", sa.String(), nullable=False, server_default="each"),
        sa.Column("hour", sa.Integer(), nullable=False, server_default="20"),
    )
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.Integer(), _fk("teams.id"), nullable=False, index=True),
        sa.Column("plan_name", sa.String(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("coach_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("team_id", "plan_name", "week_start"),
    )
    op.create_table(
        "broadcast_recipients",
        sa.Column(
            "broadcast_id",
            sa.Integer(),
            _fk("broadcasts.id"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("status", sa.String(), nullable=False, server_default="pending"),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "coach_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("broadcast_id", sa.Integer(), _fk("broadcasts.id"), nullable=False, index=True),
        sa.Column("user_id", sa.BigInteger(), _fk("users.id"), nullable=False, index=True),
        sa.Column("local_date", sa.Date(), nullable=False, index=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("exercises", sa.String(), nullable=False, server_default="[]"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("broadcast_id", "user_id", "local_date"),
    )


def downgrade() -> None:
    op.drop_table("coach_sessions")
    op.drop_table("broadcast_recipients")
    op.drop_table("broadcasts")
    op.drop_table("team_notices")
