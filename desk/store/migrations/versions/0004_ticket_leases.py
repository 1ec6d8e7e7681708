"""ticket leases

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 16:59:19.726762
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "ticket_lease",
        sa.Column("office_id", sa.String(length=40), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("first_number", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("leased_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("first_number <= last_number", name=op.f("ck_ticket_lease_block")),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_ticket_lease_office_id_office")
        ),
        sa.PrimaryKeyConstraint(
            "office_id", "service_day", "first_number", name=op.f("pk_ticket_lease")
        ),
        sa.UniqueConstraint(
            "office_id",
            "service_day",
            "client_id",
            name=op.f("uq_ticket_lease_office_id_service_day_client_id"),
        ),
    )


def downgrade() -> None:

    op.drop_table("ticket_lease")
