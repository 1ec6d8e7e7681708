"""a ticket remembers the reception's press that issued it (one press, one ticket)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 21:00:00

A nullable column and a unique index per office: the same press again (a double
click, a retry after a timeout) finds its ticket instead of issuing another. Tickets
issued before have none. A plain ALTER on both SQLite and PostgreSQL (no table copy:
the display views read the ticket table); the change-log trigger logs the whole row.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("ticket", sa.Column("request_id", sa.Uuid(), nullable=True))
    op.create_index("uq_ticket_office_request", "ticket", ["office_id", "request_id"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_ticket_office_request", table_name="ticket")
    op.drop_column("ticket", "request_id")  # SQLite 3.35 drops a column in place
