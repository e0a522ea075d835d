"""Programs: the bookkeeping column holds the whole program state, so it is called so.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programs") as batch:
        batch.alter_column("request", new_column_name="state")


def downgrade() -> None:
    with op.batch_alter_table("programs") as batch:
        batch.alter_column("state", new_column_name="request")
