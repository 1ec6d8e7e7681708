"""an office says what F9 does while someone is at the counter (ask or refuse)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 21:40:00

A NOT NULL column with the server default 'ask': every office asks as before until
its team lead sets "refuse" in the capacity editor. A plain ALTER on both SQLite and
PostgreSQL (no table copy); the office rows reach the PCs whole, with the new column.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "office",
        sa.Column(
            "call_next_with_current",
            sa.String(length=8),
            nullable=False,
            server_default=sa.text("'ask'"),
        ),
    )


def downgrade() -> None:
    op.drop_column("office", "call_next_with_current")  # SQLite 3.35 drops a column in place
