"""Log-entry ids given ahead of the insert.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "id_marks",
        sa.Column("name", sa.String(), primary_key=True),
        sa.Column("value", sa.BigInteger(), nullable=False),
    )
    # Ids below the highest one in use are never handed out again, even after an undo.
    op.execute(
        "INSERT INTO id_marks (name, value) "
        "SELECT 'log_entries', coalesce(max(id), 0) FROM log_entries"
    )


def downgrade() -> None:
    op.drop_table("id_marks")
