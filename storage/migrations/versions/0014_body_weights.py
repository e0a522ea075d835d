"""Body weights: each weigh-in in kg with the value and unit as written.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "body_weights",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "user_id",
            sa.BigInteger(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("measured_at", sa.DateTime(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("kg", sa.Float(), nullable=False),
        sa.Column("input_value", sa.Float(), nullable=False),
        sa.Column("input_unit", sa.String(), nullable=False),
    )
    op.create_index("ix_body_weights_user_id", "body_weights", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_body_weights_user_id", table_name="body_weights")
    op.drop_table("body_weights")
